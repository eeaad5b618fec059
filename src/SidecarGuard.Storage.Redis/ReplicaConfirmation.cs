using System.Collections.Concurrent;
using System.Net;
using SidecarGuard.Core.Storage;
using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis;

/// <summary>
/// Confirms that a write reached <see cref="RedisStoreOptions.ReplicaAcknowledgements"/> replicas of its primary
/// (Redis <c>WAIT</c>) before the store acknowledges it. <c>WAIT</c> holds the connection to that primary while it
/// waits, so a primary that just fell short of replicas (its replica died, or it is a promoted replica whose old
/// primary has not come back) is remembered for a second: writes to it are refused at once, before anything is
/// written, instead of each one holding the connection for the whole wait.
/// </summary>
internal sealed class ReplicaConfirmation(IConnectionMultiplexer connection, RedisStoreOptions options)
{
    private static readonly TimeSpan ShortMemory = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<EndPoint, DateTime> _shortUntil = new();

    /// <summary>
    /// Before a write: the primary whose replicas must confirm it (null when writes wait for no replica), or an
    /// immediate refusal when that primary was short of replicas within the last second.
    /// </summary>
    public async Task<EndPoint?> BeginWriteAsync(IDatabase db, RedisKeys keys)
    {
        if (options.ReplicaAcknowledgements == 0)
        {
            return null;
        }

        var primary = await PrimaryAsync(db, keys).ConfigureAwait(false);
        if (_shortUntil.TryGetValue(primary, out var until) && DateTime.UtcNow < until)
        {
            throw new StoreUnavailableException(
                $"The Redis primary {primary} has fewer than the {options.ReplicaAcknowledgements} replica(s) required to confirm a write; try again.");
        }

        return primary;
    }

    /// <summary>After a write: waits until the required replicas of <paramref name="primary"/> have every write this connection sent it.</summary>
    public async Task ConfirmAsync(EndPoint? primary)
    {
        if (primary is null)
        {
            return;
        }

        // Within the operation's own time bound, leaving a quarter of it for the read and the transaction.
        var timeout = (long)Math.Max(1, options.OperationTimeout.TotalMilliseconds * 3 / 4);
        var wanted = options.ReplicaAcknowledgements;
        var confirmed = (long)await connection.GetServer(primary).ExecuteAsync("WAIT", wanted, timeout).ConfigureAwait(false);
        if (confirmed < wanted)
        {
            _shortUntil[primary] = DateTime.UtcNow + ShortMemory;
            throw new StoreUnavailableException(
                $"The write reached the primary {primary} but {confirmed} of the {wanted} replica(s) required confirmed it within {timeout} ms; try again.");
        }

        _shortUntil.TryRemove(primary, out _);
    }

    private static async Task<EndPoint> PrimaryAsync(IDatabase db, RedisKeys keys) =>
        await db.IdentifyEndpointAsync(keys.State).ConfigureAwait(false)
        ?? throw new StoreUnavailableException("No Redis primary serves the conversation's slot now; try again.");
}
