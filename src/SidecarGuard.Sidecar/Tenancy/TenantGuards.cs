using System.Collections.Concurrent;
using Grpc.Core;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>
/// One guard per tenant, each over the store's view for its tenant (the store keeps tenants apart by key); calls
/// without an API key use the guard of the sidecar's own tenant (<c>--tenant</c>).
/// </summary>
internal sealed class TenantGuards(IConversationStore store, string ownTenant, Func<IConversationStore, ConversationGuard> create)
{
    private const string TenantKey = "sidecarguard.tenant";

    private readonly ConversationGuard _unscoped = create(store.ForTenant(ownTenant));
    private readonly ConcurrentDictionary<string, ConversationGuard> _scoped = new(StringComparer.Ordinal);

    /// <summary>The guard of calls without an API key (and of in-process harnesses).</summary>
    public IConversationGuard Unscoped => _unscoped;

    /// <summary>Records the authenticated tenant of a call.</summary>
    public static void SetTenant(ServerCallContext context, string tenant) => context.UserState[TenantKey] = tenant;

    /// <summary>The guard for the call's tenant.</summary>
    public IConversationGuard For(ServerCallContext context) => GuardOf(context);

    /// <summary>The review of the call's tenant's ends.</summary>
    public IEndReview ReviewFor(ServerCallContext context) => GuardOf(context);

    private ConversationGuard GuardOf(ServerCallContext context) =>
        context.UserState.TryGetValue(TenantKey, out var tenant) && tenant is string name
            ? _scoped.GetOrAdd(name, t => create(store.ForTenant(t)))
            : _unscoped;
}
