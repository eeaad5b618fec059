namespace SidecarGuard;

/// <summary>
/// Looking back at ends: what an operator console and dashboards read. Implemented by the in-process guard and by the
/// sidecar's gRPC client, scoped to the caller's tenant like everything else.
/// </summary>
public interface IEndReview
{
    /// <summary>Lists ends, newest first, filtered and paged by <paramref name="query"/>.</summary>
    /// <exception cref="ArgumentException">The query is invalid (page size out of range, a page token not issued here).</exception>
    ValueTask<EndPage> ListEndsAsync(EndQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts what the guard did per period: ends by reason and category, refused ends by refusal (at-risk vetoes among
    /// them), SUPPORT turns and feedback by verdict.
    /// </summary>
    /// <exception cref="ArgumentException">The query is invalid (an empty range, too many periods).</exception>
    ValueTask<StatsReport> GetStatsAsync(StatsQuery query, CancellationToken cancellationToken = default);
}
