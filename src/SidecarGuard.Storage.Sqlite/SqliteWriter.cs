using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>
/// Group commit: one thread owns the write connection, takes every write queued meanwhile, applies them one after
/// another in a single transaction and commits once, then completes them. A caller hears "done" only after its
/// write is durable, so batching keeps the guarantee and costs one fsync per batch instead of per turn. Writes of the
/// same conversation in one batch see each other in queue order. Each write runs under a savepoint, so one write that
/// throws is rolled back alone.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private const int MaxBatch = 256;

    private readonly SqliteConnection _connection;
    private readonly SqliteStatements _statements;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _thread;

    public SqliteWriter(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
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

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _statements.Dispose();
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            Commit(batch);
            batch.Clear();
        }
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

        foreach (var write in applied)
        {
            write.Complete();
        }
    }
}
