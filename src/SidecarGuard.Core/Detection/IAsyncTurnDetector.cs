namespace SidecarGuard.Core.Detection;

/// <summary>
/// A detector that does I/O to score a user turn, such as one that consults a model judge. The guard prefers this
/// path when its detector implements it; <see cref="ITurnDetector.AnalyzeUserTurn"/> stays for offline callers.
/// </summary>
public interface IAsyncTurnDetector : ITurnDetector
{
    /// <summary>Scores a user turn like <see cref="ITurnDetector.AnalyzeUserTurn"/>, without blocking a thread on I/O.</summary>
    /// <param name="text">The user's turn.</param>
    /// <param name="cancellationToken">Cancels the analysis (the caller's request was cancelled).</param>
    ValueTask<TurnSignals> AnalyzeUserTurnAsync(string text, CancellationToken cancellationToken);
}
