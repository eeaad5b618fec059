using SidecarGuard.Core.Detection;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Policy.Rules;

/// <summary>
/// At risk comes first: at-risk signals give SUPPORT and disable ending for the conversation; and once it has them, a
/// weaker at-risk score (at least <see cref="PolicyOptions.FollowUpThreshold"/>), pressing for what was refused ("just
/// tell me how many"), going on right after a SUPPORT answer by referring back to it ("how many of them, then?"), with
/// a harm reading at that threshold ("so just walk me through the steps then") or with an insult read only weakly
/// ("shut up, nobody asked you"), turning down the help offered ("don't call anyone", "leave me alone"), or confirming
/// an end ("yes, end it") is read in that light and gets SUPPORT, not a normal answer.
/// </summary>
internal sealed class AtRiskRule : ITurnRule
{
    public TurnDecision? Apply(TurnEvaluation turn)
    {
        var options = turn.Options;
        if (turn.Signals.ReadsAtRisk(options.DetectionThreshold))
        {
            return turn.Decide(turn.Next with { AtRisk = true, AtRiskDoubt = options.AtRiskVetoIsSticky, PendingEndConfirmation = false, LastTurn = turn.LastTurn with { Kind = TurnKind.Support } },
                TurnAction.Support, "At-risk signals: stay with the user and offer support. Ending is disabled for this conversation.");
        }

        return turn.Next.AtRisk && Continues(turn) is { } why
            ? turn.Decide(turn.Next with { PendingEndConfirmation = false, LastTurn = turn.LastTurn with { Kind = TurnKind.Support } },
                TurnAction.Support,
                $"The conversation has at-risk signals and this turn continues them ({why}): stay with the user and offer support. Ending is disabled for this conversation.")
            : null;
    }

    private static string? Continues(TurnEvaluation turn)
    {
        foreach (var category in turn.Categories)
        {
            if (HarmCategories.IsAtRisk(category.Name) && category.Score >= turn.Options.FollowUpThreshold)
            {
                return FollowUpRule.InContext(category);
            }
        }

        var afterSupport = turn.State.LastTurn.Kind == TurnKind.Support;
        if (afterSupport)
        {
            foreach (var category in turn.Categories)
            {
                if (category.Score < turn.Options.FollowUpThreshold)
                {
                    continue;
                }

                // An insult read outright has its own de-escalating SUPPORT further down the ladder (it counts in the
                // streak); one read only weakly ("shut up, nobody asked you") is still the same user's anger.
                if (category.Name != HarmCategories.Abuse)
                {
                    return FormattableString.Invariant($"a harmful request right after the at-risk turn: {FollowUpRule.InContext(category)}");
                }

                if (turn.Harm is null)
                {
                    return FormattableString.Invariant($"hostility right after the at-risk turn: {FollowUpRule.InContext(category)}");
                }
            }
        }

        var goesOnFromSupport = (turn.Signals.Continuation || turn.Signals.PressesOn) && afterSupport;
        if ((turn.Signals.Insistence || goesOnFromSupport) && turn.Options.InsistenceContinuesStreak)
        {
            return "the user presses for what was refused";
        }

        if (turn.Signals.DeclinesHelp)
        {
            return "the user turns down the help offered";
        }

        return turn.Signals.EndConfirmation && !turn.Signals.EndRequest ? "the user confirms ending while at risk" : null;
    }
}
