using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Observability;

/// <summary>
/// OpenTelemetry for the sidecar: the "SidecarGuard" meter scraped at /metrics on the HTTP/1.1 endpoint, and its
/// spans. OTLP export (metrics and traces) is added only when OTEL_EXPORTER_OTLP_ENDPOINT is set, so nothing is
/// sent anywhere by default.
/// </summary>
internal static class TelemetrySetup
{
    public const string ScrapePath = "/metrics";

    public static void AddTelemetry(IServiceCollection services, Func<string, string?> environment)
    {
        services.AddSingleton<GuardMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(environment("OTEL_EXPORTER_OTLP_ENDPOINT"));
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("sidecarguard"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GuardMetrics.Name).AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(GuardMetrics.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }

    /// <summary>Serves /metrics only on the HTTP/1.1 endpoint, not on the gRPC port.</summary>
    public static void UseScrapeEndpoint(WebApplication app)
    {
        var endpoints = app.Services.GetRequiredService<SidecarEndpoints>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == ScrapePath
            && endpoints.Http?.IPEndPoint is { } http
            && context.Connection.LocalPort == http.Port);
    }
}
