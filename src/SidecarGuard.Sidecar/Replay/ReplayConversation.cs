using System.Text.Json;

namespace SidecarGuard.Sidecar.Replay;

/// <summary>One input line: the conversation's id as given (any JSON value) and its messages.</summary>
internal sealed record ReplayConversation(JsonElement? Id, IReadOnlyList<ReplayTurn> Turns);
