using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SidecarGuard.Client.Tests;

/// <summary>A sidecar that accepts connections but never answers is given up on at the deadline, not waited on.</summary>
public sealed class DeadlineTests : IDisposable
{
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];

    public DeadlineTests()
    {
        _silent.Start();
        _ = HoldConnectionsAsync();
    }

    public void Dispose()
    {
        _silent.Stop();
        foreach (var connection in _held)
        {
            connection.Dispose();
        }
    }

    private async Task HoldConnectionsAsync()
    {
        try
        {
            while (true)
            {
                _held.Add(await _silent.AcceptTcpClientAsync());
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    [Fact]
    public async Task Silent_Sidecar_Fails_At_The_Configured_Deadline()
    {
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}");
        using var guard = new GrpcConversationGuard(new SidecarGuardOptions { Address = address, Deadline = TimeSpan.FromMilliseconds(300) });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<GuardUnavailableException>(
            async () => await guard.EvaluateTurnAsync(new TurnRequest("c-silent", Phrases.Benign)));

        Assert.Contains("deadline", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }
}
