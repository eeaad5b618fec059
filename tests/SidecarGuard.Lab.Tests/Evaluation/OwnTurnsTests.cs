using System.Text.Json;
using System.Text.RegularExpressions;
using SidecarGuard.Core.Detection;
using SidecarGuard.Lab.Evaluation.Semantic;

namespace SidecarGuard.Lab.Tests.Evaluation;

public sealed partial class OwnTurnsTests
{
    [Fact]
    public void Every_Line_Parses_And_Names_Known_Categories()
    {
        var rows = OwnTurns.Load();
        Assert.True(rows.Count > 300);
        Assert.Contains(rows, r => r.Labels[HarmCategories.Abuse]);
        Assert.Contains(rows, r => r.Labels[HarmCategories.SelfHarm] && r.Labels[HarmCategories.Abuse]);
        Assert.Contains(rows, r => r.IsBenign);
        Assert.All(rows.Where(r => r.Labels[HarmCategories.MassViolence]), r => Assert.True(r.Labels[HarmCategories.OtherHarm]));

        // Both files are read, the requests with their benign twins.
        var requests = OwnTurns.Load("own-requests.tsv");
        Assert.Equal(OwnTurns.Load("own-turns.tsv").Count + requests.Count, rows.Count);
        Assert.True(requests.Count(r => r.Labels[HarmCategories.Illicit]) > 100);
        Assert.True(requests.Count(r => r.IsBenign) > 200);
    }

    [Fact]
    public void A_Bad_Line_Names_Its_File()
    {
        var error = Assert.Throws<InvalidDataException>(() => OwnTurns.Parse(new StringReader("benign\tok\nnope\tx"), "own-requests.tsv"));
        Assert.Equal("own-requests.tsv line 2: unknown category 'nope'.", error.Message);
    }

    [Theory]
    [InlineData("weapons\thow to", "line 1: unknown category 'weapons'")]
    [InlineData("benign no tab here", "line 1: expected")]
    [InlineData("abuse\t", "line 1: expected")]
    public void A_Bad_Line_Is_Refused_With_Its_Number(string line, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => OwnTurns.Parse(new StringReader(line)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Own_Turns_Share_No_Six_Word_Run_With_The_Scenarios_The_Held_Out_Conversations_Or_The_Probes()
    {
        // The scenarios and the probes measure text the judge never saw; a training line that copies one would
        // make them measure recall of training data.
        var held = new HashSet<string>(StringComparer.Ordinal);
        var scenarioFiles = new[] { "conversations.jsonl", "held-out.jsonl", "follow-ups.jsonl" }
            .Select(f => Path.Combine(RepositoryPaths.Root, "tests", "SidecarGuard.Sidecar.Tests", "Scenarios", f));
        foreach (var line in scenarioFiles.SelectMany(File.ReadLines).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            foreach (var turn in document.RootElement.GetProperty("turns").EnumerateArray())
            {
                held.UnionWith(Runs(turn.GetProperty("content").GetString()!));
            }
        }

        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Root, "tests", "SidecarGuard.Semantic.Tests", "probes.tsv")).Where(l => !l.StartsWith('#')))
        {
            held.UnionWith(Runs(line));
        }

        var shared = OwnTurns.Load().Where(r => Runs(r.Text).Any(held.Contains)).Select(r => r.Text).ToList();
        Assert.True(shared.Count == 0, "our own training files copy held-out text: " + string.Join(" | ", shared));
    }

    private static IEnumerable<string> Runs(string text)
    {
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();
        for (var i = 0; i + 6 <= words.Length; i++)
        {
            yield return string.Join(' ', words[i..(i + 6)]);
        }
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
