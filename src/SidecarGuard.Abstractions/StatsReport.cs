namespace SidecarGuard;

/// <summary>Statistics of a range: one entry per period, oldest first, and the total.</summary>
/// <param name="Periods">Every period of the range, empty ones included.</param>
/// <param name="Total">The whole range.</param>
public sealed record StatsReport(IReadOnlyList<StatsPeriod> Periods, StatsPeriod Total);
