using Microsoft.AspNetCore.Server.Kestrel.Core;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;
using SidecarGuard.Sidecar.Grpc;
using SidecarGuard.Sidecar.Observability;
using SidecarGuard.Sidecar.Tenancy;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>
/// Builds the sidecar: Kestrel with h2c gRPC on one port and JSON/HTTP on another, the guard service, health and
/// reflection.
/// </summary>
public static class SidecarHost
{
    /// <summary>Creates the application for <paramref name="options"/>: validates the policy file and opens the store.</summary>
    /// <param name="options">What to listen on, which store and policy.</param>
    /// <param name="logging">Adjusts logging (tests silence it).</param>
    /// <param name="extend">Adds services and endpoints beside the guard (the load harness adds its no-op service).</param>
    public static Task<WebApplication> BuildAsync(SidecarOptions options, Action<ILoggingBuilder>? logging = null,
        SidecarExtension? extend = null)
    {
        try
        {
            return Task.FromResult(Build(options, logging, extend));
        }
        catch (Exception e)
        {
            return Task.FromException<WebApplication>(e);
        }
    }

    private static WebApplication Build(SidecarOptions options, Action<ILoggingBuilder>? logging, SidecarExtension? extend)
    {
        if (options.Console && options.HttpListen is null)
        {
            throw new Cli.UsageException("--console is served on the HTTP endpoint, which --http-listen off turns off.");
        }

        var policy = options.PolicyPath is null ? new PolicyOptions() : PolicyFile.Load(options.PolicyPath);
        var auth = options.AuthPath is null ? null : AuthSettings.Load(options.AuthPath);
        var tls = TlsSettings.Load(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var endpoints = new SidecarEndpoints { Tls = tls is not null };
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, options, tls, endpoints));

        var services = builder.Services;
        services.AddSingleton(endpoints);
        var holder = new PolicyHolder(policy);
        services.AddSingleton(holder);
        if (options.PolicyPath is { } policyPath)
        {
            services.AddSingleton(sp => new PolicyFileWatcher(policyPath, holder, options.PolicyPollInterval,
                sp.GetRequiredService<GuardMetrics>(), sp.GetRequiredService<ILogger<PolicyFileWatcher>>()));
            services.AddHostedService(sp => sp.GetRequiredService<PolicyFileWatcher>());
        }

        services.AddSingleton(new GuardOptions { MaxTextBytes = options.MaxTextBytes, StoreText = options.StoreText });
        services.AddSingleton(_ => DetectorKinds.Create(options.Detector));
        services.AddSidecarGuardJudges(options.JudgesPath);
        options.Store.Add(services, options);
        services.AddConversationGuard();
        services.AddSingleton(sp => new TenantGuards(sp.GetRequiredService<IConversationStore>(), options.Tenant,
            sp.GetRequiredService<ConversationGuardFactory>().Create));
        if (auth is not null)
        {
            services.AddSingleton(new TenantDirectory(auth));
        }

        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<GuardErrorInterceptor>();
            if (auth is not null)
            {
                grpc.Interceptors.Add<TenantAuthInterceptor>();
            }

            // Texts are limited by the guard; the message limit only keeps absurd frames out.
            grpc.MaxReceiveMessageSize = options.MaxRequestBytes;
        }).AddJsonTranscoding(JsonHttp.Configure);
        services.AddGrpcReflection();
        OpenApiDescription.AddServices(services);
        TelemetrySetup.AddTelemetry(services, Environment.GetEnvironmentVariable);
        // Probes may ask for the whole server ("") or for the guard service by name; both answer for the store.
        services.AddGrpcHealthChecks(health => health.Services.Map("sidecarguard.v1.GuardService", _ => true))
            .AddCheck<StoreHealthCheck>("store");

        extend?.Services?.Invoke(services);
        var app = builder.Build();

        // Open the store and load the detector (the sentence encoder, about a second) before the host says it is
        // ready, so the first call is not the slow one and a store that cannot be opened or a missing model fails the
        // start, not a request (a Redis that is down keeps being retried; health reports NOT_SERVING meanwhile).
        app.Services.GetRequiredService<IConversationStore>();
        app.Services.GetRequiredService<ITurnDetector>();
        if (options.PolicyPath is not null)
        {
            app.Services.GetRequiredService<PolicyFileWatcher>(); // Remembers the file as loaded above.
        }

        app.UseMiddleware<HostAndOriginGate>(Hosting.AllowedHosts.For(options));
        app.UseMiddleware<GrpcFrameGate>(options.MaxRequestBytes);
        app.UseMiddleware<JsonBodyGate>(options.MaxRequestBytes);
        if (options.HttpListen is not null)
        {
            TelemetrySetup.UseScrapeEndpoint(app);
            OpenApiDescription.Map(app);
            if (options.Console)
            {
                OperatorConsole.ConsolePages.Map(app);
            }
        }

        app.MapGrpcService<GuardGrpcService>();
        extend?.Endpoints?.Invoke(app);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>h2c (or TLS) gRPC on one port, HTTP/1.1 for JSON and /metrics on the other; records both for their addresses.</summary>
    private static void Listen(KestrelServerOptions kestrel, SidecarOptions options, TlsSettings? tls, SidecarEndpoints endpoints)
    {
        kestrel.AddServerHeader = false;
        // The gates answer oversized requests precisely (RESOURCE_EXHAUSTED); this bound only backs them up.
        kestrel.Limits.MaxRequestBodySize = 2L * options.MaxRequestBytes;
        kestrel.Listen(options.Listen, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            endpoints.Grpc = listen;
            if (tls is not null)
            {
                listen.UseHttps(tls.Apply);
            }
        });
        if (options.HttpListen is { } http)
        {
            kestrel.Listen(http, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                endpoints.Http = listen;
                if (tls is not null)
                {
                    listen.UseHttps(tls.Apply);
                }
            });
        }
    }

    /// <summary>The gRPC address Kestrel actually bound (resolves port 0).</summary>
    public static string BoundAddress(WebApplication app) => app.Services.GetRequiredService<SidecarEndpoints>().GrpcAddress;

    /// <summary>The JSON/HTTP address Kestrel actually bound, or null when that endpoint is off.</summary>
    public static string? BoundHttpAddress(WebApplication app) => app.Services.GetRequiredService<SidecarEndpoints>().HttpAddress;
}
