using System.Text.Json;

namespace SidecarGuard.Sidecar.Replay;

/// <summary>
/// One of our scenario conversations (tests/.../Scenarios/conversations.jsonl) with what it should get: exact
/// <c>actions</c>, an end at <c>endedAtTurn</c> for <c>endReason</c>, <c>neverEnds</c>, or a <c>first</c> action.
/// The scenario tests apply the same rules.
/// </summary>
internal sealed record ScenarioConversation(string Id, ReplayConversation Conversation, JsonElement Expect)
{
    /// <summary>Where the scenarios live, from the repository root.</summary>
    public const string RelativePath = "tests/SidecarGuard.Sidecar.Tests/Scenarios/conversations.jsonl";

    /// <summary>Reads the scenario file, one conversation with its <c>expect</c> object a line.</summary>
    public static IReadOnlyList<ScenarioConversation> Load(string path)
    {
        var list = new List<ScenarioConversation>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            list.Add(new(root.GetProperty("id").GetString() ?? "", ReplayReader.Parse(line), root.GetProperty("expect").Clone()));
        }

        return list;
    }

    /// <summary>Whether a careful assistant would end this conversation: its expected actions end in END, or it names the turn.</summary>
    public bool ShouldEnd =>
        Expect.TryGetProperty("endedAtTurn", out _)
        || (Expect.TryGetProperty("actions", out var actions) && actions.GetArrayLength() > 0 && actions[actions.GetArrayLength() - 1].GetString() == "END");

    /// <summary>Whether <paramref name="result"/> meets every expectation the scenario states.</summary>
    public bool IsMetBy(ReplayResult result)
    {
        var actions = result.Verdicts.Select(v => ActionNames.Of(v.Item2.Action)).ToList();
        if (Expect.TryGetProperty("actions", out var expected)
            && !expected.EnumerateArray().Select(a => a.GetString() ?? "").SequenceEqual(actions, StringComparer.Ordinal))
        {
            return false;
        }

        if (Expect.TryGetProperty("endedAtTurn", out var endedAt)
            && (result.EndedAtTurn != endedAt.GetInt32() || ActionNames.Of(result.EndReason) != Expect.GetProperty("endReason").GetString()))
        {
            return false;
        }

        if (Expect.TryGetProperty("neverEnds", out var neverEnds) && neverEnds.GetBoolean()
            && (result.EndedAtTurn is not null || actions.Contains("END", StringComparer.Ordinal)))
        {
            return false;
        }

        return !Expect.TryGetProperty("first", out var first) || (actions.Count > 0 && actions[0] == first.GetString());
    }
}
