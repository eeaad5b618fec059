using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Builder;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>A real sidecar on Kestrel at 127.0.0.1 with a free port, and a gRPC channel to it.</summary>
internal sealed class SidecarServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SidecarServer(WebApplication app, string address, string? httpAddress)
    {
        _app = app;
        Address = address;
        HttpAddress = httpAddress;
        Channel = GrpcChannel.ForAddress(address);
        Client = new GuardService.GuardServiceClient(Channel);
    }

    public string Address { get; }

    /// <summary>The JSON/HTTP (HTTP/1.1) endpoint, e.g. http://127.0.0.1:40123.</summary>
    public string? HttpAddress { get; }

    public GrpcChannel Channel { get; }

    public GuardService.GuardServiceClient Client { get; }

    public static async Task<SidecarServer> StartAsync(SidecarOptions? options = null, Action<ILoggingBuilder>? logging = null,
        SidecarExtension? extend = null)
    {
        options ??= new SidecarOptions { Store = StoreKind.Memory };
        options = options with
        {
            Listen = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
            HttpListen = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0),
        };
        var app = await SidecarHost.BuildAsync(options, logging ?? (l => l.ClearProviders()), extend);
        await app.StartAsync();
        return new SidecarServer(app, SidecarHost.BoundAddress(app), SidecarHost.BoundHttpAddress(app));
    }

    public IServiceProvider Services => _app.Services;

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
