using System.Text.RegularExpressions;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Normalization;
using SidecarGuard.Testing;
using Xunit.Abstractions;

namespace SidecarGuard.Core.Tests.Detection;

public sealed class RequiredLiteralsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(@"\b(?:pipe bomb)\b", "pipe bomb")]
    [InlineData(@"\b(?:sarin|ricin)\b", "ricin|sarin")]
    [InlineData(@"how (?:do|can) i make [eé]x", "how can i make ex|how can i make éx|how do i make ex|how do i make éx")]
    [InlineData(@"\b(?:bombs?)\b", "bomb")]
    [InlineData(@"(?:\w+ ){0,4}anthrax", "anthrax")]
    [InlineData(@"kill (?:him|her)+", "kill ")]
    [InlineData(@"kill (?:him|her)+", "her|him")]
    [InlineData(@"a\.b\-c", "a.b-c")]
    public void Finds_The_Strings_Every_Match_Contains(string pattern, string expected)
    {
        var clauses = RequiredLiterals.Of(pattern);

        Assert.Contains(clauses, c => string.Join('|', c) == expected);
    }

    [Fact]
    public void Keeps_A_Set_From_Each_Side_Of_A_Sequence()
    {
        var clauses = RequiredLiterals.Of(@"(?:make|build) (?:\w+ ){0,4}(?:sarin|ricin)").Select(c => string.Join('|', c)).ToList();

        Assert.Contains("ricin|sarin", clauses);
        Assert.Contains("build |make ", clauses);
    }

    [Fact]
    public void An_Alternation_Pairs_The_Sets_Of_Its_Branches()
    {
        // (kill AND him) OR (hurt AND her) => (kill|hurt) AND (him|her), among others.
        var clauses = RequiredLiterals.Of(@"kill \w+ him|hurt \w+ her").Select(c => string.Join('|', c)).ToList();

        Assert.Contains("hurt |kill ", clauses);
        Assert.Contains(" her| him", clauses);
    }

    [Theory]
    [InlineData(@"(?:bomb)?")]
    [InlineData(@"\w+ \w+")]
    [InlineData(@"bomb|\w+")]
    [InlineData(@"a|bc")]
    [InlineData(@"(?:x|y)\w+(?:z|w)")]
    [InlineData(@"(?i)bomb")]
    [InlineData(@"(bomb)\1")]
    [InlineData(@"[^a]bomb[")]
    public void Requires_Nothing_When_A_Match_Need_Not_Contain_A_Known_String_Or_The_Syntax_Is_Not_Understood(string pattern) =>
        Assert.Empty(RequiredLiterals.Of(pattern));

    [Fact]
    public void Embedded_Patterns_Use_No_Look_Around_Or_Back_Reference()
    {
        // Either would keep a pattern on the backtracking interpreter for good, whatever its size (the lexicons' rule:
        // patterns run on the linear-time engine; only one too large for its automaton stays interpreted).
        var construct = new Regex(@"\(\?<?[=!]|\\[1-9]|\\k<", RegexOptions.CultureInvariant);
        var offending = LexiconLoader.EmbeddedPatternSources()
            .Where(p => construct.IsMatch(p.Source))
            .Select(p => $"{p.Category}/{p.Id}")
            .ToList();
        Assert.True(offending.Count == 0, string.Join(", ", offending));
    }

    [Fact]
    public void Embedded_Patterns_Never_Match_Text_Missing_Their_Literals()
    {
        var corpus = Corpus();
        var checkedMatches = 0;
        var patternsMatched = 0;
        var patterns = LexiconLoader.EmbeddedPatternSources().ToList();
        foreach (var (category, id, source) in patterns)
        {
            var clauses = RequiredLiterals.Of(source);
            var regex = Compile(source);
            var matched = false;
            foreach (var text in corpus)
            {
                if (!regex.IsMatch(text))
                {
                    continue;
                }

                matched = true;
                checkedMatches++;
                foreach (var clause in clauses)
                {
                    Assert.True(clause.Any(literal => text.Contains(literal, StringComparison.Ordinal)),
                        $"{category}/{id} matches \"{text}\" but the text holds none of {string.Join(", ", clause.Take(12))}");
                }
            }

            patternsMatched += matched ? 1 : 0;
        }

        output.WriteLine($"{checkedMatches} matches of {patternsMatched} of {patterns.Count} patterns checked over {corpus.Count} texts");
        Assert.True(patternsMatched >= patterns.Count / 2, $"Only {patternsMatched} of {patterns.Count} patterns matched the corpus: too little to check.");
    }

    /// <summary>
    /// Texts the lexicons are known to match: every line of the detection tests' sources (their phrases in every
    /// language) and, when the public sets are next to the checkout, every line of them (read, never copied).
    /// </summary>
    private static List<string> Corpus()
    {
        var root = RepositoryPaths.Root;
        var files = Directory.EnumerateFiles(Path.Combine(root, "tests", "SidecarGuard.Core.Tests", "Detection"), "*.cs", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "tests", "SidecarGuard.Testing", "Phrases.cs"));
        var data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        if (Directory.Exists(data))
        {
            files = files.Concat(Directory.EnumerateFiles(data, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".jsonl", StringComparison.Ordinal)));
        }

        return [.. files.SelectMany(File.ReadLines)
            .Where(line => line.Length < 4000)
            .Select(TextNormalizer.Normalize)
            .Where(line => line.Length > 0)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The linear-time engine where the pattern fits its automaton limit, as in the detector; else the interpreter.</summary>
    private static Regex Compile(string source)
    {
        const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
        try
        {
            return new Regex(source, Options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(source, Options, TimeSpan.FromSeconds(5));
        }
    }
}
