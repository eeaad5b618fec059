namespace SidecarGuard;

/// <summary>Which ends to list, newest first, one page at a time.</summary>
public sealed record EndQuery
{
    /// <summary>Ends per page when a query names none.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page a listing returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Ends at or after this time; <see langword="null"/> for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Ends before this time; <see langword="null"/> for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only ends for this reason; <see cref="EndReason.None"/> for every reason.</summary>
    public EndReason Reason { get; init; }

    /// <summary>Only ends in this harm category; <see langword="null"/> for every category.</summary>
    public string? Category { get; init; }

    /// <summary>Which ends to keep by their feedback.</summary>
    public EndFeedbackFilter Feedback { get; init; }

    /// <summary>Ends per page, 1 to <see cref="MaxPageSize"/>; 0 means <see cref="DefaultPageSize"/>.</summary>
    public int PageSize { get; init; }

    /// <summary>The token of the previous page's <see cref="EndPage.NextPageToken"/>; <see langword="null"/> for the first page.</summary>
    public string? PageToken { get; init; }
}
