namespace SidecarGuard.Storage.Sqlite;

/// <summary>When the SQLite store's writes reach the disk (rather than the operating system) before they are acknowledged.</summary>
public enum SqliteSync
{
    /// <summary>
    /// The default. A write that matters to an end reaches the disk before it is acknowledged — an end, an end
    /// permitted, the user marked as possibly at risk, a step away from an end (see
    /// <see cref="Core.Storage.DurableWrites"/>), an audit or feedback record, a branch — and with it every write
    /// committed before it. Other writes are acknowledged once committed to the operating system: they survive the
    /// sidecar's process being killed, and reach the disk with the next such write or within
    /// <see cref="SqliteConversationStore.DeferredSyncInterval"/>, so a power cut can lose at most that last moment of
    /// ordinary turns, which takes those conversations a turn or two back toward a clean slate, never toward an end.
    /// </summary>
    Safety,

    /// <summary>Every acknowledged write is on disk (SQLite's <c>synchronous=FULL</c>): one disk flush per group commit.</summary>
    Full,
}
