using SidecarGuard.Core.State;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>
/// One tenant's view of a shared store: every key is stored as <c>tenant/id</c>, and ids come back without the
/// prefix. Caller ids cannot contain '/', so no tenant can name another tenant's conversation.
/// </summary>
internal sealed class TenantScopedStore(IConversationStore inner, string tenant) : IConversationStore
{
    private readonly string _prefix = tenant + "/";

    public async ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken) =>
        Unscope(await inner.GetAsync(Scope(conversationId), cancellationToken).ConfigureAwait(false));

    public ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
        CancellationToken cancellationToken) =>
        inner.UpdateAsync(Scope(conversationId), current =>
        {
            var update = decide(Unscope(current));
            return update with
            {
                NewState = Scope(update.NewState),
                Turn = update.Turn is { } turn ? turn with { StateAfter = Scope(turn.StateAfter)! } : null,
                Audit = update.Audit is { } audit ? audit with { ConversationId = Scope(audit.ConversationId) } : null,
            };
        }, cancellationToken);

    public async ValueTask<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, int count, CancellationToken cancellationToken)
    {
        var turns = await inner.GetTurnsAsync(Scope(conversationId), count, cancellationToken).ConfigureAwait(false);
        return [.. turns.Select(t => t with { StateAfter = Unscope(t.StateAfter)! })];
    }

    public ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken) =>
        inner.TryCreateAsync(Scope(state)!, [.. turns.Select(t => t with { StateAfter = Scope(t.StateAfter)! })], cancellationToken);

    public async ValueTask<IReadOnlyList<EndRecord>> GetAuditAsync(string conversationId, CancellationToken cancellationToken)
    {
        var records = await inner.GetAuditAsync(Scope(conversationId), cancellationToken).ConfigureAwait(false);
        return [.. records.Select(r => r with { ConversationId = Unscope(r.ConversationId) })];
    }

    private string Scope(string id) => _prefix + id;

    private string Unscope(string id) => id.StartsWith(_prefix, StringComparison.Ordinal) ? id[_prefix.Length..] : id;

    private ConversationState? Scope(ConversationState? state) => state is null ? null : state with
    {
        ConversationId = Scope(state.ConversationId),
        BranchedFrom = state.BranchedFrom is null ? null : Scope(state.BranchedFrom),
        End = state.End is null ? null : state.End with { ConversationId = Scope(state.End.ConversationId) },
    };

    private ConversationState? Unscope(ConversationState? state) => state is null ? null : state with
    {
        ConversationId = Unscope(state.ConversationId),
        BranchedFrom = state.BranchedFrom is null ? null : Unscope(state.BranchedFrom),
        End = state.End is null ? null : state.End with { ConversationId = Unscope(state.End.ConversationId) },
    };
}
