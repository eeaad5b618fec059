using SidecarGuard.Core.Detection;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>What counts as "flagged" for a measure, read from the detector's signals and the engine's first-turn action.</summary>
internal sealed record Outcome(string Name, Func<TurnJudgement, bool> Test)
{
    /// <summary>Any action but ALLOW.</summary>
    public static Outcome NotAllow { get; } = new("not ALLOW", j => j.Action != TurnAction.Allow);

    /// <summary>The SUPPORT action (the user may be at risk).</summary>
    public static Outcome Support { get; } = new("SUPPORT", j => j.Action == TurnAction.Support);

    /// <summary>The detector reports <paramref name="category"/> at or above the detection threshold.</summary>
    public static Outcome Category(string category) => new(category, j => j.Signals.Categories
        .Any(c => c.Name == category && c.Score >= LexiconDetector.DetectionThreshold));
}

/// <summary>The detector's signals for a turn and the engine's action for it as the first turn of a conversation.</summary>
internal readonly record struct TurnJudgement(TurnSignals Signals, TurnAction Action);
