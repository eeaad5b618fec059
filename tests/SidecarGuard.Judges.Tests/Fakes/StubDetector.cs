using SidecarGuard.Core.Detection;

namespace SidecarGuard.Judges.Tests.Fakes;

/// <summary>A built-in detector that returns fixed signals, so tests know exactly what it "saw".</summary>
internal sealed class StubDetector(TurnSignals? signals = null, bool refusal = false) : ITurnDetector
{
    public TurnSignals AnalyzeUserTurn(string text) => signals ?? TurnSignals.None;

    public bool IsRefusal(string assistantText) => refusal;
}
