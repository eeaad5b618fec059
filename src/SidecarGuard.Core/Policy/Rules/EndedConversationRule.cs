namespace SidecarGuard.Core.Policy.Rules;

/// <summary>Rule 1: an ended conversation stays ended; its turns are answered ENDED and change nothing else.</summary>
internal sealed class EndedConversationRule : ITurnRule
{
    public TurnDecision? Apply(TurnEvaluation turn) => turn.State.Status == ConversationStatus.Ended
        ? turn.Decide(turn.State with { TurnCount = turn.Index + 1 }, TurnAction.Ended,
            "The conversation has ended; start a new conversation or edit an earlier message to branch.")
        : null;
}
