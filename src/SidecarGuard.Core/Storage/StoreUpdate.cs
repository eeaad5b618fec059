using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Storage;

/// <summary>What an atomic update writes, and what it returns to the caller.</summary>
/// <typeparam name="TResult">The caller's result.</typeparam>
public readonly record struct StoreUpdate<TResult>
{
    /// <summary>The new state; <see langword="null"/> writes nothing.</summary>
    public ConversationState? NewState { get; init; }

    /// <summary>A turn to append in the same transaction.</summary>
    public TurnRecord? Turn { get; init; }

    /// <summary>An end record to append to the audit log in the same transaction.</summary>
    public EndRecord? Audit { get; init; }

    /// <summary>Feedback to append to the conversation's audit trail in the same transaction.</summary>
    public FeedbackRecord? Feedback { get; init; }

    /// <summary>Events to count in the statistics (see <see cref="Tally"/>).</summary>
    public IReadOnlyList<Tally>? Tallies { get; init; }

    /// <summary>The value handed back from <see cref="IConversationStore.UpdateAsync{TResult}"/>.</summary>
    public TResult Result { get; init; }

    /// <summary>An update that writes nothing.</summary>
    public static StoreUpdate<TResult> NoChange(TResult result) => new() { Result = result };
}
