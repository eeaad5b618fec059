using SidecarGuard.Core.Storage;

namespace SidecarGuard.Core.Guard;

/// <summary>Sums the counted events of one period into a <see cref="StatsPeriod"/>.</summary>
internal sealed class StatsBuilder(long startHour)
{
    private readonly Dictionary<string, long> _endsByReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _endsByCategory = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _refusedEnds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _feedback = new(StringComparer.Ordinal);
    private long _support;

    public void Add(TallyCount count)
    {
        switch (count.Kind)
        {
            case Tally.End: Sum(_endsByReason, count); break;
            case Tally.EndCategory: Sum(_endsByCategory, count); break;
            case Tally.EndRefused: Sum(_refusedEnds, count); break;
            case Tally.Feedback: Sum(_feedback, count); break;
            case Tally.Support: _support += count.Count; break;
            default: break; // a kind a newer version counts: not part of this report
        }
    }

    public StatsPeriod Build() => new()
    {
        Start = Tally.StartOf(startHour),
        EndsByReason = _endsByReason,
        EndsByCategory = _endsByCategory,
        RefusedEnds = _refusedEnds,
        SupportTurns = _support,
        Feedback = _feedback,
    };

    private static void Sum(Dictionary<string, long> into, TallyCount count) =>
        into[count.Label] = into.GetValueOrDefault(count.Label) + count.Count;
}
