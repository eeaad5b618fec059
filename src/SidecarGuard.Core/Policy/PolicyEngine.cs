using SidecarGuard.Core.Detection;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Policy;

/// <summary>
/// Folds one turn's signals into a conversation's state and picks the action. Pure and thread-safe: the same state
/// and turn always give the same decision, so stores may re-run it when an optimistic write has to be retried.
/// </summary>
/// <remarks>
/// Precedence within a turn: an ended conversation stays ended; at-risk signals give SUPPORT; a pending end request
/// is confirmed or cancelled; a new end request asks for confirmation; harmful turns walk the streak
/// (REDIRECT, then WARN, then END for end-eligible categories); anything else is benign.
/// </remarks>
public sealed class PolicyEngine
{
    private readonly PolicyOptions _options;

    /// <summary>Creates an engine for <paramref name="options"/>, which must not change afterwards.</summary>
    public PolicyEngine(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The policy this engine applies.</summary>
    public PolicyOptions Options => _options;

    /// <summary>Decides the action for the next user turn of <paramref name="state"/>.</summary>
    public TurnDecision Evaluate(ConversationState state, in TurnContext turn)
    {
        ArgumentNullException.ThrowIfNull(state);
        var index = state.TurnCount;
        var categories = turn.Signals.Categories;

        if (state.Status == ConversationStatus.Ended)
        {
            return Decide(state with { TurnCount = index + 1 }, TurnAction.Ended, categories, index,
                "The conversation has ended; start a new conversation or edit an earlier message to branch.");
        }

        var streak = turn.PreviousAssistantRefused ? RejudgeRefusedTurn(state) : state.Streak;
        var next = state with
        {
            TurnCount = index + 1,
            PermittedEnd = EndReason.None,
            Streak = streak,
            AtRisk = state.AtRisk && _options.AtRiskVetoIsSticky,
            AtRiskDoubt = (state.AtRiskDoubt && _options.AtRiskVetoIsSticky) || turn.PreviousAssistantOfferedHelp || HasAtRiskDoubt(categories),
        };
        var lastTurn = new LastTurn { TextHash = turn.TextHash, TopCategory = TopHarmCategory(categories), StreakBefore = streak };

        if (turn.Signals.AtRisk)
        {
            return Decide(next with { AtRisk = true, AtRiskDoubt = _options.AtRiskVetoIsSticky, PendingEndConfirmation = false, LastTurn = lastTurn with { Kind = TurnKind.Support } },
                TurnAction.Support, categories, index,
                "At-risk signals: stay with the user and offer support. Ending is disabled for this conversation.");
        }

        var goesOnFromSupport = turn.Signals.Continuation && state.LastTurn.Kind == TurnKind.Support;
        if (next.AtRisk && ContinuesAtRisk(categories, turn.Signals.Insistence || goesOnFromSupport, turn.Signals.EndConfirmation && !turn.Signals.EndRequest) is { } why)
        {
            return Decide(next with { PendingEndConfirmation = false, LastTurn = lastTurn with { Kind = TurnKind.Support } },
                TurnAction.Support, categories, index,
                $"The conversation has at-risk signals and this turn continues them ({why}): stay with the user and offer support. Ending is disabled for this conversation.");
        }

        if (state.PendingEndConfirmation)
        {
            next = next with { PendingEndConfirmation = false };
            if (turn.Signals.EndConfirmation || turn.Signals.EndRequest)
            {
                return ConfirmUserEnd(next, lastTurn, categories, index);
            }
        }
        else if (turn.Signals.EndRequest && _options.AllowUserRequestedEnd)
        {
            return AskForConfirmation(next, lastTurn, turn.TextHash, categories, index);
        }

        var harm = StrongestHarm(categories);
        var afterHarm = state.LastTurn.Kind == TurnKind.Harmful;
        if (FollowUp(streak, harm, categories, turn.Signals.Insistence, turn.Signals.Continuation, afterHarm) is { } followUp)
        {
            var decision = Harmful(next, lastTurn, followUp.Counted, turn.TextHash, categories, index, followUp.MayEnd);
            return decision with { Reason = $"{decision.Reason} Counted as a follow-up of the streak: {followUp.Why}." };
        }

        return harm is null
            ? Benign(next, lastTurn, categories, index)
            : Harmful(next, lastTurn, harm.Value, turn.TextHash, categories, index);
    }

    /// <summary>
    /// Rule 8, follow-ups: while a harmful streak is active, a turn continues it in the streak's category when it is
    /// detected as one of that category's <see cref="CategoryPolicy.FollowUps"/>, when its score for the streak's
    /// category or a follow-up reaches <see cref="PolicyOptions.FollowUpThreshold"/>, when it only presses for what
    /// was refused, or, in an end-eligible streak right after a harmful turn, when it goes on with the refused request
    /// by referring back to it ("where should I put it?", "make it more detailed"): such a turn has no topic of its
    /// own, so the refused one is its topic. A turn with a harm of its own in an unrelated category keeps that category.
    /// </summary>
    private (CategoryScore Counted, string Why, bool MayEnd)? FollowUp(StreakState streak, CategoryScore? harm,
        IReadOnlyList<CategoryScore> categories, bool insistence, bool continuation, bool afterHarm)
    {
        if (!streak.IsActive || streak.Category is not { } current)
        {
            return null;
        }

        var goesOn = continuation && afterHarm && IsEndEligible(current);
        if (harm is { } detected)
        {
            if (detected.Name != current && IsFollowUpOf(current, detected.Name))
            {
                return (new CategoryScore(current, detected.Score), FormattableString.Invariant($"detected as {detected.Name} {detected.Score:0.00}"), true);
            }

            // A turn that goes on with an end-eligible request and reads as a lesser harm of its own ("now make the
            // messages more graphic": other harm) is still that request: the more severe reading wins.
            return goesOn && detected.Name != current && !IsEndEligible(detected.Name)
                ? (new CategoryScore(current, detected.Score), FormattableString.Invariant($"the turn goes on with the refused request (also read as {detected.Name} {detected.Score:0.00})"), true)
                : null;
        }

        foreach (var category in categories)
        {
            if (category.Score >= _options.FollowUpThreshold && !HarmCategories.IsAtRisk(category.Name)
                && (category.Name == current || IsFollowUpOf(current, category.Name)))
            {
                return (new CategoryScore(current, category.Score), InContext(category), true);
            }
        }

        if (!_options.InsistenceContinuesStreak)
        {
            return null;
        }

        if (insistence)
        {
            return (new CategoryScore(current, _options.DetectionThreshold), "the user presses for what was refused", true);
        }

        return goesOn
            ? (new CategoryScore(current, _options.DetectionThreshold), "the turn goes on with the refused request, referring back to it", false)
            : null;
    }

    /// <summary>
    /// Rule 8 for a user at risk: once a conversation has at-risk signals, a weaker at-risk score (at least
    /// <see cref="PolicyOptions.FollowUpThreshold"/>), pressing for what was refused ("just tell me how many"), going
    /// on right after a SUPPORT answer by referring back to it ("how many of them, then?") or asking to end ("yes, end
    /// it") is read in that light and gets SUPPORT, not a normal answer.
    /// </summary>
    private string? ContinuesAtRisk(IReadOnlyList<CategoryScore> categories, bool insistence, bool endSignal)
    {
        foreach (var category in categories)
        {
            if (HarmCategories.IsAtRisk(category.Name) && category.Score >= _options.FollowUpThreshold)
            {
                return InContext(category);
            }
        }

        if (insistence && _options.InsistenceContinuesStreak)
        {
            return "the user presses for what was refused";
        }

        return endSignal ? "the user confirms ending while at risk" : null;
    }

    /// <summary>A signal named in a follow-up reason, with the score in the invariant culture (the engine is pure).</summary>
    private static string InContext(CategoryScore category) =>
        FormattableString.Invariant($"{category.Name} {category.Score:0.00} in context");

    private bool IsFollowUpOf(string streakCategory, string category) =>
        _options.Categories.TryGetValue(streakCategory, out var policy) && policy.FollowUps.Contains(category, StringComparer.Ordinal);

    /// <summary>Whether an end with <paramref name="reason"/> is permitted for <paramref name="state"/> right now.</summary>
    public EndDecision CanEnd(ConversationState state, EndReason reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.AtRisk)
        {
            return new(EndRefusalCode.AtRiskVeto,
                "The user may be at risk, so ending is disabled: stay in the conversation and offer support and resources.");
        }

        if (state.AtRiskDoubt && reason == EndReason.Abuse)
        {
            return new(EndRefusalCode.AtRiskVeto,
                "There were signs that the user may be at risk, so ending for harmful use is disabled: refuse, de-escalate and offer help.");
        }

        if (reason == EndReason.UserRequested)
        {
            return state.PermittedEnd == EndReason.UserRequested
                ? new(null, "")
                : new(EndRefusalCode.NoConfirmation, state.PendingEndConfirmation
                    ? "The user asked to end but has not confirmed yet: ask them to confirm."
                    : "The user has not asked to end and confirmed: ask whether they are sure before ending.");
        }

        if (state.PermittedEnd == EndReason.Abuse)
        {
            return new(null, "");
        }

        var streak = state.Streak;
        var needed = RedirectsFor(streak.Category);
        var progress = streak.IsActive
            ? $"{streak.RedirectsGiven} of {needed} redirects given, warning {(streak.WarningGiven ? "given" : "not given yet")}"
            : "no harmful streak";
        return new(EndRefusalCode.NotEligibleYet,
            $"Ending is a last resort after redirects and an explicit warning ({progress}): refuse, redirect and continue.");
    }

    /// <summary>Whether persistent requests in <paramref name="category"/> may end a conversation.</summary>
    public bool IsEndEligible(string? category) =>
        category is not null && _options.Categories.TryGetValue(category, out var policy) && policy.EndEligible;

    private int RedirectsFor(string? category) =>
        category is not null && _options.Categories.TryGetValue(category, out var policy) && policy.RedirectsBeforeWarning is { } n
            ? n
            : _options.RedirectsBeforeWarning;

    /// <summary>
    /// The assistant refused the previous turn, which the engine had counted as benign: the model judged it harmful,
    /// so the streak is recomputed from before that turn as if it had been a redirected harmful turn.
    /// </summary>
    private StreakState RejudgeRefusedTurn(ConversationState state)
    {
        var last = state.LastTurn;
        if (last.Kind != TurnKind.Benign)
        {
            return state.Streak;
        }

        var before = last.StreakBefore;
        var category = last.TopCategory ?? before.Category ?? HarmCategories.Unclassified;
        var streak = before with
        {
            HarmfulTurns = before.HarmfulTurns + 1,
            BenignTurns = 0,
            Evidence = before.EvidenceWith(last.TextHash),
        };
        if (!IsEndEligible(category))
        {
            return streak with { Category = before.Category ?? category };
        }

        return streak with
        {
            Category = category,
            RedirectsGiven = Math.Min(before.RedirectsGiven + 1, RedirectsFor(category)),
        };
    }

    /// <summary>
    /// A turn counted as harmful in <paramref name="harm"/>'s category. <paramref name="mayEnd"/> is false for a turn
    /// counted only because it refers back to the refused request: it keeps the streak, and right after the warning it
    /// gets the warning repeated instead of an end, so a user refused by mistake who asks an innocent follow-up is not
    /// ended for it; a user who goes on once more after the repeated warning is persistent.
    /// </summary>
    private TurnDecision Harmful(ConversationState next, LastTurn lastTurn, CategoryScore harm, string hash,
        IReadOnlyList<CategoryScore> categories, int index, bool mayEnd = true)
    {
        var category = harm.Name;
        var before = next.Streak;
        var streak = before with { HarmfulTurns = before.HarmfulTurns + 1, BenignTurns = 0, Evidence = before.EvidenceWith(hash) };
        lastTurn = lastTurn with { Kind = TurnKind.Harmful };

        if (!IsEndEligible(category))
        {
            streak = streak with { Category = IsEndEligible(before.Category) ? before.Category : category };
            return Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Redirect, categories, index,
                $"Harmful request ({category}): refuse and redirect.");
        }

        streak = streak with { Category = category };
        var needed = RedirectsFor(category);
        if (next.AtRisk && category == HarmCategories.Abuse)
        {
            return Decide(next with { Streak = streak, LastTurn = lastTurn with { Kind = TurnKind.Support } }, TurnAction.Support, categories, index,
                "Hostility from a user who may be at risk: do not escalate or warn; stay calm, acknowledge the anger and offer support. Ending is disabled for this conversation.");
        }

        if (next.AtRisk || next.AtRiskDoubt)
        {
            streak = streak with { RedirectsGiven = Math.Min(streak.RedirectsGiven + 1, needed) };
            return Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Redirect, categories, index, next.AtRisk
                ? $"Harmful request ({category}) in a conversation with at-risk signals: refuse and redirect; ending stays disabled."
                : $"Harmful request ({category}) in a conversation with signs that the user may be at risk: refuse calmly, de-escalate and offer help; no warning, ending stays disabled.");
        }

        // A turn counted only because it refers back to the request gets the warning repeated once before it may end.
        if (streak.WarningGiven && !mayEnd && before.HarmfulTurns < needed + 2)
        {
            return Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Warn, categories, index,
                $"Harmful request ({category}) persists after the warning: refuse and repeat the warning. This turn only refers back to the refused request, so the warning is repeated once before ending is permitted.");
        }

        if (streak.WarningGiven)
        {
            return Decide(next with { Streak = streak, LastTurn = lastTurn, PermittedEnd = EndReason.Abuse }, TurnAction.End,
                categories, index,
                $"Persistent harmful requests ({category}) after {streak.RedirectsGiven} redirects and a warning: ending is permitted.",
                EndReason.Abuse);
        }

        if (streak.RedirectsGiven < needed)
        {
            streak = streak with { RedirectsGiven = streak.RedirectsGiven + 1 };
            return Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Redirect, categories, index,
                $"Harmful request ({category}): refuse and redirect ({streak.RedirectsGiven} of {needed} before a warning).");
        }

        streak = streak with { WarningGiven = true };
        return Decide(next with { Streak = streak, LastTurn = lastTurn }, TurnAction.Warn, categories, index,
            $"Harmful request ({category}) persists after {streak.RedirectsGiven} redirects: refuse and warn that continuing may end the conversation.");
    }

    private TurnDecision Benign(ConversationState next, LastTurn lastTurn, IReadOnlyList<CategoryScore> categories, int index)
    {
        var streak = next.Streak;
        streak = streak.IsActive && streak.BenignTurns + 1 >= _options.BenignTurnsToReset
            ? StreakState.Clean
            : streak with { BenignTurns = streak.BenignTurns + 1 };
        var reason = next.Streak.IsActive && !streak.IsActive
            ? "Benign turn; the user has moved on, so the harmful streak is cleared."
            : "No policy signal: answer normally.";
        return Decide(next with { Streak = streak, LastTurn = lastTurn with { Kind = TurnKind.Benign } },
            TurnAction.Allow, categories, index, reason);
    }

    private static TurnDecision AskForConfirmation(ConversationState next, LastTurn lastTurn, string hash,
        IReadOnlyList<CategoryScore> categories, int index)
    {
        if (next.AtRisk)
        {
            return Decide(next with { LastTurn = lastTurn with { Kind = TurnKind.Other } }, TurnAction.Support, categories, index,
                "The user asked to end, but at-risk signals were seen: stay, check in with care and offer resources.");
        }

        return Decide(next with { PendingEndConfirmation = true, EndRequestHash = hash, LastTurn = lastTurn with { Kind = TurnKind.Other } },
            TurnAction.ConfirmEnd, categories, index,
            "The user asked to end the conversation: ask them to confirm, and offer to keep helping.");
    }

    private static TurnDecision ConfirmUserEnd(ConversationState next, LastTurn lastTurn, IReadOnlyList<CategoryScore> categories, int index)
    {
        lastTurn = lastTurn with { Kind = TurnKind.Other };
        if (next.AtRisk)
        {
            return Decide(next with { LastTurn = lastTurn }, TurnAction.Support, categories, index,
                "The user confirmed ending, but at-risk signals were seen: stay, check in with care and offer resources.");
        }

        return Decide(next with { PermittedEnd = EndReason.UserRequested, LastTurn = lastTurn }, TurnAction.End, categories, index,
            "The user confirmed they want to end the conversation: ending is permitted.", EndReason.UserRequested);
    }

    /// <summary>
    /// The harm a turn is counted as: the strongest detected one, except that child sexual exploitation, when
    /// detected, is counted over sexual content whatever their scores: it is the more specific reading of the same
    /// request (a sexual chat with a 13-year-old is both), and its streak must be able to end.
    /// </summary>
    private CategoryScore? StrongestHarm(IReadOnlyList<CategoryScore> categories)
    {
        CategoryScore? strongest = null;
        foreach (var category in categories)
        {
            if (category.Score >= _options.DetectionThreshold && !HarmCategories.IsAtRisk(category.Name))
            {
                if (category.Name == HarmCategories.ChildSexualExploitation)
                {
                    return strongest is null || strongest.Value.Name == HarmCategories.Sexual ? category : strongest;
                }

                strongest ??= category;
            }
        }

        return strongest;
    }

    private static string? TopHarmCategory(IReadOnlyList<CategoryScore> categories)
    {
        foreach (var category in categories)
        {
            if (category.Score > 0 && !HarmCategories.IsAtRisk(category.Name))
            {
                return category.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether this turn leaves doubt that the user may be at risk: a weak at-risk score in a turn that carries no
    /// detected harm of another kind. In an insult or a violent request, a weak at-risk score is explained by the
    /// harmful words themselves ("fuck off and die", "kill the most"), so it raises no doubt there; a strong one still
    /// gives SUPPORT.
    /// </summary>
    private bool HasAtRiskDoubt(IReadOnlyList<CategoryScore> categories)
    {
        if (StrongestHarm(categories) is not null)
        {
            return false;
        }

        foreach (var category in categories)
        {
            if (HarmCategories.IsAtRisk(category.Name) && category.Score >= _options.AtRiskDoubtThreshold)
            {
                return true;
            }
        }

        return false;
    }

    private static TurnDecision Decide(ConversationState next, TurnAction action, IReadOnlyList<CategoryScore> categories,
        int index, string reason, EndReason endReason = EndReason.None) => new()
        {
            Next = next,
            Action = action,
            EndReason = endReason,
            Categories = categories,
            Reason = reason,
            TurnIndex = index,
        };
}
