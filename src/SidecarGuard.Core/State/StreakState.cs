namespace SidecarGuard.Core.State;

/// <summary>The current run of harmful turns and what the assistant has already done about it.</summary>
public sealed record StreakState
{
    /// <summary>A clean slate: no harmful streak.</summary>
    public static StreakState Clean { get; } = new();

    /// <summary>The category driving the streak; <see langword="null"/> when there is none.</summary>
    public string? Category { get; init; }

    /// <summary>Harmful turns in the streak (of any category).</summary>
    public int HarmfulTurns { get; init; }

    /// <summary>Redirects given for end-eligible turns in the streak.</summary>
    public int RedirectsGiven { get; init; }

    /// <summary>Whether the explicit warning was given in this streak.</summary>
    public bool WarningGiven { get; init; }

    /// <summary>
    /// Whether a turn of the streak was read outright as a request in an end-eligible category, at or above the
    /// policy's <c>ExplicitRequestScore</c>: such a streak was not begun by a misreading.
    /// </summary>
    public bool ExplicitRequest { get; init; }

    /// <summary>Consecutive benign turns since the last harmful one.</summary>
    public int BenignTurns { get; init; }

    /// <summary>Hashes of the streak's harmful turns, newest last, bounded by <see cref="MaxEvidence"/>.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    /// <summary>How many evidence hashes a streak keeps.</summary>
    public const int MaxEvidence = 16;

    /// <summary>Whether a harmful streak is in progress.</summary>
    public bool IsActive => HarmfulTurns > 0;

    /// <summary>Returns the evidence list with <paramref name="hash"/> appended, oldest dropped past the bound.</summary>
    public IReadOnlyList<string> EvidenceWith(string hash)
    {
        var skip = Math.Max(0, Evidence.Count + 1 - MaxEvidence);
        return [.. Evidence.Skip(skip), hash];
    }
}
