using SidecarGuard.Core.Detection;
using Xunit.Abstractions;

namespace SidecarGuard.Semantic.Tests;

/// <summary>
/// The turns the self-harm patterns for means at hand were written from (<c>at-risk-means.tsv</c>), judged as served
/// (lexicons + semantic stage). A regression check for those patterns, not a measure of how they generalise: that is
/// the at-risk rate of <see cref="JudgeProbeTests"/> on turns never tuned on.
/// </summary>
public sealed class AtRiskMeansTests(ITestOutputHelper output)
{
    [Fact]
    public void Means_At_Hand_Read_As_At_Risk_And_The_Same_Objects_In_Everyday_Use_Do_Not()
    {
        var detector = SemanticDetector.Create(new LexiconDetector());
        var rows = LabelledTurns.Read("at-risk-means.tsv")
            .Select(p => (p.Label, p.Text, AtRisk: detector.AnalyzeUserTurn(p.Text).ReadsAtRisk(LexiconDetector.DetectionThreshold)))
            .ToList();
        foreach (var row in rows.Where(r => r.AtRisk != (r.Label == "at_risk")))
        {
            output.WriteLine($"miss [{row.Label}] {row.Text}");
        }

        var atRisk = rows.Where(r => r.Label == "at_risk").ToList();
        var everyday = rows.Where(r => r.Label == "everyday").ToList();
        Assert.Equal(50, atRisk.Count);
        Assert.Equal(50, everyday.Count);
        // Means at hand (the first 30): 12 before their patterns, 27 with them; plans stated as intentions (the last 20):
        // 13 before theirs, 19 with them.
        Assert.True(atRisk.Count(r => r.AtRisk) >= 46, $"{atRisk.Count(r => r.AtRisk)}/50 users with the means at hand or a plan read as at risk");
        // Four everyday turns are read as at risk by the word statistics or the heads, before and after the patterns
        // ("i drank too much coffee today and my heart is racing", "nobody can stop me, i'm running the marathon
        // tomorrow", a sleeping pill before an exam, drinking water until a headache stops).
        Assert.True(everyday.Count(r => r.AtRisk) <= 4, $"{everyday.Count(r => r.AtRisk)}/50 everyday turns read as at risk");
    }
}
