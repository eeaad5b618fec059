using System.Diagnostics.Metrics;

namespace SidecarGuard.Client;

/// <summary>The client's instruments, on the meter named <see cref="MeterName"/>.</summary>
internal static class ClientMetrics
{
    public const string MeterName = "SidecarGuard.Client";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Turns answered with a degraded ALLOW because the sidecar could not be reached (fail-open).</summary>
    public static readonly Counter<long> DegradedVerdicts = Meter.CreateCounter<long>(
        "sidecarguard.client.degraded_verdicts", unit: "{turn}",
        description: "Turns allowed without judgement because the sidecar could not be reached (fail-open).");

    /// <summary>Call attempts retried after UNAVAILABLE.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "sidecarguard.client.retries", unit: "{attempt}", description: "gRPC attempts retried after UNAVAILABLE.");
}
