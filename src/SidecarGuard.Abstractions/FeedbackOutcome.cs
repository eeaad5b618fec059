namespace SidecarGuard;

/// <summary>The result of submitting feedback.</summary>
/// <param name="Record">The stored record (the first one, for a retried request id).</param>
/// <param name="AlreadyRecorded">True when a submission with the same request id had been recorded before.</param>
public sealed record FeedbackOutcome(FeedbackRecord Record, bool AlreadyRecorded);
