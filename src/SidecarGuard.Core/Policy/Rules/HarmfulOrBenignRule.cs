namespace SidecarGuard.Core.Policy.Rules;

/// <summary>The last rung: a turn with a harm of its own walks the streak; anything else is benign.</summary>
internal sealed class HarmfulOrBenignRule : ITurnRule
{
    public TurnDecision? Apply(TurnEvaluation turn) =>
        turn.Harm is { } harm ? StreakSteps.Harmful(turn, harm, CountedAs.Request) : StreakSteps.Benign(turn);
}
