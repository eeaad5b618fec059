namespace SidecarGuard;

/// <summary>The policy engine's memory of one conversation, as callers see it.</summary>
public sealed record ConversationSnapshot
{
    /// <summary>The conversation's identifier.</summary>
    public required string ConversationId { get; init; }

    /// <summary>Whether the conversation is active or ended.</summary>
    public ConversationStatus Status { get; init; } = ConversationStatus.Active;

    /// <summary>Number of user turns evaluated.</summary>
    public int TurnCount { get; init; }

    /// <summary>Category of the current harmful streak; <see langword="null"/> when there is none.</summary>
    public string? StreakCategory { get; init; }

    /// <summary>Harmful turns in the current streak.</summary>
    public int StreakHarmfulTurns { get; init; }

    /// <summary>Redirects given in the current streak.</summary>
    public int RedirectsGiven { get; init; }

    /// <summary>Whether the explicit warning has been given in the current streak.</summary>
    public bool WarningGiven { get; init; }

    /// <summary>Whether at-risk signals were seen; while set, every kind of end is disabled.</summary>
    public bool AtRisk { get; init; }

    /// <summary>Whether the user asked to end and the confirmation is pending.</summary>
    public bool PendingEndConfirmation { get; init; }

    /// <summary>The end that the latest verdict permits; <see cref="EndReason.None"/> when none.</summary>
    public EndReason PermittedEnd { get; init; }

    /// <summary>Consecutive benign turns since the last harmful one.</summary>
    public int BenignStreak { get; init; }

    /// <summary>The conversation this one was branched from; <see langword="null"/> for an original conversation.</summary>
    public string? BranchedFrom { get; init; }
}
