using Microsoft.Extensions.Diagnostics.HealthChecks;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>Serving only while the store answers a read; grpc.health.v1 reports NOT_SERVING otherwise.</summary>
internal sealed class StoreHealthCheck(IConversationStore store) : IHealthCheck
{
    private const string ProbeId = "sidecarguard.health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetAsync(ProbeId, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (StoreUnavailableException e)
        {
            return HealthCheckResult.Unhealthy("The conversation store is unavailable.", e);
        }
    }
}
