namespace SidecarGuard;

/// <summary>One page of ends, newest first.</summary>
/// <param name="Ends">The ends on this page.</param>
/// <param name="NextPageToken">The token of the next page; <see langword="null"/> on the last page.</param>
public sealed record EndPage(IReadOnlyList<EndSummary> Ends, string? NextPageToken);
