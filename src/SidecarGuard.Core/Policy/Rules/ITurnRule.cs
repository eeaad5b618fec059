namespace SidecarGuard.Core.Policy.Rules;

/// <summary>
/// One rung of the policy's precedence ladder: it decides the turn, or passes it on (<see langword="null"/>) to the
/// next rule. <see cref="PolicyEngine"/> asks the rules in order; the last one always decides.
/// </summary>
internal interface ITurnRule
{
    /// <summary>The decision for <paramref name="turn"/>, or <see langword="null"/> when this rule does not apply.</summary>
    TurnDecision? Apply(TurnEvaluation turn);
}
