using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// Group commit: one thread owns the write connection, takes every write queued meanwhile, applies them one after
/// another in a single transaction and commits once, then completes them. A caller hears "done" only after its
/// write is as durable as <see cref="SqliteSync"/> promises, so batching costs one disk flush per batch at most instead
/// of one per turn. With <see cref="SqliteSync.Safety"/> the connection commits with <c>synchronous=NORMAL</c> and the
/// writer flushes the log itself when a batch holds a write that must reach the disk, or when ordinary writes have
/// waited <see cref="SqliteConversationStore.DeferredSyncInterval"/>. Writes of the same conversation in one batch see
/// each other in queue order. Each write runs under a savepoint, so one write that throws is rolled back alone.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private const int MaxBatch = 256;

    private readonly SqliteConnection _connection;
    private readonly SqliteStatements _statements;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;
    private readonly WalFile? _deferredLog;
    private readonly TimeSpan _deferredSyncInterval;
    private long? _deferredSince;
    private long _logFlushes;

    /// <param name="connection">The write connection.</param>
    /// <param name="time">The clock of <c>updated_at</c>.</param>
    /// <param name="deferredLog">
    /// The log to flush when the connection commits with <c>synchronous=NORMAL</c>; <see langword="null"/> when every
    /// commit is durable by itself (<c>synchronous=FULL</c>).
    /// </param>
    /// <param name="deferredSyncInterval">How long ordinary writes may wait for the disk.</param>
    public SqliteWriter(SqliteConnection connection, TimeProvider time, WalFile? deferredLog, TimeSpan deferredSyncInterval)
    {
        _connection = connection;
        _deferredLog = deferredLog;
        _deferredSyncInterval = deferredSyncInterval;
        _statements = new SqliteStatements(connection, time);
        _thread = new Thread(Run) { IsBackground = true, Name = "sidecarguard-sqlite-writer" };
        _thread.Start();
    }

    public void Enqueue(PendingWrite write)
    {
        if (!_queue.Writer.TryWrite(write))
        {
            write.Fail(new ObjectDisposedException(nameof(SqliteConversationStore)));
        }
    }

    /// <summary>How many times the log was flushed outside SQLite's own commits (for tests and diagnostics).</summary>
    public long LogFlushes => Volatile.Read(ref _logFlushes);

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _statements.Dispose();
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (WaitForWrites())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(batch);
            batch.Clear();
        }

        if (_deferredSince is not null)
        {
            TryFlushDeferred();
        }
    }

    /// <summary>
    /// Waits for queued writes; false once the queue is closed and empty. While ordinary writes wait for the disk, waits
    /// at most until they are due and flushes the log then.
    /// </summary>
    private bool WaitForWrites()
    {
        var waiting = _queue.Reader.WaitToReadAsync().AsTask();
        if (_deferredSince is { } since)
        {
            var due = _deferredSyncInterval - Stopwatch.GetElapsedTime(since);
            if (due <= TimeSpan.Zero || !waiting.Wait(due))
            {
                TryFlushDeferred();
            }
        }

        return waiting.GetAwaiter().GetResult();
    }

    /// <summary>Flushes ordinary writes that were acknowledged already; a failure here is retried with the next batch.</summary>
    private void TryFlushDeferred()
    {
        try
        {
            FlushLog();
        }
        catch (IOException)
        {
            // Nobody waits on these writes any more; the next batch flushes again, and SQLite's checkpoints flush the log too.
        }
    }

    private void FlushLog()
    {
        _deferredLog!.Flush();
        _deferredSince = null;
        Interlocked.Increment(ref _logFlushes);
    }

    private void Commit(List<PendingWrite> batch)
    {
        var applied = new List<PendingWrite>(batch.Count);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            _statements.Transaction = transaction;
            _statements.BeginBatch();
            foreach (var write in batch)
            {
                if (write.IsAbandoned)
                {
                    write.Fail(new OperationCanceledException("The caller cancelled before the write was applied."));
                    continue;
                }

                _statements.BeginWrite();
                try
                {
                    write.Apply(_statements);
                    _statements.KeepWrite();
                    applied.Add(write);
                }
                catch (Exception e)
                {
                    _statements.DropWrite();
                    write.Fail(e);
                }
            }

            transaction.Commit();
            _statements.BatchCommitted();
        }
        catch (Exception e)
        {
            _statements.BatchDropped();
            foreach (var write in applied)
            {
                write.Fail(e);
            }

            return;
        }
        finally
        {
            _statements.Transaction = null;
        }

        if (_deferredLog is not null && applied.Count > 0 && !Flushed(applied))
        {
            return;
        }

        foreach (var write in applied)
        {
            write.Complete();
        }
    }

    /// <summary>
    /// After a commit with <c>synchronous=NORMAL</c>: flushes the log when a write of the batch must reach the disk
    /// (or ordinary writes are due), otherwise notes that ordinary writes wait. False when the flush failed: the batch
    /// is committed but not on disk, so its writes are failed (a retry with the same turn id gets the verdict
    /// remembered in the committed state).
    /// </summary>
    private bool Flushed(List<PendingWrite> applied)
    {
        _deferredSince ??= Stopwatch.GetTimestamp();
        if (!applied.Exists(w => w.MustReachDisk) && Stopwatch.GetElapsedTime(_deferredSince.Value) < _deferredSyncInterval)
        {
            return true;
        }

        try
        {
            FlushLog();
            return true;
        }
        catch (IOException e)
        {
            var failure = new StoreUnavailableException("The SQLite store committed a write but could not flush its log to disk.", e);
            foreach (var write in applied)
            {
                write.Fail(failure);
            }

            return false;
        }
    }
}
