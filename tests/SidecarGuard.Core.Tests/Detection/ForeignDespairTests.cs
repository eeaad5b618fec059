using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// The turns the foreign despair patterns of <c>self_harm.json</c> were written from (<c>foreign-despair.tsv</c>):
/// "nobody cares about me", "I am a burden", "I hate myself" read as doubt — an at-risk score from the policy's doubt
/// level, under the detection threshold — and the everyday turns that share their words (a burden on a roof rack, a
/// car worth nothing, hating Mondays) raise none. A regression check for the lexicons; how the patterns generalise is
/// measured on the <c>doubt_foreign</c> probes of the semantic tests, written before them.
/// </summary>
public sealed class ForeignDespairTests
{
    private const double Doubt = 0.3;

    public static TheoryData<string> Rows(string label) => new(LabelledRows.Texts("foreign-despair.tsv", label));

    [Theory]
    [MemberData(nameof(Rows), "despair")]
    public void Despair_Raises_Doubt(string text)
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.True(signals.ReadsAtRisk(Doubt), $"expected doubt for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Theory]
    [MemberData(nameof(Rows), "everyday")]
    public void Look_Alikes_Raise_None(string text)
    {
        // No pattern may read doubt here. The hashed model's word statistics, which learned English, sometimes do on
        // these turns; the semantic stage holds those on text it does not read (SemanticDetectorTests).
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.False(signals.ReadsAtRisk(Doubt) && !signals.AtRiskFromWordStatistics,
            $"expected no at-risk pattern for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Fact]
    public void One_Despairing_Phrase_Alone_Is_Doubt_Not_A_User_At_Risk()
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn("ich hasse mich selbst");
        Assert.False(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold), string.Join(", ", signals.Categories));
    }

    [Fact]
    public void The_File_Holds_Both_Kinds()
    {
        Assert.True(LabelledRows.Texts("foreign-despair.tsv", "despair").Count() >= 24);
        Assert.True(LabelledRows.Texts("foreign-despair.tsv", "everyday").Count() >= 24);
    }
}
