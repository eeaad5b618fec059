using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SidecarGuard.Client;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Testing;

/// <summary>
/// A real sidecar on Kestrel at 127.0.0.1 (gRPC and JSON/HTTP on free ports; in-memory store unless the options say
/// otherwise), with a gRPC channel and client and .NET guards to it. Stopping it keeps its addresses, so fail-mode
/// tests can call a sidecar that is no longer there.
/// </summary>
public sealed class TestSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<GrpcConversationGuard> _guards = [];
    private bool _stopped;

    private TestSidecar(WebApplication app)
    {
        _app = app;
        Address = SidecarHost.BoundAddress(app);
        HttpAddress = SidecarHost.BoundHttpAddress(app);
        Channel = GrpcChannel.ForAddress(Address);
        Client = new GuardService.GuardServiceClient(Channel);
    }

    /// <summary>The gRPC endpoint, e.g. http://127.0.0.1:40123.</summary>
    public string Address { get; }

    /// <summary>The gRPC endpoint as a URI, for <see cref="SidecarGuardOptions.Address"/>.</summary>
    public Uri Uri => new(Address);

    /// <summary>The JSON/HTTP (HTTP/1.1) endpoint, or null when the options turned it off.</summary>
    public string? HttpAddress { get; }

    /// <summary>A channel to <see cref="Address"/>.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The generated gRPC client on <see cref="Channel"/>.</summary>
    public GuardService.GuardServiceClient Client { get; }

    /// <summary>The host's services, for tests that look inside (the policy holder, metrics).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a sidecar; the listen addresses of <paramref name="options"/> are replaced by free loopback ports.</summary>
    public static async Task<TestSidecar> StartAsync(SidecarOptions? options = null, Action<ILoggingBuilder>? logging = null,
        SidecarExtension? extend = null)
    {
        options ??= new SidecarOptions { Store = StoreKind.Memory };
        options = options with
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            HttpListen = new IPEndPoint(IPAddress.Loopback, 0),
        };
        var app = await SidecarHost.BuildAsync(options, logging ?? (l => l.ClearProviders()), extend).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        return new TestSidecar(app);
    }

    /// <summary>A .NET client of this sidecar; <paramref name="configure"/> adjusts its options (short retries by default).</summary>
    public GrpcConversationGuard Guard(Action<SidecarGuardOptions>? configure = null)
    {
        // A generous deadline: CI machines are slow and the first turns of a process build detector patterns.
        var options = new SidecarGuardOptions { Address = Uri, RetryBaseDelay = TimeSpan.FromMilliseconds(10), Deadline = TimeSpan.FromSeconds(15) };
        configure?.Invoke(options);
        var guard = new GrpcConversationGuard(options);
        _guards.Add(guard);
        return guard;
    }

    /// <summary>Stops the host; the object keeps its addresses.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var guard in _guards)
        {
            guard.Dispose();
        }

        Channel.Dispose();
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
