namespace SidecarGuard;

/// <summary>What the guard did in one period (or in the whole range, for the total).</summary>
public sealed record StatsPeriod
{
    /// <summary>Start of the period (UTC).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Ends by reason, named as the contract names it without its prefix (<c>ABUSE</c>, <c>USER_REQUESTED</c>).</summary>
    public IReadOnlyDictionary<string, long> EndsByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>Ends by harm category; user-requested ends count under <c>none</c>.</summary>
    public IReadOnlyDictionary<string, long> EndsByCategory { get; init; } = new Dictionary<string, long>();

    /// <summary>Refused ends by refusal, named like the contract's error reasons (<c>AT_RISK_VETO</c>, <c>NO_CONFIRMATION</c>, <c>NOT_ELIGIBLE_YET</c>).</summary>
    public IReadOnlyDictionary<string, long> RefusedEnds { get; init; } = new Dictionary<string, long>();

    /// <summary>Turns answered SUPPORT: the user may have been at risk.</summary>
    public long SupportTurns { get; init; }

    /// <summary>Feedback by verdict, named as the contract names it without its prefix (<c>END_WAS_RIGHT</c>, <c>END_WAS_WRONG</c>, ...).</summary>
    public IReadOnlyDictionary<string, long> Feedback { get; init; } = new Dictionary<string, long>();
}
