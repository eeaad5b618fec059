using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.Resilience;

namespace SidecarGuard.Judges.Combining;

/// <summary>
/// The built-in detector plus model judges, combined by a <see cref="CombinationRule"/>. Judges are asked in parallel
/// while the built-in detector runs; a judge that fails, times out or has an open circuit is left out and the verdict
/// says so. Refusal detection and end requests stay with the built-in detector.
/// </summary>
internal sealed class CombinedDetector : IAsyncTurnDetector, IDisposable
{
    private readonly ITurnDetector _builtIn;
    private readonly GuardedJudge[] _judges;
    private readonly CombinationRule _rule;

    public CombinedDetector(ITurnDetector builtIn, IEnumerable<GuardedJudge> judges, CombinationRule rule)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(judges);
        _builtIn = builtIn;
        _judges = [.. judges];
        _rule = rule;
    }

    public IReadOnlyList<GuardedJudge> Judges => _judges;

    public async ValueTask<TurnSignals> AnalyzeUserTurnAsync(string text, CancellationToken cancellationToken)
    {
        // Start the judges first: their HTTP calls overlap with the built-in detector's CPU work.
        var calls = new Task<JudgeOutcome>[_judges.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _judges[i].RunAsync(text, cancellationToken);
        }

        var builtIn = _builtIn is IAsyncTurnDetector asyncBuiltIn
            ? await asyncBuiltIn.AnalyzeUserTurnAsync(text, cancellationToken).ConfigureAwait(false)
            : _builtIn.AnalyzeUserTurn(text);
        var outcomes = await Task.WhenAll(calls).ConfigureAwait(false);
        return SignalCombiner.Combine(builtIn, outcomes, _rule);
    }

    /// <summary>Blocks on the judges; the guard uses <see cref="AnalyzeUserTurnAsync"/> instead.</summary>
    public TurnSignals AnalyzeUserTurn(string text) =>
        AnalyzeUserTurnAsync(text, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public bool IsRefusal(string assistantText) => _builtIn.IsRefusal(assistantText);

    public void Dispose()
    {
        foreach (var judge in _judges)
        {
            judge.Dispose();
        }
    }
}
