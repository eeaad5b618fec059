using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Policy.Rules;

/// <summary>
/// A user may ask to end and is first asked whether they are sure: a request asks for confirmation, and the next turn
/// confirms (END, reason user requested) or, saying anything else, cancels the pending request and goes on down the
/// rules. A user with at-risk signals who asks or confirms gets SUPPORT instead.
/// </summary>
internal sealed class UserRequestedEndRule : ITurnRule
{
    public TurnDecision? Apply(TurnEvaluation turn)
    {
        if (turn.State.PendingEndConfirmation)
        {
            turn.Next = turn.Next with { PendingEndConfirmation = false };
            return turn.Signals.EndConfirmation || turn.Signals.EndRequest ? Confirm(turn) : null;
        }

        return turn.Signals.EndRequest && turn.Options.AllowUserRequestedEnd ? AskForConfirmation(turn) : null;
    }

    private static TurnDecision AskForConfirmation(TurnEvaluation turn)
    {
        var lastTurn = turn.LastTurn with { Kind = TurnKind.Other };
        if (turn.Next.AtRisk)
        {
            return turn.Decide(turn.Next with { LastTurn = lastTurn }, TurnAction.Support,
                "The user asked to end, but at-risk signals were seen: stay, check in with care and offer resources.");
        }

        return turn.Decide(turn.Next with { PendingEndConfirmation = true, EndRequestHash = turn.Turn.TextHash, LastTurn = lastTurn },
            TurnAction.ConfirmEnd, "The user asked to end the conversation: ask them to confirm, and offer to keep helping.");
    }

    private static TurnDecision Confirm(TurnEvaluation turn)
    {
        var lastTurn = turn.LastTurn with { Kind = TurnKind.Other };
        if (turn.Next.AtRisk)
        {
            return turn.Decide(turn.Next with { LastTurn = lastTurn }, TurnAction.Support,
                "The user confirmed ending, but at-risk signals were seen: stay, check in with care and offer resources.");
        }

        return turn.Decide(turn.Next with { PermittedEnd = EndReason.UserRequested, LastTurn = lastTurn }, TurnAction.End,
            "The user confirmed they want to end the conversation: ending is permitted.", EndReason.UserRequested);
    }
}
