namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// Flushes the database's write-ahead log to disk. With <c>synchronous=NORMAL</c> SQLite writes each commit's log
/// frames to the operating system before the commit returns and flushes the log only at checkpoints; flushing the
/// file ourselves after a commit makes that commit, and every one before it, durable — what <c>synchronous=FULL</c>
/// does after every commit, done here only for the commits that need it (SQLite does not allow changing the
/// setting inside a transaction, and whether a batch needs it is known only once its writes have run). The handle is
/// kept open for the store's lifetime and only ever flushed, never written.
/// </summary>
internal sealed class WalFile(string databasePath) : IDisposable
{
    private readonly string _path = databasePath + "-wal";
    private FileStream? _file;

    /// <summary>Flushes every frame written to the log so far to disk.</summary>
    public void Flush()
    {
        _file ??= new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file?.Dispose();
}
