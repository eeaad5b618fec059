using SidecarGuard.Judges.Resilience;
using SidecarGuard.Judges.Tests.Fakes;

namespace SidecarGuard.Judges.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private readonly ManualTime _time = new();
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests() => _breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(30), _time);

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(_breaker.TryAcquire());
            _breaker.RecordFailure();
        }
    }

    [Fact]
    public void Opens_After_The_Threshold_Of_Consecutive_Failures()
    {
        Fail(2);
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Fail(1);
        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryAcquire());
    }

    [Fact]
    public void A_Success_Restarts_The_Count()
    {
        Fail(2);
        _breaker.RecordSuccess();
        Fail(2);
        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void After_The_Break_One_Probe_Goes_Through_And_Its_Success_Closes_The_Circuit()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_breaker.TryAcquire());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_breaker.TryAcquire());
        Assert.Equal(CircuitState.HalfOpen, _breaker.State);
        Assert.False(_breaker.TryAcquire());
        _breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.True(_breaker.TryAcquire());
    }

    [Fact]
    public void A_Failed_Probe_Opens_The_Circuit_For_Another_Break()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_breaker.TryAcquire());
        _breaker.RecordFailure();
        Assert.Equal(CircuitState.Open, _breaker.State);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_breaker.TryAcquire());
    }

    [Fact]
    public void An_Abandoned_Probe_Lets_The_Next_Caller_Probe()
    {
        Fail(3);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(_breaker.TryAcquire());
        _breaker.RecordAbandoned();
        Assert.True(_breaker.TryAcquire());
    }
}
