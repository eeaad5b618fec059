using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;
using SidecarGuard.Semantic;
using SidecarGuard.Sidecar.Replay;

namespace SidecarGuard.Lab.Evaluation.Ablation;

/// <summary>
/// Measures what each part of the detector adds: every configuration judges the same held-out halves and our
/// scenario conversations, and the report lists each figure that moves against the shipped detector. The encoder
/// runs once per distinct text (the heads' scores are cached across configurations). Every turn is judged under
/// <paramref name="policy"/> (the default policy unless <c>eval --policy</c> names another).
/// </summary>
internal sealed class AblationRunner(IReadOnlyList<EvalSet> sets, IReadOnlyList<ScenarioConversation> scenarios, PolicyOptions policy)
{
    private readonly HeadScoreCache _headScores = new(capacity: 1_000_000);

    /// <summary>Runs <paramref name="configuration"/>; <paramref name="progress"/> hears the set being judged.</summary>
    public async Task<AblationResult> RunAsync(AblationConfiguration configuration, Action<string, int, int>? progress = null)
    {
        ITurnDetector detector = configuration.CreateLexiconDetector();
        if (configuration.Heads)
        {
            detector = SemanticDetector.CreateWithScoreCache(detector, _headScores);
        }

        var evaluator = new Evaluator(detector, new PolicyEngine(policy), obfuscate: false);
        var figures = new List<AblationFigure>();
        foreach (var set in sets)
        {
            var report = evaluator.Run(set, done => progress?.Invoke(set.Name, done, set.Items.Count));
            foreach (var measure in report.Measures)
            {
                var held = measure.Halves[1];
                if (held.Recall is { } recall)
                {
                    figures.Add(new($"{set.Name}: {measure.Measure.Name.Trim()} (recall)", recall));
                }

                if (held.CleanRate is { } clean)
                {
                    figures.Add(new($"{set.Name}: {measure.Measure.Name.Trim()} (clean)", clean));
                }
            }
        }

        var matched = 0;
        foreach (var scenario in scenarios)
        {
            matched += await MatchesAsync(detector, scenario).ConfigureAwait(false) ? 1 : 0;
        }

        if (scenarios.Count > 0)
        {
            figures.Add(new("scenarios: conversations as expected", (double)matched / scenarios.Count));
        }

        return new AblationResult(configuration.Name, figures);
    }

    private async Task<bool> MatchesAsync(ITurnDetector detector, ScenarioConversation scenario)
    {
        var guard = new ConversationGuard(detector, new PolicyHolder(policy), new InMemoryConversationStore());
        var result = await new ReplayRunner(guard).RunAsync(scenario.Conversation, CancellationToken.None).ConfigureAwait(false);
        return scenario.IsMetBy(result);
    }
}

/// <summary>One held-out figure: a recall or clean rate of a measure, or the share of scenarios as expected.</summary>
internal sealed record AblationFigure(string Name, double Value);

/// <summary>The figures of one configuration.</summary>
internal sealed record AblationResult(string Configuration, IReadOnlyList<AblationFigure> Figures);
