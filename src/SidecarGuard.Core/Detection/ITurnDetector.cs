namespace SidecarGuard.Core.Detection;

/// <summary>Finds policy signals in turn text. Implementations are thread-safe and load their data once.</summary>
public interface ITurnDetector
{
    /// <summary>Scores a user turn: harm categories, at-risk signals, end requests and confirmations.</summary>
    TurnSignals AnalyzeUserTurn(string text);

    /// <summary>Whether an assistant reply refuses the request it answers.</summary>
    bool IsRefusal(string assistantText);
}
