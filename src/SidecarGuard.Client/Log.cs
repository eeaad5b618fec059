using Microsoft.Extensions.Logging;

namespace SidecarGuard.Client;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "SidecarGuard sidecar at {Address} unreachable; fail-open ALLOW for conversation {ConversationId} (turn not judged)")]
    public static partial void FailOpen(ILogger logger, Uri address, string conversationId, Exception error);

    [LoggerMessage(2, LogLevel.Debug, "SidecarGuard call {Method} got UNAVAILABLE; retry {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string method, int attempt, TimeSpan delay);
}
