using SidecarGuard.Core.Detection;

namespace SidecarGuard.LoadTest;

/// <summary>
/// A detector that finds nothing, for <c>--detector none</c>: it isolates what the host, the engine and the store
/// cost per turn from what detection costs. Never a production detector.
/// </summary>
internal sealed class SilentDetector : ITurnDetector
{
    public TurnSignals AnalyzeUserTurn(string text) => TurnSignals.None;

    public bool IsRefusal(string assistantText) => false;
}
