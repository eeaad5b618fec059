namespace SidecarGuard.Sidecar.Replay;

/// <summary>One message of a replayed conversation.</summary>
/// <param name="Role">"user" or "assistant" (other roles are skipped when reading).</param>
/// <param name="Content">The message text.</param>
internal sealed record ReplayTurn(string Role, string Content);
