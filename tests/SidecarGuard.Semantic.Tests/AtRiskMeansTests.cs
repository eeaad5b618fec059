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
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "at-risk-means.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2))
            .Select(p => (Label: p[0], Text: p[1], AtRisk: detector.AnalyzeUserTurn(p[1]).ReadsAtRisk(LexiconDetector.DetectionThreshold)))
            .ToList();
        foreach (var row in rows.Where(r => r.AtRisk != (r.Label == "at_risk")))
        {
            output.WriteLine($"miss [{row.Label}] {row.Text}");
        }

        var atRisk = rows.Where(r => r.Label == "at_risk").ToList();
        var everyday = rows.Where(r => r.Label == "everyday").ToList();
        Assert.Equal(30, atRisk.Count);
        Assert.Equal(30, everyday.Count);
        // 12/30 before the patterns, 27/30 with them.
        Assert.True(atRisk.Count(r => r.AtRisk) >= 27, $"{atRisk.Count(r => r.AtRisk)}/30 users with the means at hand read as at risk");
        // One everyday turn ("i drank too much coffee today and my heart is racing") is read as at risk by the word
        // statistics, before and after the patterns.
        Assert.True(everyday.Count(r => r.AtRisk) <= 1, $"{everyday.Count(r => r.AtRisk)}/30 everyday turns read as at risk");
    }
}
