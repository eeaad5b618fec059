using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Storage;

/// <summary>
/// Which state changes a store must put on disk before it acknowledges them, for a store that may leave the others in
/// the operating system's hands for a moment (the SQLite store's default sync mode). A write lost to a power cut takes
/// its conversation back to the state before it, and the conversation goes on from there. Only writes that change
/// nothing an end depends on may wait: a turn of a conversation with no harmful streak before or after it, no end
/// permitted or made, no change of the at-risk veto or doubt, no request to end withdrawn, and no earlier turn the
/// refusal rule could still re-judge into a streak — nearly all traffic. Everything else reaches the disk first: an
/// end, the veto, and every step of a streak, since a lost step is not always harmless (a reset lost revives the streak
/// the user backed off from; a lost harmful turn lets a reported refusal be charged to an earlier turn, which can count
/// toward a different category). <c>DurableWritesTests</c> checks the rule against the policy engine: in random
/// conversations, losing any write it lets wait never brings an end earlier and never drops the veto.
/// </summary>
public static class DurableWrites
{
    /// <summary>
    /// Whether the change from <paramref name="before"/> (<see langword="null"/>: the conversation is new) to
    /// <paramref name="after"/> must be on disk before the caller hears of it.
    /// </summary>
    public static bool MustReachDisk(ConversationState? before, ConversationState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        before ??= ConversationState.New(after.ConversationId);
        return after.Status != before.Status
            || (after.End is null) != (before.End is null)
            || after.PermittedEnd != before.PermittedEnd
            || after.AtRisk != before.AtRisk
            || after.AtRiskDoubt != before.AtRiskDoubt
            || (before.PendingEndConfirmation && !after.PendingEndConfirmation)
            || before.Streak.IsActive
            || after.Streak.IsActive
            || CouldBeRejudged(before.LastTurn);
    }

    /// <summary>
    /// Whether the policy's refusal rule, re-judging the turn before this one, could count more than it would for
    /// this one: a benign turn inside or just after a streak, or one with a weak reading of some harm. Once this write
    /// replaces it as the last turn it cannot be re-judged; without this write (lost), a refusal reported with the next
    /// turn would be charged to it instead, reviving the streak the user had backed off from or starting one in the
    /// category of its weak reading.
    /// </summary>
    private static bool CouldBeRejudged(LastTurn previous) =>
        previous.Kind == TurnKind.Benign && (previous.StreakBefore.IsActive || previous.TopCategory is not null);
}
