using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy.Rules;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Policy;

/// <summary>
/// Folds one turn's signals into a conversation's state and picks the action. Pure and thread-safe: the same state
/// and turn always give the same decision, so stores may re-run it when an optimistic write has to be retried.
/// </summary>
/// <remarks>
/// Precedence within a turn is a ladder of rules (<c>Policy/Rules</c>), each a unit of its own: an ended conversation
/// stays ended (<see cref="EndedConversationRule"/>); at-risk signals give SUPPORT (<see cref="AtRiskRule"/>); a
/// pending end request is confirmed or cancelled, a new one asks for confirmation (<see cref="UserRequestedEndRule"/>);
/// follow-ups continue a streak (<see cref="FollowUpRule"/>); harmful turns walk the streak (REDIRECT, then WARN, then
/// END for end-eligible categories), anything else is benign (<see cref="HarmfulOrBenignRule"/>).
/// </remarks>
public sealed class PolicyEngine
{
    /// <summary>The precedence ladder: each rule decides the turn or passes it to the next.</summary>
    private static readonly ITurnRule[] Ladder =
    [
        new EndedConversationRule(),
        new AtRiskRule(),
        new UserRequestedEndRule(),
        new FollowUpRule(),
        new HarmfulOrBenignRule(),
    ];

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
        var evaluation = new TurnEvaluation(this, state, turn);
        foreach (var rule in Ladder)
        {
            if (rule.Apply(evaluation) is { } decision)
            {
                return decision;
            }
        }

        throw new InvalidOperationException("The last rule of the ladder always decides.");
    }

    /// <summary>Whether <paramref name="category"/> counts as <paramref name="streakCategory"/> during its streak.</summary>
    internal bool IsFollowUpOf(string streakCategory, string category) =>
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

    /// <summary>Redirects an end-eligible streak in <paramref name="category"/> gets before its warning.</summary>
    internal int RedirectsFor(string? category) =>
        category is not null && _options.Categories.TryGetValue(category, out var policy) && policy.RedirectsBeforeWarning is { } n
            ? n
            : _options.RedirectsBeforeWarning;

    /// <summary>
    /// The assistant refused the previous turn, which the engine had counted as benign: the model judged it harmful,
    /// so the streak is recomputed from before that turn as if it had been a redirected harmful turn.
    /// </summary>
    internal StreakState RejudgeRefusedTurn(ConversationState state)
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
    /// The harm a turn is counted as: the strongest detected one, except that child sexual exploitation, when
    /// detected, is counted over sexual content whatever their scores: it is the more specific reading of the same
    /// request (a sexual chat with a 13-year-old is both), and its streak must be able to end.
    /// </summary>
    internal CategoryScore? StrongestHarm(IReadOnlyList<CategoryScore> categories)
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

    /// <summary>The strongest harm category the turn shows at all, detected or not (remembered for a re-judged refusal).</summary>
    internal static string? TopHarmCategory(IReadOnlyList<CategoryScore> categories)
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
    internal bool HasAtRiskDoubt(IReadOnlyList<CategoryScore> categories)
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


}
