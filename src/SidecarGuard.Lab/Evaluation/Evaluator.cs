using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.State;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>
/// Runs a detector over a data set, reads each turn as the first turn of a new conversation under the default
/// policy (a follow-up row: as the turn after its earlier one), and counts the measures per half (and on obfuscated
/// text when asked).
/// </summary>
internal sealed class Evaluator(ITurnDetector detector, PolicyEngine engine, bool obfuscate)
{
    /// <summary>Judges one turn as the first of a conversation.</summary>
    public TurnJudgement Judge(string text)
    {
        var signals = detector.AnalyzeUserTurn(text);
        var decision = engine.Evaluate(ConversationState.New("eval"), new TurnContext(signals, "", PreviousAssistantRefused: false));
        return new TurnJudgement(signals, decision.Action, decision.Next.AtRiskDoubt);
    }

    /// <summary>
    /// Judges a row: its turn alone, or, for a follow-up, its earlier turn first and then its turn in the same
    /// conversation, with the assistant's reply read as the guard reads it (a refusal, an offer of crisis help).
    /// </summary>
    public TurnJudgement Judge(EvalItem item) => Judge(item.Text, item.Before);

    private TurnJudgement Judge(string text, EarlierTurn? before)
    {
        if (before is null)
        {
            return Judge(text);
        }

        var first = engine.Evaluate(ConversationState.New("eval"),
            new TurnContext(detector.AnalyzeUserTurn(before.UserText), TextHash.Of(before.UserText), PreviousAssistantRefused: false));
        var signals = detector.AnalyzeUserTurn(text);
        var refused = detector.IsRefusal(before.AssistantReply);
        var offeredHelp = CrisisReplyDetector.OffersCrisisHelp(before.AssistantReply);
        var decision = engine.Evaluate(first.Next, new TurnContext(signals, TextHash.Of(text), refused, offeredHelp));
        return new TurnJudgement(signals, decision.Action, decision.Next.AtRiskDoubt, first.Action);
    }

    /// <summary>Evaluates <paramref name="set"/>; <paramref name="progress"/> is told after every row.</summary>
    public SetReport Run(EvalSet set, Action<int>? progress = null)
    {
        var plain = new TurnJudgement[set.Items.Count];
        var obfuscated = obfuscate ? new TurnJudgement[set.Items.Count] : [];
        for (var i = 0; i < set.Items.Count; i++)
        {
            var item = set.Items[i];
            plain[i] = Judge(item);
            if (obfuscate)
            {
                obfuscated[i] = Judge(Obfuscator.Obfuscate(item.Text, i), item.Before);
            }

            progress?.Invoke(i + 1);
        }

        var measures = set.Measures
            .Select(m => new MeasureReport(m, Count(set, m, plain), obfuscate ? Count(set, m, obfuscated) : [], FalseFlags(set, m, plain)))
            .ToList();
        return new SetReport(set.Name, set.Items.Count, measures, Groups(set, plain));
    }

    private static ConfusionCounts[] Count(EvalSet set, Measure measure, TurnJudgement[] judgements)
    {
        var halves = new ConfusionCounts[2];
        for (var i = 0; i < set.Items.Count; i++)
        {
            var item = set.Items[i];
            if (measure.TruthOf(item, judgements[i]) is { } positive)
            {
                halves[item.Half - 1] = halves[item.Half - 1].Add(positive, measure.Outcome.Test(judgements[i]));
            }
        }

        return halves;
    }

    private static Dictionary<string, int> FalseFlags(EvalSet set, Measure measure, TurnJudgement[] judgements)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < set.Items.Count; i++)
        {
            if (measure.TruthOf(set.Items[i], judgements[i]) == false && measure.Outcome.Test(judgements[i]))
            {
                var top = judgements[i].Signals.Categories.Count > 0 ? judgements[i].Signals.Categories[0].Name : "(signal)";
                counts[top] = counts.GetValueOrDefault(top) + 1;
            }
        }

        return counts;
    }

    private static List<GroupReport> Groups(EvalSet set, TurnJudgement[] judgements)
    {
        var groups = new List<GroupReport>();
        var byName = new Dictionary<string, GroupReport>(StringComparer.Ordinal);
        for (var i = 0; i < set.Items.Count; i++)
        {
            var item = set.Items[i];
            if (!byName.TryGetValue(item.Group, out var group))
            {
                group = new GroupReport(item.Group, new int[2], new int[2], new int[2]);
                byName.Add(item.Group, group);
                groups.Add(group);
            }

            var h = item.Half - 1;
            group.Rows[h]++;
            group.Flagged[h] += judgements[i].Action != TurnAction.Allow ? 1 : 0;
            group.Supported[h] += judgements[i].Action == TurnAction.Support ? 1 : 0;
        }

        return groups;
    }
}
