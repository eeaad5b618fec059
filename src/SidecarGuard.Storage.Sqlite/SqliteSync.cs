namespace SidecarGuard.Storage.Sqlite;

/// <summary>When the SQLite store's writes reach the disk (rather than the operating system) before they are acknowledged.</summary>
public enum SqliteSync
{
    /// <summary>
    /// The default. A write an end depends on reaches the disk before it is acknowledged — an end, an end permitted,
    /// the at-risk veto or doubt, every step of a harmful streak, a withdrawn end request (see
    /// <see cref="Core.Storage.DurableWrites"/>), an audit or feedback record, a branch — and with it every write
    /// committed before it. Other writes (turns of conversations with no harmful streak) are acknowledged once
    /// committed to the operating system: they survive the sidecar's process being killed, and reach the disk with
    /// the next such write or within <see cref="SqliteConversationStore.DeferredSyncInterval"/>, so a power cut can
    /// take back at most that last moment of them, leaving those conversations as they were a turn or two earlier,
    /// with no streak, veto or end to lose.
    /// </summary>
    Safety,

    /// <summary>Every acknowledged write is on disk (SQLite's <c>synchronous=FULL</c>): one disk flush per group commit.</summary>
    Full,
}
