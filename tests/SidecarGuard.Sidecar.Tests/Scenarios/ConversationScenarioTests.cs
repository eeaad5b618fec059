using System.Text.Json;
using SidecarGuard.Sidecar.Cli;

namespace SidecarGuard.Sidecar.Tests.Scenarios;

/// <summary>
/// Whole conversations written for SidecarGuard (<c>conversations.jsonl</c> beside this file), replayed through
/// the real command with the embedded detector and the default policy, each with what a careful assistant would
/// do: persistent extreme requests end after redirects and a warning, in several languages and with follow-ups that
/// only press; users who back off, professionals and writers who touch dark topics, and users at risk never end.
/// </summary>
public sealed class ConversationScenarioTests
{
    private static readonly string FilePath = Path.Combine(RepositoryPaths.Root, "tests", "SidecarGuard.Sidecar.Tests", "Scenarios", "conversations.jsonl");

    private static readonly Lazy<Task<Dictionary<string, JsonElement>>> Replayed = new(ReplayAllAsync);

    public static TheoryData<string> Ids()
    {
        var ids = new TheoryData<string>();
        foreach (var line in File.ReadLines(FilePath).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            ids.Add(document.RootElement.GetProperty("id").GetString()!);
        }

        return ids;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Conversation_Gets_What_A_Careful_Assistant_Would_Do(string id)
    {
        var expect = Expectation(id);
        var result = (await Replayed.Value)[id];
        var actions = result.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray();
        var shown = $"{id}: got [{string.Join(", ", actions)}]";

        if (expect.TryGetProperty("actions", out var expected))
        {
            Assert.True(expected.EnumerateArray().Select(a => a.GetString()!).SequenceEqual(actions), shown);
        }

        if (expect.TryGetProperty("endedAtTurn", out var endedAt))
        {
            Assert.True(result.GetProperty("endedAtTurn").ValueKind == JsonValueKind.Number
                && result.GetProperty("endedAtTurn").GetInt32() == endedAt.GetInt32(), shown);
            Assert.Equal(expect.GetProperty("endReason").GetString(), result.GetProperty("endReason").GetString());
        }

        if (expect.TryGetProperty("neverEnds", out var neverEnds) && neverEnds.GetBoolean())
        {
            Assert.False(result.GetProperty("ended").GetBoolean(), shown);
            Assert.DoesNotContain("END", actions);
        }

        if (expect.TryGetProperty("first", out var first))
        {
            Assert.True(actions.Length > 0 && actions[0] == first.GetString(), shown);
        }
    }

    /// <summary>
    /// A scenario with a <c>knownGap</c> states what the product does today (its <c>actions</c>) and, in words, what a
    /// careful assistant would do instead; the README and the issue list them. When the judge closes the gap, this
    /// test fails, and the scenario gets its full expectation back.
    /// </summary>
    [Fact]
    public void Known_Gaps_Are_Few_And_Said_In_Words()
    {
        var gaps = File.ReadLines(FilePath).Where(l => l.Contains("\"knownGap\"", StringComparison.Ordinal)).ToList();
        Assert.InRange(gaps.Count, 0, 1);
        Assert.All(gaps, g => Assert.Contains("careful assistant", g, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_Scenario_States_An_Expectation()
    {
        foreach (var line in File.ReadLines(FilePath).Where(l => l.Length > 0))
        {
            using var document = JsonDocument.Parse(line);
            var expect = document.RootElement.GetProperty("expect");
            Assert.True(expect.EnumerateObject().Any(), document.RootElement.GetProperty("id").GetString());
        }
    }

    private static JsonElement Expectation(string id)
    {
        foreach (var line in File.ReadLines(FilePath).Where(l => l.Length > 0))
        {
            var root = JsonDocument.Parse(line).RootElement;
            if (root.GetProperty("id").GetString() == id)
            {
                return root.GetProperty("expect");
            }
        }

        throw new InvalidOperationException($"No scenario {id}.");
    }

    private static async Task<Dictionary<string, JsonElement>> ReplayAllAsync()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["replay", FilePath, "--format", "json"], TextReader.Null, output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(r => r.GetProperty("id").GetString()!);
    }
}
