using System.Text.Json.Serialization;

namespace SidecarGuard.Core.Detection;

/// <summary>One lexicon file as stored under <c>Detection/Lexicons/</c>; see the README there for the format.</summary>
internal sealed class LexiconDocument
{
    /// <summary>Category or signal name the file scores; empty for the shared macro file.</summary>
    [JsonPropertyName("category")]
    public string Category { get; init; } = string.Empty;

    /// <summary>What the file is for, for readers only.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = string.Empty;

    /// <summary>Default <see cref="LexiconPattern.Requires"/> for patterns that set none.</summary>
    [JsonPropertyName("requires")]
    public List<string> Requires { get; init; } = [];

    /// <summary>Named regex fragments usable as <c>{name}</c> in patterns and other macros.</summary>
    [JsonPropertyName("macros")]
    public Dictionary<string, string> Macros { get; init; } = [];

    /// <summary>Patterns that raise the category score when they match.</summary>
    [JsonPropertyName("patterns")]
    public List<LexiconPattern> Patterns { get; init; } = [];

    /// <summary>Context patterns that lower the score of non-strong patterns when they match.</summary>
    [JsonPropertyName("benign")]
    public List<LexiconBenignPattern> Benign { get; init; } = [];
}

/// <summary>A scoring pattern.</summary>
internal sealed class LexiconPattern
{
    /// <summary>Stable identifier, unique within the file.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>Regex over normalised text; <c>{macro}</c> references are expanded first.</summary>
    [JsonPropertyName("match")]
    public string Match { get; init; } = string.Empty;

    /// <summary>
    /// Optional prefilter: words (letter/digit runs; a trailing <c>*</c> matches a prefix) of which the text must
    /// contain at least one before the pattern is tried. List the first word of each thing the pattern needs.
    /// </summary>
    [JsonPropertyName("requires")]
    public List<string> Requires { get; init; } = [];

    /// <summary>Score in [0, 1] the pattern gives its category.</summary>
    [JsonPropertyName("score")]
    public double Score { get; init; }

    /// <summary>Benign context does not lower this pattern (unambiguous phrasings).</summary>
    [JsonPropertyName("strong")]
    public bool Strong { get; init; }

    /// <summary>Language of the pattern (BCP 47 primary tag), for readers and per-language tests.</summary>
    [JsonPropertyName("lang")]
    public string Lang { get; init; } = "en";
}

/// <summary>A benign-context pattern.</summary>
internal sealed class LexiconBenignPattern
{
    /// <summary>Stable identifier, unique within the file.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>Regex over normalised text; <c>{macro}</c> references are expanded first.</summary>
    [JsonPropertyName("match")]
    public string Match { get; init; } = string.Empty;

    /// <summary>Multiplier in [0, 1] applied to non-strong pattern scores when this matches.</summary>
    [JsonPropertyName("factor")]
    public double Factor { get; init; } = 0.5;

    /// <summary>
    /// The harm word is used in a sense that hurts no one (time or a process killed, a bath bomb): then the semantic
    /// stage holds its heads' readings of violence by this factor too. Other benign contexts (history, fiction, news)
    /// lower only the lexicons' own patterns, since attacks wrap their requests in them.
    /// </summary>
    [JsonPropertyName("figurative")]
    public bool Figurative { get; init; }

    /// <summary>Language of the pattern, as for <see cref="LexiconPattern.Lang"/>.</summary>
    [JsonPropertyName("lang")]
    public string Lang { get; init; } = "en";
}
