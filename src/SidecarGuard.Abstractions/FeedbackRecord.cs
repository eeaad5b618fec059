namespace SidecarGuard;

/// <summary>Feedback as stored with a conversation's audit trail.</summary>
public sealed record FeedbackRecord
{
    /// <summary>The conversation the feedback is about.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Who gave it.</summary>
    public required FeedbackSource Source { get; init; }

    /// <summary>What it says.</summary>
    public required FeedbackVerdict Verdict { get; init; }

    /// <summary>When it was recorded (UTC).</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The comment's length in UTF-8 bytes; 0 without one.</summary>
    public int CommentBytes { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the comment's UTF-8; <see langword="null"/> without one.</summary>
    public string? CommentHash { get; init; }

    /// <summary>The comment, only where the guard stores text.</summary>
    public string? Comment { get; init; }

    /// <summary>The request id of the submission, if one was given.</summary>
    public string? RequestId { get; init; }
}
