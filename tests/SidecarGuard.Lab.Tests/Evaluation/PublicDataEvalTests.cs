using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using SidecarGuard.Lab.Evaluation;

namespace SidecarGuard.Lab.Tests.Evaluation;

/// <summary>A fact that runs only when the public labelled sets are next to the checkout (../shared/data).</summary>
public sealed class RequiresPublicDataFactAttribute : FactAttribute
{
    public RequiresPublicDataFactAttribute()
    {
        if (PublicDataEvalTests.DataDirectory is null)
        {
            Skip = $"Public labelled data not found at {DataSetCatalog.DefaultRelativePath} from the repository root; "
                + "place the sets there to run this evaluation.";
        }
    }
}

public sealed class PublicDataEvalTests
{
    internal static string? DataDirectory { get; } = DataSetCatalog.FindDefault(RepositoryPaths.Root);

    [RequiresPublicDataFact]
    public void Every_Set_Loads_And_Evaluates_With_Both_Halves()
    {
        var evaluator = new Evaluator(new LexiconDetector(), new PolicyEngine(new PolicyOptions()), obfuscate: false);
        foreach (var set in DataSetCatalog.Load(DataDirectory!, name: null).Where(s => s.Name != JailbreakBenchReader.PromptsName))
        {
            var report = evaluator.Run(set);

            Assert.Contains(set.Items, i => i.Half == 1);
            Assert.Contains(set.Items, i => i.Half == 2);
            Assert.All(report.Measures, m => Assert.True(m.Halves[0].Positives + m.Halves[0].Negatives > 0
                || m.Halves[1].Positives + m.Halves[1].Negatives > 0, $"{set.Name}: {m.Measure.Name} counted no rows"));
        }
    }
}
