using System.Collections.Concurrent;
using Grpc.Core;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>
/// One guard per tenant, each over its tenant's scoped view of the store; without auth every call uses the guard
/// over the whole store, exactly as before tenants existed.
/// </summary>
internal sealed class TenantGuards(IConversationStore store, Func<IConversationStore, IConversationGuard> create)
{
    private const string TenantKey = "sidecarguard.tenant";

    private readonly IConversationGuard _unscoped = create(store);
    private readonly ConcurrentDictionary<string, IConversationGuard> _scoped = new(StringComparer.Ordinal);

    /// <summary>The guard over the whole store, used by calls without a tenant (and by in-process harnesses).</summary>
    public IConversationGuard Unscoped => _unscoped;

    /// <summary>Records the authenticated tenant of a call.</summary>
    public static void SetTenant(ServerCallContext context, string tenant) => context.UserState[TenantKey] = tenant;

    /// <summary>The guard for the call's tenant.</summary>
    public IConversationGuard For(ServerCallContext context) =>
        context.UserState.TryGetValue(TenantKey, out var tenant) && tenant is string name
            ? _scoped.GetOrAdd(name, t => create(new TenantScopedStore(store, t)))
            : _unscoped;
}
