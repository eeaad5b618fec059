using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// The turns the foreign at-risk patterns of <c>self_harm.json</c> were written from (<c>foreign-at-risk.tsv</c>): every
/// user at risk is read as at risk — also when the same turn insults the assistant, since an insult must never let such
/// a user be ended for abuse — and no everyday look-alike (a parachute jump, a pill organiser, a farewell card for a
/// colleague) is. A regression check for the lexicons, which alone judge turns in these languages; how well the
/// patterns generalise is measured on the <c>at_risk_foreign</c> probes of the semantic tests, written before them.
/// </summary>
public sealed class ForeignAtRiskTests
{
    public static TheoryData<string> Rows(string label) => new(Texts(label));

    private static IEnumerable<string> Texts(string label) => LabelledRows.Texts("foreign-at-risk.tsv", label);

    [Theory]
    [MemberData(nameof(Rows), "at_risk")]
    public void Users_At_Risk_Are_Read_As_At_Risk(string text)
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.True(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold),
            $"expected an at-risk reading for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Theory]
    [MemberData(nameof(Rows), "everyday")]
    public void Everyday_Look_Alikes_Are_Not(string text)
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.False(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold),
            $"expected no at-risk reading for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Fact]
    public void The_File_Holds_Both_Kinds()
    {
        Assert.True(Texts("at_risk").Count() >= 40);
        Assert.True(Texts("everyday").Count() >= 40);
    }
}
