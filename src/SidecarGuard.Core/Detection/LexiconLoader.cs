using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SidecarGuard.Core.Detection;

/// <summary>Reads the embedded lexicon files, expands macros and compiles the regexes.</summary>
internal static partial class LexiconLoader
{
    /// <summary>Prefix of the embedded resource names (set as LogicalName in the project file).</summary>
    public const string ResourcePrefix = "SidecarGuard.Lexicons.";

    private const string SharedMacroFile = ResourcePrefix + "_macros.json";
    private const int MaxMacroDepth = 8;

    // User text is adversarial: the non-backtracking engine keeps every match linear in the input length.
    private const RegexOptions Options =
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private const RegexOptions FallbackOptions =
        RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly TimeSpan FallbackTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly JsonSerializerOptions Json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads every embedded lexicon, keyed by category or signal name.</summary>
    public static IReadOnlyDictionary<string, CompiledLexicon> LoadEmbedded()
    {
        var assembly = typeof(LexiconLoader).Assembly;
        var documents = new List<LexiconDocument>();
        LexiconDocument? shared = null;
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var document = Read(assembly, name);
            if (name == SharedMacroFile)
            {
                shared = document;
            }
            else
            {
                documents.Add(document);
            }
        }

        return Compile(documents, shared?.Macros ?? []);
    }

    /// <summary>Compiles documents against shared macros; file macros override shared ones of the same name.</summary>
    public static IReadOnlyDictionary<string, CompiledLexicon> Compile(
        IEnumerable<LexiconDocument> documents, IReadOnlyDictionary<string, string> sharedMacros)
    {
        var result = new Dictionary<string, CompiledLexicon>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (string.IsNullOrWhiteSpace(document.Category))
            {
                throw new InvalidOperationException("A lexicon file has no category.");
            }

            var macros = new Dictionary<string, string>(sharedMacros, StringComparer.Ordinal);
            foreach (var (key, value) in document.Macros)
            {
                macros[key] = value;
            }

            result.Add(document.Category, CompileDocument(document, macros));
        }

        return result;
    }

    private static LexiconDocument Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Lexicon resource '{name}' is missing.");
        return JsonSerializer.Deserialize<LexiconDocument>(stream, Json)
            ?? throw new InvalidOperationException($"Lexicon resource '{name}' is empty.");
    }

    private static CompiledLexicon CompileDocument(LexiconDocument document, Dictionary<string, string> macros)
    {
        var expanded = document.Patterns
            .Select(p => (p.Id, Source: Wrap(Expand(p.Match, macros, document.Category, p.Id)), p.Score, p.Strong))
            .ToArray();
        foreach (var p in expanded)
        {
            if (p.Score is < 0 or > 1)
            {
                throw new InvalidOperationException($"{document.Category}/{p.Id}: score {p.Score} is outside [0, 1].");
            }
        }

        var patterns = expanded.Select(p => (Build(p.Source, document.Category, p.Id), p.Score, p.Strong)).ToArray();
        var benign = document.Benign
            .Select(b => (Build(Wrap(Expand(b.Match, macros, document.Category, b.Id)), document.Category, b.Id), b.Factor))
            .ToArray();
        return new CompiledLexicon(document.Category, BuildGates(expanded.Select(p => p.Source)), patterns, benign);
    }

    private static Regex Build(string source, string category, string id)
    {
        try
        {
            return new Regex(source, Options);
        }
        catch (NotSupportedException)
        {
            // Too large for the non-backtracking automaton: the patterns have no nested unbounded repeats, so the
            // backtracking engine stays fast; the timeout is a backstop, not the plan.
            return Build(source, category, id, FallbackOptions);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{category}/{id}: invalid pattern: {e.Message}", e);
        }
    }

    private static Regex Build(string source, string category, string id, RegexOptions options)
    {
        try
        {
            return new Regex(source, options, FallbackTimeout);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{category}/{id}: invalid pattern: {e.Message}", e);
        }
    }

    /// <summary>
    /// Alternations of the patterns, as few as the non-backtracking engine accepts, so that text matching none of
    /// them costs a few linear scans instead of one per pattern.
    /// </summary>
    private static Regex[] BuildGates(IEnumerable<string> sources)
    {
        var gates = new List<Regex>();
        var chunk = new List<string>();
        Regex? current = null;
        foreach (var source in sources)
        {
            chunk.Add(source);
            var candidate = TryNonBacktracking(Alternation(chunk));
            if (candidate is not null)
            {
                current = candidate;
                continue;
            }

            chunk.RemoveAt(chunk.Count - 1);
            if (current is not null)
            {
                gates.Add(current);
            }

            chunk.Clear();
            chunk.Add(source);
            current = TryNonBacktracking(source) ?? new Regex(source, FallbackOptions, FallbackTimeout);
            if (current.Options.HasFlag(RegexOptions.Compiled))
            {
                gates.Add(current);
                chunk.Clear();
                current = null;
            }
        }

        if (current is not null)
        {
            gates.Add(current);
        }

        return [.. gates];
    }

    private static string Alternation(List<string> sources) =>
        string.Join('|', sources.Select(s => "(?:" + s + ")"));

    private static Regex? TryNonBacktracking(string source)
    {
        try
        {
            return new Regex(source, Options);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Patterns match whole words: word boundaries are added unless the pattern anchors itself.</summary>
    private static string Wrap(string pattern)
    {
        var start = pattern.StartsWith('^') ? string.Empty : @"\b";
        var end = pattern.EndsWith('$') ? string.Empty : @"\b";
        return start + "(?:" + pattern + ")" + end;
    }

    /// <summary>Replaces <c>{name}</c> with <c>(?:macro)</c>, recursively; numeric quantifiers are left alone.</summary>
    public static string Expand(string pattern, IReadOnlyDictionary<string, string> macros, string category, string id)
    {
        var current = pattern;
        for (var depth = 0; depth < MaxMacroDepth; depth++)
        {
            var changed = false;
            current = MacroReference().Replace(current, m =>
            {
                var name = m.Groups["name"].Value;
                if (!macros.TryGetValue(name, out var body))
                {
                    throw new InvalidOperationException($"{category}/{id}: unknown macro '{{{name}}}'.");
                }

                changed = true;
                return "(?:" + body + ")";
            });
            if (!changed)
            {
                return current;
            }
        }

        throw new InvalidOperationException($"{category}/{id}: macros nest deeper than {MaxMacroDepth}.");
    }

    [GeneratedRegex(@"\{(?<name>[a-z_][a-z0-9_]*)\}")]
    private static partial Regex MacroReference();
}
