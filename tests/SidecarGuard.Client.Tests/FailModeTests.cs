using System.Diagnostics.Metrics;

namespace SidecarGuard.Client.Tests;

/// <summary>What the client does when the sidecar has stopped.</summary>
public sealed class FailModeTests : IAsyncLifetime
{
    private TestSidecar _sidecar = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await TestSidecar.StartAsync();
        // Prove the address worked, then take the sidecar away.
        Assert.Equal(TurnAction.Allow, (await _sidecar.Guard().EvaluateTurnAsync(new TurnRequest("c-warmup", Phrases.Benign))).Action);
        await _sidecar.StopAsync();
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public async Task Fail_Closed_Is_The_Default_And_Throws_GuardUnavailable_Naming_The_Address()
    {
        var guard = _sidecar.Guard();

        var error = await Assert.ThrowsAsync<GuardUnavailableException>(
            async () => await guard.EvaluateTurnAsync(new TurnRequest("c-closed", Phrases.Terror)));

        Assert.Equal(GuardFailMode.FailClosed, new SidecarGuardOptions().FailMode);
        Assert.Contains(_sidecar.Address.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fail_Open_Returns_A_Degraded_Allow_And_Counts_It()
    {
        var guard = _sidecar.Guard(o => o.FailMode = GuardFailMode.FailOpen);
        long degraded = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SidecarGuard.Client" && instrument.Name == "sidecarguard.client.degraded_verdicts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref degraded, value));
        listener.Start();

        var verdict = await guard.EvaluateTurnAsync(new TurnRequest("c-open", Phrases.Terror));

        Assert.Equal(TurnAction.Allow, verdict.Action);
        Assert.True(verdict.Degraded);
        Assert.Empty(verdict.Categories);
        Assert.Equal(1, Interlocked.Read(ref degraded));
    }

    [Fact]
    public async Task Fail_Open_Does_Not_Apply_To_Ending()
    {
        var guard = _sidecar.Guard(o => o.FailMode = GuardFailMode.FailOpen);

        await Assert.ThrowsAsync<GuardUnavailableException>(async () => await guard.EndConversationAsync("c-open", EndReason.Abuse));
    }
}
