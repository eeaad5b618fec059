using System.Text.Json;

namespace SidecarGuard.Samples.ChatAgent;

/// <summary>The offline script: conversations of user turns, each with what the scripted model does.</summary>
internal sealed record Transcript(IReadOnlyList<ScriptedConversation> Conversations)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static Transcript Load(string path) =>
        JsonSerializer.Deserialize<Transcript>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no transcript.");
}

/// <summary>One conversation of the script.</summary>
internal sealed record ScriptedConversation(string Title, IReadOnlyList<ScriptedTurn> Turns);

/// <summary>
/// One user turn. The scripted model first calls <c>end_conversation</c> with <see cref="EndConversation"/> when it is
/// set, and answers <see cref="Reply"/> when it is called (again).
/// </summary>
internal sealed record ScriptedTurn(string User, string? Reply, string? EndConversation);
