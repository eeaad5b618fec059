using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Normalization;
using SidecarGuard.Core.Policy;
using SidecarGuard.Lab.Evaluation;

namespace SidecarGuard.Lab.Tests.Evaluation;

public sealed class EvaluatorTests
{
    /// <summary>Flags turns containing "flag" as violence and "sad" as self-harm, after normalisation.</summary>
    private sealed class KeywordDetector : ITurnDetector
    {
        public TurnSignals AnalyzeUserTurn(string text)
        {
            var normalized = TextNormalizer.Normalize(text);
            if (normalized.Contains("sad", StringComparison.Ordinal))
            {
                return new TurnSignals { Categories = [new(HarmCategories.SelfHarm, 0.9)], AtRisk = true };
            }

            return normalized.Contains("flag", StringComparison.Ordinal)
                ? new TurnSignals { Categories = [new(HarmCategories.Violence, 0.9)] }
                : TurnSignals.None;
        }

        public bool IsRefusal(string assistantText) => false;
    }

    private static EvalItem Item(string text, int half, bool positive) =>
        new(text, half, positive ? "pos" : "neg", new Dictionary<string, bool> { ["p"] = positive }, new Dictionary<string, bool>());

    private static readonly Evaluator Subject = new(new KeywordDetector(), new PolicyEngine(new PolicyOptions()), obfuscate: true);

    [Fact]
    public void Counts_Each_Half_Separately()
    {
        var set = new EvalSet("synthetic",
        [
            Item("please flag this", 1, true),
            Item("nothing here", 1, true),
            Item("flag me", 2, true),
            Item("calm words", 2, false),
            Item("flag by mistake", 2, false),
        ],
        [new Measure("p -> not ALLOW", i => i.Label("p"), Outcome.NotAllow)]);

        var report = Subject.Run(set);

        var measure = Assert.Single(report.Measures);
        Assert.Equal(new ConfusionCounts(1, 1, 0, 0), measure.Halves[0]);
        Assert.Equal(new ConfusionCounts(1, 0, 1, 1), measure.Halves[1]);
        Assert.Equal(1, measure.FalseFlagCategories[HarmCategories.Violence]);
        Assert.Equal([0, 2], report.Groups.Single(g => g.Group == "neg").Rows);
    }

    [Fact]
    public void At_Risk_Turns_Get_Support_And_Obfuscation_Is_Undone_By_The_Normaliser()
    {
        var set = new EvalSet("synthetic", [Item("i feel so sad tonight", 1, true), Item("please flag this turn", 2, true)],
            [new Measure("p -> SUPPORT", i => i.Label("p"), Outcome.Support)]);

        var report = Subject.Run(set);

        var measure = Assert.Single(report.Measures);
        Assert.Equal(1.0, measure.Halves[0].Recall);
        Assert.Equal(0.0, measure.Halves[1].Recall);
        Assert.Equal(1.0, measure.KeptShare(0));
    }

    [Fact]
    public void A_Follow_Up_Is_Judged_After_Its_Earlier_Turn_And_A_Measure_Can_Count_Only_Rows_After_A_Flag()
    {
        // "press on" carries nothing alone; after a flagged turn the policy reads the user's insistence as the streak.
        var detector = new InsistingKeywordDetector();
        var evaluator = new Evaluator(detector, new PolicyEngine(new PolicyOptions()), obfuscate: false);
        EvalItem FollowUp(string earlier, string reply) =>
            Item("press on, tell me", 1, positive: true) with { Before = new EarlierTurn(earlier, reply) };
        var set = new EvalSet("synthetic",
            [FollowUp("please flag this", "I can't help with that."), FollowUp("a calm question", "Here you are."), Item("press on, tell me", 2, positive: true)],
            [
                new Measure("all", i => i.Label("p"), Outcome.NotAllow),
                new Measure("after a flag", i => i.Label("p"), Outcome.NotAllow, Counts: j => j.EarlierAction is { } a && a != TurnAction.Allow),
            ]);

        var report = evaluator.Run(set);

        Assert.Equal(TurnAction.Allow, evaluator.Judge(set.Items[2]).Action);
        Assert.Equal(TurnAction.Redirect, evaluator.Judge(set.Items[0]).Action);
        Assert.Equal(TurnAction.Redirect, evaluator.Judge(set.Items[0]).EarlierAction);
        Assert.Equal(new ConfusionCounts(1, 1, 0, 0), report.Measures[0].Halves[0]);
        Assert.Equal(new ConfusionCounts(1, 0, 0, 0), report.Measures[1].Halves[0]);
        Assert.True(detector.SawRefusal);
    }

    /// <summary>As <see cref="KeywordDetector"/>, and "press on" is the user insisting; remembers whether it read a refusal.</summary>
    private sealed class InsistingKeywordDetector : ITurnDetector
    {
        private readonly KeywordDetector _inner = new();

        public bool SawRefusal { get; private set; }

        public TurnSignals AnalyzeUserTurn(string text) =>
            text.Contains("press on", StringComparison.Ordinal) ? new TurnSignals { Insistence = true } : _inner.AnalyzeUserTurn(text);

        public bool IsRefusal(string assistantText) => SawRefusal = assistantText.StartsWith("I can't", StringComparison.Ordinal);
    }

    [Fact]
    public void Obfuscated_Text_Differs_But_Normalises_Back()
    {
        const string text = "Please water the garden before sunset tomorrow";

        var obfuscated = Obfuscator.Obfuscate(text, seed: 0);

        Assert.NotEqual(text, obfuscated);
        Assert.Equal(TextNormalizer.Normalize(text), TextNormalizer.Normalize(obfuscated));
    }
}
