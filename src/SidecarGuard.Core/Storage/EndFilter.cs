namespace SidecarGuard.Core.Storage;

/// <summary>The filters of an <see cref="EndQuery"/>, applied the same way by every store that filters in memory.</summary>
public static class EndFilter
{
    /// <summary>
    /// Whether <paramref name="record"/> passes the query's time (to the millisecond, as stores index it), reason and
    /// category filters.
    /// </summary>
    public static bool Matches(EndQuery query, EndRecord record)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(record);
        var at = record.EndedAt.ToUnixTimeMilliseconds();
        return (query.From is not { } from || at >= from.ToUnixTimeMilliseconds())
            && (query.To is not { } to || at < to.ToUnixTimeMilliseconds())
            && (query.Reason == EndReason.None || record.Reason == query.Reason)
            && (query.Category is null || string.Equals(record.Category, query.Category, StringComparison.Ordinal));
    }

    /// <summary>Whether a conversation with <paramref name="feedback"/> passes the query's feedback filter.</summary>
    public static bool Matches(EndFeedbackFilter filter, IReadOnlyCollection<FeedbackRecord> feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return filter switch
        {
            EndFeedbackFilter.None => feedback.Count == 0,
            EndFeedbackFilter.WithFeedback => feedback.Count > 0,
            EndFeedbackFilter.MarkedWrong => feedback.Any(f => IsMarkedWrong(f.Verdict)),
            _ => true,
        };
    }

    /// <summary>Whether a verdict says a decision was wrong.</summary>
    public static bool IsMarkedWrong(FeedbackVerdict verdict) => verdict is FeedbackVerdict.EndWasWrong or FeedbackVerdict.SupportWasWrong;
}
