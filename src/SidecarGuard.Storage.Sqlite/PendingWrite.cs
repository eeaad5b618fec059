using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Sqlite;

/// <summary>One queued write: applied inside the batch's transaction, completed only after the batch commits.</summary>
internal abstract class PendingWrite
{
    /// <summary>Whether the caller gave up before the write was applied; such writes are skipped.</summary>
    public abstract bool IsAbandoned { get; }

    /// <summary>
    /// Whether the applied write must be on disk before it is acknowledged (see <see cref="DurableWrites"/>); set by
    /// <see cref="Apply"/>.
    /// </summary>
    public bool MustReachDisk { get; protected set; }

    /// <summary>Applies the write through <paramref name="statements"/>; throws to roll back only this write.</summary>
    public abstract void Apply(SqliteStatements statements);

    /// <summary>Reports success to the caller (the batch is durable).</summary>
    public abstract void Complete();

    /// <summary>Reports failure to the caller.</summary>
    public abstract void Fail(Exception exception);
}

/// <summary>A read-decide-write of one conversation.</summary>
internal sealed class PendingUpdate<TResult>(string tenant, string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
    CancellationToken cancellationToken) : PendingWrite
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult _result = default!;

    public Task<TResult> Task => _completion.Task;

    public override bool IsAbandoned => cancellationToken.IsCancellationRequested;

    public override void Apply(SqliteStatements statements)
    {
        var before = statements.ReadState(tenant, conversationId);
        var update = decide(before);
        if (update.NewState is { } state)
        {
            statements.WriteState(tenant, state);
        }

        MustReachDisk = (update.NewState is { } after && DurableWrites.MustReachDisk(before, after))
            || update.Audit is not null || update.Feedback is not null;

        if (update.Turn is { } turn)
        {
            statements.WriteTurn(tenant, conversationId, turn);
        }

        if (update.Audit is { } audit)
        {
            statements.WriteAudit(tenant, audit);
        }

        if (update.Feedback is { } feedback)
        {
            statements.WriteFeedback(tenant, feedback);
        }

        foreach (var tally in update.Tallies ?? [])
        {
            statements.WriteTally(tenant, tally);
        }

        _result = update.Result;
    }

    public override void Complete() => _completion.TrySetResult(_result);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>Creation of a conversation (a branch) with its turns, unless the id is taken.</summary>
internal sealed class PendingCreate(string tenant, ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken) : PendingWrite
{
    private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _created;

    public Task<bool> Task => _completion.Task;

    public override bool IsAbandoned => cancellationToken.IsCancellationRequested;

    public override void Apply(SqliteStatements statements)
    {
        if (statements.ReadState(tenant, state.ConversationId) is not null)
        {
            _created = false;
            return;
        }

        statements.WriteState(tenant, state);
        foreach (var turn in turns)
        {
            statements.WriteTurn(tenant, state.ConversationId, turn);
        }

        _created = true;
        MustReachDisk = true;
    }

    public override void Complete() => _completion.TrySetResult(_created);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
