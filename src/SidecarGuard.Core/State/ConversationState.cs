namespace SidecarGuard.Core.State;

/// <summary>
/// Everything the policy engine remembers about one conversation. Immutable: the engine returns a new state for
/// every turn, and stores persist it atomically. Raw text is never kept, only hashes and signals.
/// </summary>
public sealed record ConversationState
{
    /// <summary>How many turn ids are remembered for idempotent retries.</summary>
    public const int RememberedTurnIds = 32;

    /// <summary>The conversation's identifier.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Active or ended.</summary>
    public ConversationStatus Status { get; init; } = ConversationStatus.Active;

    /// <summary>Number of user turns evaluated.</summary>
    public int TurnCount { get; init; }

    /// <summary>The current harmful streak.</summary>
    public StreakState Streak { get; init; } = StreakState.Clean;

    /// <summary>Whether at-risk signals were seen (sticky unless the policy says otherwise).</summary>
    public bool AtRisk { get; init; }

    /// <summary>
    /// Weak signs that the user may be at risk were seen (an at-risk score of at least
    /// <see cref="Policy.PolicyOptions.AtRiskDoubtThreshold"/>, or the assistant offered crisis help): ending for
    /// harmful use is disabled for the rest of the conversation. Implied by <see cref="AtRisk"/>.
    /// </summary>
    public bool AtRiskDoubt { get; init; }

    /// <summary>Whether the user asked to end and the confirmation is pending.</summary>
    public bool PendingEndConfirmation { get; init; }

    /// <summary>Hash of the turn in which the user asked to end, kept as evidence for a user-requested end.</summary>
    public string? EndRequestHash { get; init; }

    /// <summary>The end that the latest verdict permits.</summary>
    public EndReason PermittedEnd { get; init; }

    /// <summary>The previous user turn, for re-judging it when the assistant refused it.</summary>
    public LastTurn LastTurn { get; init; } = new();

    /// <summary>Verdicts of the most recent turns that carried a turn id, oldest first.</summary>
    public IReadOnlyList<RecordedVerdict> RecentVerdicts { get; init; } = [];

    /// <summary>The end record once the conversation has ended.</summary>
    public EndRecord? End { get; init; }

    /// <summary>The conversation this one was branched from.</summary>
    public string? BranchedFrom { get; init; }

    /// <summary>Request ids of the most recent feedback submissions, for idempotent retries (at most <see cref="RememberedTurnIds"/>).</summary>
    public IReadOnlyList<string> FeedbackRequestIds { get; init; } = [];

    /// <summary>A fresh conversation.</summary>
    public static ConversationState New(string conversationId) => new() { ConversationId = conversationId };

    /// <summary>Finds the verdict remembered for <paramref name="turnId"/>.</summary>
    public RecordedVerdict? FindVerdict(string turnId)
    {
        foreach (var verdict in RecentVerdicts)
        {
            if (string.Equals(verdict.TurnId, turnId, StringComparison.Ordinal))
            {
                return verdict;
            }
        }

        return null;
    }

    /// <summary>Returns the remembered verdicts with <paramref name="verdict"/> added, oldest dropped past the bound.</summary>
    public IReadOnlyList<RecordedVerdict> VerdictsWith(RecordedVerdict verdict)
    {
        var skip = Math.Max(0, RecentVerdicts.Count + 1 - RememberedTurnIds);
        return [.. RecentVerdicts.Skip(skip), verdict];
    }

    /// <summary>Returns the remembered feedback request ids with <paramref name="requestId"/> added, oldest dropped past the bound.</summary>
    public IReadOnlyList<string> FeedbackRequestIdsWith(string requestId)
    {
        var skip = Math.Max(0, FeedbackRequestIds.Count + 1 - RememberedTurnIds);
        return [.. FeedbackRequestIds.Skip(skip), requestId];
    }

    /// <summary>The public view of this state.</summary>
    public ConversationSnapshot ToSnapshot() => new()
    {
        ConversationId = ConversationId,
        Status = Status,
        TurnCount = TurnCount,
        StreakCategory = Streak.Category,
        StreakHarmfulTurns = Streak.HarmfulTurns,
        RedirectsGiven = Streak.RedirectsGiven,
        WarningGiven = Streak.WarningGiven,
        AtRisk = AtRisk,
        PendingEndConfirmation = PendingEndConfirmation,
        PermittedEnd = PermittedEnd,
        BenignStreak = Streak.BenignTurns,
        BranchedFrom = BranchedFrom,
    };
}
