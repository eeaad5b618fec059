namespace SidecarGuard;

/// <summary>Which statistics to count: a time range cut into periods.</summary>
public sealed record StatsQuery
{
    /// <summary>The most periods one query may ask for.</summary>
    public const int MaxPeriods = 2000;

    /// <summary>Start of the range (rounded down to its period); <see langword="null"/> for 14 days before <see cref="To"/>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>End of the range, exclusive (rounded up to its period); <see langword="null"/> for the end of the current period.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>How the range is cut; <see cref="StatsBucket.Unspecified"/> means days.</summary>
    public StatsBucket Bucket { get; init; }
}
