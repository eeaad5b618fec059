using SidecarGuard.Core.Detection;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Policy.Rules;

/// <summary>
/// How a counted turn moves the streak: a harmful one walks it (REDIRECT, then WARN, then END for an end-eligible
/// category; REDIRECT only for the others; never a warning or an end while the user may be at risk); a benign one
/// counts toward forgiving it.
/// </summary>
internal static class StreakSteps
{
    /// <summary>
    /// A turn counted as harmful in <paramref name="harm"/>'s category, as <paramref name="counted"/> says. A turn
    /// counted only because it refers back to the refused request keeps the streak, and right after the warning it gets
    /// the warning repeated instead of an end, so a user refused by mistake who asks an innocent follow-up is not ended
    /// for it; a user who goes on once more after the repeated warning is persistent. In a streak that holds a request
    /// read outright (<see cref="PolicyOptions.ExplicitRequestScore"/>) there was no mistake, and such a turn after the
    /// warning may end the conversation at once. A turn counted only on a weak
    /// reading is declined at the stage the streak is in (REDIRECT, or the warning repeated) and moves it no further.
    /// </summary>
    public static TurnDecision Harmful(TurnEvaluation turn, CategoryScore harm, CountedAs counted)
    {
        var engine = turn.Engine;
        var next = turn.Next;
        var category = harm.Name;
        var before = next.Streak;
        var streak = before with { HarmfulTurns = before.HarmfulTurns + 1, BenignTurns = 0, Evidence = before.EvidenceWith(turn.Turn.TextHash) };
        var lastTurn = turn.LastTurn with { Kind = TurnKind.Harmful };

        if (!engine.IsEndEligible(category))
        {
            streak = streak with { Category = engine.IsEndEligible(before.Category) ? before.Category : category };
            return turn.Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Redirect,
                $"Harmful request ({category}): refuse and redirect.");
        }

        streak = streak with
        {
            Category = category,
            ExplicitRequest = streak.ExplicitRequest || (counted == CountedAs.Request && NamesAnEndEligibleHarm(turn)),
        };
        var needed = engine.RedirectsFor(category);
        if (next.AtRisk && category == HarmCategories.Abuse)
        {
            return turn.Decide(next with { Streak = streak, LastTurn = lastTurn with { Kind = TurnKind.Support } }, TurnAction.Support,
                "Hostility from a user who may be at risk: do not escalate or warn; stay calm, acknowledge the anger and offer support. Ending is disabled for this conversation.");
        }

        if (next.AtRisk || next.AtRiskDoubt)
        {
            streak = streak with { RedirectsGiven = Math.Min(streak.RedirectsGiven + 1, needed) };
            return turn.Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Redirect, next.AtRisk
                ? $"Harmful request ({category}) in a conversation with at-risk signals: refuse and redirect; ending stays disabled."
                : $"Harmful request ({category}) in a conversation with signs that the user may be at risk: refuse calmly, de-escalate and offer help; no warning, ending stays disabled.");
        }

        if (counted == CountedAs.WeakReading)
        {
            // The streak stays as it was, alive: the turn is declined, and nothing about it can bring an end closer.
            var kept = before with { BenignTurns = 0 };
            return before.WarningGiven
                ? turn.Decide(next with { Streak = kept, LastTurn = lastTurn }, TurnAction.Warn,
                    $"Harmful request ({category}) persists after the warning: refuse and repeat the warning. This turn reads only weakly as harmful, so it cannot end the conversation.")
                : turn.Decide(next with { Streak = kept, LastTurn = lastTurn }, TurnAction.Redirect,
                    $"Harmful request ({category}): refuse and redirect ({before.RedirectsGiven} of {needed} before a warning; this turn reads only weakly as harmful and does not count toward it).");
        }

        // A turn counted only because it refers back to the request gets the warning repeated once before it may end,
        // unless the streak holds a request read outright (it was not begun by a misreading).
        var referenceBackTooSoon = counted == CountedAs.ReferenceBack && before.HarmfulTurns < needed + 2;
        if (streak.WarningGiven && referenceBackTooSoon && !streak.ExplicitRequest)
        {
            return turn.Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Warn,
                $"Harmful request ({category}) persists after the warning: refuse and repeat the warning. This turn only refers back to the refused request, so the warning is repeated once before ending is permitted.");
        }

        if (streak.WarningGiven)
        {
            return turn.Decide(next with { Streak = streak, LastTurn = lastTurn, PermittedEnd = EndReason.Abuse }, TurnAction.End,
                $"Persistent harmful requests ({category}) after {streak.RedirectsGiven} redirects and a warning: ending is permitted."
                + (referenceBackTooSoon
                    ? " The streak began with a request named outright, so a turn that only refers back to it may end the conversation."
                    : string.Empty),
                EndReason.Abuse);
        }

        if (streak.RedirectsGiven < needed)
        {
            streak = streak with { RedirectsGiven = streak.RedirectsGiven + 1 };
            return turn.Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Redirect,
                $"Harmful request ({category}): refuse and redirect ({streak.RedirectsGiven} of {needed} before a warning).");
        }

        streak = streak with { WarningGiven = true };
        return turn.Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Warn,
            $"Harmful request ({category}) persists after {streak.RedirectsGiven} redirects: refuse and warn that continuing may end the conversation.");
    }

    /// <summary>
    /// Whether the turn names a harm of an end-eligible category in so many words, at or above the policy's
    /// <see cref="PolicyOptions.ExplicitRequestScore"/> (<see cref="TurnSignals.NamedOutright"/>).
    /// </summary>
    private static bool NamesAnEndEligibleHarm(TurnEvaluation turn) =>
        turn.Options.ExplicitRequestScore is { } level
        && turn.Signals.NamedOutright.Any(c => c.Score >= level && turn.Engine.IsEndEligible(c.Name));

    public static TurnDecision Benign(TurnEvaluation turn)
    {
        var next = turn.Next;
        var streak = next.Streak;
        streak = streak.IsActive && streak.BenignTurns + 1 >= turn.Options.BenignTurnsToReset
            ? StreakState.Clean
            : streak with { BenignTurns = streak.BenignTurns + 1 };
        var reason = next.Streak.IsActive && !streak.IsActive
            ? "Benign turn; the user has moved on, so the harmful streak is cleared."
            : "No policy signal: answer normally.";
        return turn.Decide(next with { Streak = streak, LastTurn = turn.LastTurn with { Kind = TurnKind.Benign } }, TurnAction.Allow, reason);
    }
}

/// <summary>Why a turn is counted as the streak's harmful request, which decides how far it may move the streak.</summary>
internal enum CountedAs
{
    /// <summary>A request in its own right (detected, a related category, or pressing for what was refused).</summary>
    Request,

    /// <summary>
    /// It only refers back to the refused request: after the warning, the warning is repeated once before an end,
    /// unless the streak began with a request named outright (<see cref="StreakState.ExplicitRequest"/>).
    /// </summary>
    ReferenceBack,

    /// <summary>Only a weak reading of some harm right after a harmful turn: declined, but it never moves the streak on.</summary>
    WeakReading,
}
