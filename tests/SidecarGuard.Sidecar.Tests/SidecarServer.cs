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

    private SidecarServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
        Client = new GuardService.GuardServiceClient(Channel);
    }

    public string Address { get; }

    public GrpcChannel Channel { get; }

    public GuardService.GuardServiceClient Client { get; }

    public static async Task<SidecarServer> StartAsync(SidecarOptions? options = null)
    {
        options ??= new SidecarOptions { Store = StoreKind.Memory };
        options = options with { Listen = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0) };
        var app = await SidecarHost.BuildAsync(options, logging => logging.ClearProviders());
        await app.StartAsync();
        return new SidecarServer(app, SidecarHost.BoundAddress(app));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
