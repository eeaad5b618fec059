using Grpc.Core;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>The sidecar's log messages. Never raw user text: ids, indexes, actions and categories only.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Turn {TurnIndex} of {ConversationId}: {Action} (replayed: {Replayed})")]
    public static partial void TurnEvaluated(ILogger logger, string conversationId, int turnIndex, TurnAction action, bool replayed);

    [LoggerMessage(2, LogLevel.Information, "Conversation {ConversationId} ended: {Reason}, category {Category}, turn {TurnIndex}")]
    public static partial void Ended(ILogger logger, string conversationId, EndReason reason, string? category, int turnIndex);

    [LoggerMessage(3, LogLevel.Information, "End of {ConversationId} with {Requested} refused: {Refusal}")]
    public static partial void EndRefused(ILogger logger, string conversationId, EndRefusalCode? refusal, EndReason requested);

    [LoggerMessage(4, LogLevel.Information, "Conversation {ConversationId} branched at turn {TurnIndex} into {NewConversationId}")]
    public static partial void Branched(ILogger logger, string conversationId, int turnIndex, string newConversationId);

    [LoggerMessage(5, LogLevel.Warning, "{Method} rejected with {Status}: {Message}")]
    public static partial void Rejected(ILogger logger, string method, StatusCode status, string message);

    [LoggerMessage(7, LogLevel.Information,
        "Feedback on {ConversationId}: {Source}, {Verdict}, comment of {CommentBytes} bytes (already recorded: {AlreadyRecorded})")]
    public static partial void FeedbackRecorded(ILogger logger, string conversationId, FeedbackSource source, FeedbackVerdict verdict,
        int commentBytes, bool alreadyRecorded);

    [LoggerMessage(6, LogLevel.Error, "{Method} failed")]
    public static partial void Failed(ILogger logger, string method, Exception exception);
}
