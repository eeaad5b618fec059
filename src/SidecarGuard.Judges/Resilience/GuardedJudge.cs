using System.Globalization;

namespace SidecarGuard.Judges.Resilience;

/// <summary>
/// A judge behind its per-call timeout and circuit breaker, with its weight and threshold applied. Never throws
/// for a judge failure: it reports the failure in the <see cref="JudgeOutcome"/>. Only the caller's cancellation
/// propagates.
/// </summary>
internal sealed class GuardedJudge : IDisposable
{
    private readonly ITurnJudge _judge;
    private readonly JudgeOptions _options;

    public GuardedJudge(ITurnJudge judge, JudgeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(options);
        _judge = judge;
        _options = options;
        Breaker = new CircuitBreaker(options.FailureThreshold, options.BreakDuration, time);
    }

    public string Name => _judge.Name;

    public CircuitBreaker Breaker { get; }

    public async Task<JudgeOutcome> RunAsync(string text, CancellationToken cancellationToken)
    {
        if (!Breaker.TryAcquire())
        {
            return JudgeOutcome.Unavailable(Name, "circuit open");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var verdict = await _judge.JudgeAsync(text, timeout.Token).ConfigureAwait(false);
            Breaker.RecordSuccess();
            return JudgeOutcome.Answer(Name, Weigh(verdict));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Breaker.RecordAbandoned();
            throw;
        }
        catch (OperationCanceledException)
        {
            Breaker.RecordFailure();
            return JudgeOutcome.Unavailable(Name, $"timed out after {_options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
#pragma warning disable CA1031 // A judge is an external service or a plug-in: whatever it throws means "no verdict".
        catch (Exception e)
#pragma warning restore CA1031
        {
            Breaker.RecordFailure();
            return JudgeOutcome.Unavailable(Name, Describe(e));
        }
    }

    public void Dispose() => (_judge as IDisposable)?.Dispose();

    private JudgeVerdict Weigh(JudgeVerdict verdict)
    {
        if (verdict.Categories.Count == 0)
        {
            return verdict;
        }

        var kept = new List<CategoryScore>(verdict.Categories.Count);
        foreach (var category in verdict.Categories)
        {
            var score = Math.Clamp(category.Score * _options.Weight, 0, 1);
            if (score >= _options.Threshold && score > 0)
            {
                kept.Add(category with { Score = score });
            }
        }

        return verdict with { Categories = kept };
    }

    private static string Describe(Exception e) => e switch
    {
        JudgeUnavailableException => e.Message,
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException => "connection failed",
        _ => e.GetType().Name,
    };
}
