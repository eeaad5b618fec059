using SidecarGuard.Core.Detection;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>What counts as "flagged" for a measure, read from the detector's signals and the engine's first-turn action.</summary>
internal sealed record Outcome(string Name, Func<TurnJudgement, bool> Test)
{
    /// <summary>Any action but ALLOW.</summary>
    public static Outcome NotAllow { get; } = new("not ALLOW", j => j.Action != TurnAction.Allow);

    /// <summary>
    /// Ends for harmful use are off for the rest of the conversation: SUPPORT, or an at-risk score at the policy's
    /// doubt level (rule 9). Doubt is sticky by default, so on everyday text it silently makes a conversation unendable.
    /// </summary>
    public static Outcome Doubt { get; } = new("doubt (ends off)", j => j.Action == TurnAction.Support || j.Doubt);

    /// <summary>The SUPPORT action (the user may be at risk).</summary>
    public static Outcome Support { get; } = new("SUPPORT", j => j.Action == TurnAction.Support);

    /// <summary>The detector reports <paramref name="category"/> at or above the detection threshold.</summary>
    public static Outcome Category(string category) => new(category, j => j.Signals.Categories
        .Any(c => c.Name == category && c.Score >= LexiconDetector.DetectionThreshold));
}

/// <summary>
/// The detector's signals for a turn, the engine's action for it (as the first turn of a conversation, or after the
/// row's <see cref="EvalItem.Before"/>), whether it left the conversation in at-risk doubt, and for a follow-up the
/// action the earlier turn got.
/// </summary>
internal readonly record struct TurnJudgement(TurnSignals Signals, TurnAction Action, bool Doubt = false, TurnAction? EarlierAction = null);
