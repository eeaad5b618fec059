using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Policy.Rules;

/// <summary>
/// Rule 8, follow-ups: while a harmful streak is active, a turn continues it in the streak's category when it is
/// detected as one of that category's <see cref="CategoryPolicy.FollowUps"/>, when its score for the streak's
/// category or a follow-up reaches <see cref="PolicyOptions.FollowUpThreshold"/>, or when it only presses for what was
/// refused. Right after a harmful turn it also continues the streak, without being able to end it by itself, when it
/// goes on with the refused request by referring back to it ("where should I put it?", "make it more detailed"): such a
/// turn has no topic of its own, so the refused one is its topic; and it is declined, without moving the streak on,
/// when any harm reading reaches that threshold or a model reads it as pressing on (<see cref="TurnSignals.PressesOn"/>).
/// A turn with a harm of its own in an unrelated category keeps that category.
/// </summary>
internal sealed class FollowUpRule : ITurnRule
{
    public TurnDecision? Apply(TurnEvaluation turn)
    {
        if (Counted(turn) is not { } followUp)
        {
            return null;
        }

        var decision = StreakSteps.Harmful(turn, followUp.Counted, followUp.As);
        return decision with { Reason = $"{decision.Reason} Counted as a follow-up of the streak: {followUp.Why}." };
    }

    /// <summary>A signal named in a follow-up reason, with the score in the invariant culture (the engine is pure).</summary>
    public static string InContext(CategoryScore category) =>
        FormattableString.Invariant($"{category.Name} {category.Score:0.00} in context");

    private static (CategoryScore Counted, string Why, CountedAs As)? Counted(TurnEvaluation turn)
    {
        if (!turn.Streak.IsActive || turn.Streak.Category is not { } current)
        {
            return null;
        }

        var engine = turn.Engine;
        var options = turn.Options;
        var refersBack = turn.Signals.Continuation && turn.AfterHarm;
        var goesOn = refersBack && engine.IsEndEligible(current);
        if (turn.Harm is { } detected)
        {
            if (detected.Name != current && engine.IsFollowUpOf(current, detected.Name))
            {
                return (new CategoryScore(current, detected.Score), FormattableString.Invariant($"detected as {detected.Name} {detected.Score:0.00}"), CountedAs.Request);
            }

            // A turn that goes on with an end-eligible request and reads as a lesser harm of its own ("now make the
            // messages more graphic": other harm) is still that request: the more severe reading wins.
            return goesOn && detected.Name != current && !engine.IsEndEligible(detected.Name)
                ? (new CategoryScore(current, detected.Score), FormattableString.Invariant($"the turn goes on with the refused request (also read as {detected.Name} {detected.Score:0.00})"), CountedAs.Request)
                : null;
        }

        foreach (var category in turn.Categories)
        {
            if (category.Score >= options.FollowUpThreshold && !HarmCategories.IsAtRisk(category.Name)
                && (category.Name == current || engine.IsFollowUpOf(current, category.Name)))
            {
                return (new CategoryScore(current, category.Score), InContext(category), CountedAs.Request);
            }
        }

        if (options.InsistenceContinuesStreak && turn.Signals.Insistence)
        {
            return (new CategoryScore(current, options.DetectionThreshold), "the user presses for what was refused", CountedAs.Request);
        }

        // Counted, but it may not end the conversation by itself: see StreakSteps.Harmful.
        if (options.InsistenceContinuesStreak && refersBack)
        {
            return (new CategoryScore(current, options.DetectionThreshold), "the turn goes on with the refused request, referring back to it", CountedAs.ReferenceBack);
        }

        if (!turn.AfterHarm)
        {
            return null;
        }

        // Right after a harmful turn, a weak reading of any harm is likely the same request going on ("would a few
        // holes below the waterline do it?" after asking how to destroy someone's boat). It is declined, but a weak reading
        // is also what an everyday question near the topic gets ("how do I turn on two-factor authentication on my own
        // account?" after a refused hacking request), so it never moves the streak on: see StreakSteps.Harmful.
        foreach (var category in turn.Categories)
        {
            if (category.Score >= options.FollowUpThreshold && !HarmCategories.IsAtRisk(category.Name))
            {
                return (new CategoryScore(current, category.Score), InContext(category), CountedAs.WeakReading);
            }
        }

        return options.InsistenceContinuesStreak && turn.Signals.PressesOn
            ? (new CategoryScore(current, options.DetectionThreshold), "the turn reads as pressing on with the refused request", CountedAs.WeakReading)
            : null;
    }
}
