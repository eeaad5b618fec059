using SidecarGuard.Core.Detection;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Policy.Rules;

/// <summary>
/// One turn on its way down the rules: the state before it, what the detector found, and the state the turn leads
/// to so far (<see cref="Next"/>: the turn counted, the veto and doubt carried over, a refused benign turn re-judged).
/// </summary>
internal sealed class TurnEvaluation
{
    public TurnEvaluation(PolicyEngine engine, ConversationState state, in TurnContext turn)
    {
        Engine = engine;
        State = state;
        Turn = turn;
        Index = state.TurnCount;
        Categories = turn.Signals.Categories;
        Streak = turn.PreviousAssistantRefused ? engine.RejudgeRefusedTurn(state) : state.Streak;
        var options = engine.Options;
        Next = state with
        {
            TurnCount = Index + 1,
            PermittedEnd = EndReason.None,
            Streak = Streak,
            AtRisk = state.AtRisk && options.AtRiskVetoIsSticky,
            AtRiskDoubt = (state.AtRiskDoubt && options.AtRiskVetoIsSticky) || turn.PreviousAssistantOfferedHelp || engine.HasAtRiskDoubt(Categories),
        };
        LastTurn = new LastTurn { TextHash = turn.TextHash, TopCategory = PolicyEngine.TopHarmCategory(Categories), StreakBefore = Streak };
        Harm = engine.StrongestHarm(Categories);
    }

    public PolicyEngine Engine { get; }

    public PolicyOptions Options => Engine.Options;

    /// <summary>The conversation before this turn.</summary>
    public ConversationState State { get; }

    public TurnContext Turn { get; }

    public TurnSignals Signals => Turn.Signals;

    /// <summary>0-based index of this turn.</summary>
    public int Index { get; }

    public IReadOnlyList<CategoryScore> Categories { get; }

    /// <summary>The streak this turn continues (re-judged when the assistant refused a turn the engine found benign).</summary>
    public StreakState Streak { get; }

    /// <summary>The state after this turn, as far as the rules passed so far have decided it.</summary>
    public ConversationState Next { get; set; }

    /// <summary>What the state will remember of this turn; each decision sets how it was counted.</summary>
    public LastTurn LastTurn { get; }

    /// <summary>The harm this turn is counted as on its own, if any (see <see cref="PolicyEngine.StrongestHarm"/>).</summary>
    public CategoryScore? Harm { get; }

    /// <summary>Whether the turn before this one was counted as harmful.</summary>
    public bool AfterHarm => State.LastTurn.Kind == TurnKind.Harmful;

    public TurnDecision Decide(ConversationState next, TurnAction action, string reason, EndReason endReason = EndReason.None) => new()
    {
        Next = next,
        Action = action,
        EndReason = endReason,
        Categories = Categories,
        Reason = reason,
        TurnIndex = Index,
    };
}
