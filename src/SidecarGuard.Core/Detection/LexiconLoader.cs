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

    private static readonly JsonSerializerOptions Json = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads every embedded lexicon.</summary>
    public static LexiconSet LoadEmbedded() => LoadEmbedded(static _ => true);

    /// <summary>Loads the embedded lexicons whose category <paramref name="keep"/> accepts (the lab's ablation).</summary>
    public static LexiconSet LoadEmbedded(Func<string, bool> keep)
    {
        var (documents, shared) = ReadEmbedded();
        return Compile(documents.Where(d => keep(d.Category)), shared);
    }

    /// <summary>The category of every embedded lexicon file, signals (refusal, end request, ...) included.</summary>
    public static IReadOnlyList<string> EmbeddedCategories() => [.. ReadEmbedded().Documents.Select(d => d.Category)];

    /// <summary>The regex source of every embedded pattern, macros expanded and word boundaries added (for tools and tests).</summary>
    public static IEnumerable<(string Category, string Id, string Source)> EmbeddedPatternSources()
    {
        var (documents, shared) = ReadEmbedded();
        foreach (var document in documents)
        {
            var macros = MacrosFor(document, shared);
            foreach (var p in document.Patterns)
            {
                yield return (document.Category, p.Id, Wrap(Expand(p.Match, macros, document.Category, p.Id)));
            }
        }
    }

    private static (List<LexiconDocument> Documents, IReadOnlyDictionary<string, string> SharedMacros) ReadEmbedded()
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

        return (documents, shared?.Macros ?? []);
    }

    /// <summary>Shared macros overridden by the file's own.</summary>
    private static Dictionary<string, string> MacrosFor(LexiconDocument document, IReadOnlyDictionary<string, string> sharedMacros)
    {
        var macros = new Dictionary<string, string>(sharedMacros, StringComparer.Ordinal);
        foreach (var (key, value) in document.Macros)
        {
            macros[key] = value;
        }

        return macros;
    }

    /// <summary>Compiles documents against shared macros; file macros override shared ones of the same name.</summary>
    public static LexiconSet Compile(IEnumerable<LexiconDocument> documents, IReadOnlyDictionary<string, string> sharedMacros)
    {
        var userTurns = new LexiconScope();
        var replies = new LexiconScope();
        var lexicons = new List<CompiledLexicon>();
        foreach (var document in documents)
        {
            if (string.IsNullOrWhiteSpace(document.Category))
            {
                throw new InvalidOperationException("A lexicon file has no category.");
            }

            var scope = document.Category == LexiconDetector.RefusalSignal ? replies : userTurns;
            lexicons.Add(CompileDocument(document, MacrosFor(document, sharedMacros), scope));
        }

        userTurns.Literals.Seal();
        replies.Literals.Seal();
        return new LexiconSet(lexicons, userTurns, replies);
    }

    private static LexiconDocument Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Lexicon resource '{name}' is missing.");
        return JsonSerializer.Deserialize<LexiconDocument>(stream, Json)
            ?? throw new InvalidOperationException($"Lexicon resource '{name}' is empty.");
    }

    private static CompiledLexicon CompileDocument(
        LexiconDocument document, Dictionary<string, string> macros, LexiconScope scope)
    {
        var category = document.Category;
        var patterns = new List<CompiledPattern>();
        foreach (var p in document.Patterns)
        {
            if (p.Score is < 0 or > 1)
            {
                throw new InvalidOperationException($"{category}/{p.Id}: score {p.Score} is outside [0, 1].");
            }

            var source = Wrap(Expand(p.Match, macros, category, p.Id));
            var regex = Build(source, category, p.Id);
            var requires = p.Requires.Count > 0 ? p.Requires : document.Requires;
            var anchor = requires.Count > 0 ? scope.Anchors.GetOrAdd(requires) : -1;
            var wholeText = p.Match.StartsWith('^') || p.Match.EndsWith('$');
            patterns.Add(new CompiledPattern(regex, p.Score, p.Strong, anchor, scope.Literals.Add(RequiredLiterals.Of(source)), wholeText));
        }

        var benign = document.Benign
            .Select(b => (Build(Wrap(Expand(b.Match, macros, category, b.Id)), category, b.Id), b.Factor))
            .ToArray();
        var figurative = document.Benign.Zip(benign).Where(p => p.First.Figurative).Select(p => p.Second).ToArray();
        return new CompiledLexicon(category, [.. patterns], benign, figurative);
    }

    private static LazyPattern Build(string source, string category, string id)
    {
        try
        {
            LazyPattern.Validate(source);
            return new LazyPattern(source);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{category}/{id}: invalid pattern: {e.Message}", e);
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
