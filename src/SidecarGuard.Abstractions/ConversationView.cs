namespace SidecarGuard;

/// <summary>A conversation's state together with its end record, if it has ended.</summary>
/// <param name="State">The conversation's state.</param>
/// <param name="EndRecord">The end record; <see langword="null"/> while the conversation is active.</param>
public sealed record ConversationView(ConversationSnapshot State, EndRecord? EndRecord)
{
    /// <summary>Feedback given on the conversation, oldest first.</summary>
    public IReadOnlyList<FeedbackRecord> Feedback { get; init; } = [];
}
