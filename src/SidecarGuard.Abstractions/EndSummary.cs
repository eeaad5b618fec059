namespace SidecarGuard;

/// <summary>One end in a listing: its audit record and the feedback given on its conversation.</summary>
/// <param name="Record">The end's audit record.</param>
/// <param name="Feedback">Feedback on the conversation, oldest first.</param>
public sealed record EndSummary(EndRecord Record, IReadOnlyList<FeedbackRecord> Feedback);
