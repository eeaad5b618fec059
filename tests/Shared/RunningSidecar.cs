using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using SidecarGuard.Client;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Tests.Shared;

/// <summary>
/// A real sidecar on Kestrel at 127.0.0.1 on a free port (in-memory store), and clients to it. Stopping it keeps
/// <see cref="Address"/>, so the fail-mode tests can call a sidecar that is no longer there.
/// </summary>
internal sealed class RunningSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<GrpcConversationGuard> _guards = [];
    private bool _stopped;

    private RunningSidecar(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<RunningSidecar> StartAsync()
    {
        var options = new SidecarOptions { Store = StoreKind.Memory, Listen = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), HttpListen = null };
        var app = await SidecarHost.BuildAsync(options, logging => logging.ClearProviders());
        await app.StartAsync();
        return new RunningSidecar(app, new Uri(SidecarHost.BoundAddress(app)));
    }

    /// <summary>A client of this sidecar; <paramref name="configure"/> adjusts its options (short retries by default).</summary>
    public GrpcConversationGuard Guard(Action<SidecarGuardOptions>? configure = null)
    {
        // A generous deadline: CI machines are slow and the first turns of a process build detector patterns.
        var options = new SidecarGuardOptions { Address = Address, RetryBaseDelay = TimeSpan.FromMilliseconds(10), Deadline = TimeSpan.FromSeconds(15) };
        configure?.Invoke(options);
        var guard = new GrpcConversationGuard(options);
        _guards.Add(guard);
        return guard;
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var guard in _guards)
        {
            guard.Dispose();
        }

        await StopAsync();
        await _app.DisposeAsync();
    }
}
