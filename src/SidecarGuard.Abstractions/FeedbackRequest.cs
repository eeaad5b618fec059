namespace SidecarGuard;

/// <summary>Feedback on one conversation, from its user or an operator.</summary>
/// <param name="ConversationId">The conversation (ended or not).</param>
/// <param name="Source">Who gives the feedback.</param>
/// <param name="Verdict">What it says.</param>
public sealed record FeedbackRequest(string ConversationId, FeedbackSource Source, FeedbackVerdict Verdict)
{
    /// <summary>
    /// Free text from a person, at most <see cref="MaxCommentBytes"/> bytes of UTF-8. Never logged; stored only where
    /// the guard stores text, otherwise only its SHA-256 and length.
    /// </summary>
    public string? Comment { get; init; }

    /// <summary>Optional idempotency key: a retried submission returns the record of the first one.</summary>
    public string? RequestId { get; init; }

    /// <summary>The longest comment, in UTF-8 bytes.</summary>
    public const int MaxCommentBytes = 2048;
}
