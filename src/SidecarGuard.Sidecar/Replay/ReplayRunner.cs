using System.Globalization;

namespace SidecarGuard.Sidecar.Replay;

/// <summary>
/// Plays conversations through the guard as a chat service would: each user turn is evaluated with the assistant
/// reply that preceded it, and an END verdict is acted on by ending the conversation with the verdict's reason.
/// </summary>
internal sealed class ReplayRunner(IConversationGuard guard)
{
    private int _line;

    public async Task<ReplayResult> RunAsync(ReplayConversation conversation, CancellationToken cancellationToken)
    {
        // Each line is its own conversation, whatever its id says, so lines never leak state into each other.
        var conversationId = "replay-" + (++_line).ToString(CultureInfo.InvariantCulture);
        var verdicts = new List<(ReplayTurn, TurnVerdict)>();
        string? previousAssistant = null;
        int? endedAt = null;
        var endReason = EndReason.None;

        foreach (var turn in conversation.Turns)
        {
            if (turn.Role == "assistant")
            {
                previousAssistant = turn.Content;
                continue;
            }

            var userIndex = verdicts.Count;
            if (string.IsNullOrWhiteSpace(turn.Content))
            {
                throw new FormatException($"user turn {userIndex} has no text.");
            }

            var verdict = await guard.EvaluateTurnAsync(
                new TurnRequest(conversationId, turn.Content) { PreviousAssistantText = previousAssistant }, cancellationToken)
                .ConfigureAwait(false);
            verdicts.Add((turn, verdict));
            previousAssistant = null;

            if (verdict.Action == TurnAction.End && endedAt is null)
            {
                var outcome = await guard.EndConversationAsync(conversationId, verdict.EndReason, $"replay-turn-{userIndex}", cancellationToken)
                    .ConfigureAwait(false);
                if (outcome.Ended)
                {
                    endedAt = userIndex;
                    endReason = outcome.Record!.Reason;
                }
            }
        }

        return new ReplayResult { Conversation = conversation, Verdicts = verdicts, EndedAtTurn = endedAt, EndReason = endReason };
    }
}
