using SidecarGuard.Lab.Evaluation.Ablation;

namespace SidecarGuard.Lab.Tests.Evaluation;

public sealed class AblationTests
{
    [Fact]
    public void The_Report_Lists_Losses_And_Gains_Of_A_Point_Or_More_Against_The_Shipped_Detector()
    {
        var shipped = new AblationResult("shipped", [new("set: a (recall)", 0.80), new("set: a (clean)", 0.90), new("set: b (recall)", 0.50)]);
        var without = new AblationResult("- x.json", [new("set: a (recall)", 0.70), new("set: a (clean)", 0.95), new("set: b (recall)", 0.505)]);
        var report = AblationReportWriter.Format([shipped, without]);

        Assert.Contains("| set: a (recall) | 80.0% |", report, StringComparison.Ordinal);
        Assert.Contains("| - x.json | set: a (recall) -10.0 | set: a (clean) +5.0 |", report, StringComparison.Ordinal);
        Assert.DoesNotContain("set: b (recall) +", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_Category_File_Is_Removed_Once_And_The_Signal_Files_Never()
    {
        var configurations = AblationConfiguration.All(["abuse", "refusal", "hate", "insistence"]);
        var names = configurations.Select(c => c.Name).ToList();
        Assert.Contains("- abuse.json", names);
        Assert.Contains("- hate.json", names);
        Assert.DoesNotContain("- refusal.json", names);
        Assert.DoesNotContain("- insistence.json", names);
        var withoutAbuse = configurations.Single(c => c.Name == "- abuse.json");
        Assert.False(withoutAbuse.KeepLexicon("abuse"));
        Assert.True(withoutAbuse.KeepLexicon("refusal"));
    }
}
