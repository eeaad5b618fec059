using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Storage;

/// <summary>
/// Persists conversation state. Every update is atomic per conversation: concurrent updates of one conversation never
/// lose each other's changes, and an update that returns has been made durable as far as the store promises.
/// A store serves one tenant (<see cref="TenantName.Default"/> unless it was opened for another); the tenant is part
/// of every key it writes, never of the records, so the same id names different conversations for different tenants.
/// </summary>
public interface IConversationStore
{
    /// <summary>Reads a conversation's state, or <see langword="null"/> when it does not exist.</summary>
    ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the current state (or <see langword="null"/>), lets <paramref name="decide"/> compute the update, and
    /// writes it atomically. <paramref name="decide"/> must be pure: a store may call it again after a conflict.
    /// </summary>
    ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
        CancellationToken cancellationToken);

    /// <summary>Reads the turn records with index below <paramref name="count"/>, in order.</summary>
    ValueTask<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, int count, CancellationToken cancellationToken);

    /// <summary>Creates a conversation with its turns; returns <see langword="false"/> when the id is taken.</summary>
    ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken);

    /// <summary>Reads the audit records of a conversation's ends, oldest first.</summary>
    ValueTask<IReadOnlyList<EndRecord>> GetAuditAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Reads the feedback given on a conversation, oldest first.</summary>
    ValueTask<IReadOnlyList<FeedbackRecord>> GetFeedbackAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Lists this tenant's end records, newest first (by <see cref="EndRecord.EndedAt"/>, then the store's own order),
    /// that match <paramref name="query"/>'s filters, starting after <paramref name="after"/>, at most
    /// <paramref name="limit"/> of them. Each comes with the position the next page starts after.
    /// </summary>
    ValueTask<IReadOnlyList<(EndRecord Record, EndCursor Position)>> ListEndsAsync(EndQuery query, EndCursor? after, int limit,
        CancellationToken cancellationToken);

    /// <summary>This tenant's counted events of the hours from <paramref name="fromHour"/> up to (not including) <paramref name="toHour"/>.</summary>
    ValueTask<IReadOnlyList<TallyCount>> GetTalliesAsync(long fromHour, long toHour, CancellationToken cancellationToken);

    /// <summary>The tenant whose conversations this store reads and writes.</summary>
    string Tenant { get; }

    /// <summary>
    /// The same store seen by <paramref name="tenant"/>: same file, connection or memory, keys in that tenant's
    /// namespace. Views are cheap and share their resources; only the store that was opened closes them.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is not a valid <see cref="TenantName"/>.</exception>
    IConversationStore ForTenant(string tenant);
}
