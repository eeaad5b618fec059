namespace SidecarGuard.Judges.Resilience;

/// <summary>
/// Stops calling a judge after <c>failureThreshold</c> consecutive failures, for <c>breakDuration</c>; then lets a
/// single probe through, which closes the circuit on success and opens it again on failure. Thread-safe.
/// </summary>
internal sealed class CircuitBreaker
{
    private readonly Lock _gate = new();
    private readonly int _failureThreshold;
    private readonly TimeSpan _breakDuration;
    private readonly TimeProvider _time;
    private CircuitState _state = CircuitState.Closed;
    private int _failures;
    private DateTimeOffset _openUntil;

    public CircuitBreaker(int failureThreshold, TimeSpan breakDuration, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failureThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(breakDuration, TimeSpan.Zero);
        _failureThreshold = failureThreshold;
        _breakDuration = breakDuration;
        _time = time;
    }

    /// <summary>The current state; an open circuit whose break has ended still reads as open until the next call.</summary>
    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Whether a call may go ahead now. After a break, the first caller becomes the probe.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open when _time.GetUtcNow() >= _openUntil:
                    _state = CircuitState.HalfOpen;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>A call answered usefully: the circuit closes and the failure count restarts.</summary>
    public void RecordSuccess()
    {
        lock (_gate)
        {
            _state = CircuitState.Closed;
            _failures = 0;
        }
    }

    /// <summary>A call failed: a failed probe reopens the circuit; otherwise the threshold may open it.</summary>
    public void RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_state == CircuitState.HalfOpen || _failures >= _failureThreshold)
            {
                _state = CircuitState.Open;
                _openUntil = _time.GetUtcNow() + _breakDuration;
            }
        }
    }

    /// <summary>A call was abandoned by its caller, which says nothing about the judge: a probe slot is handed back.</summary>
    public void RecordAbandoned()
    {
        lock (_gate)
        {
            if (_state == CircuitState.HalfOpen)
            {
                // The break is already over, so the next caller probes straight away.
                _state = CircuitState.Open;
            }
        }
    }
}
