using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// The turns the foreign insult patterns of <c>abuse.json</c> were written from (<c>foreign-abuse.tsv</c>): every insult
/// at the assistant is read as abuse, and no look-alike is — a third person called a fool, a printer that is useless,
/// "la ferme" that is a farm, "seu computador" that is the reader's computer. A regression check for the lexicons,
/// which alone judge turns in these languages; how well the patterns generalise is measured on the
/// <c>abuse_foreign</c> probes of the semantic tests, written before them.
/// </summary>
public sealed class ForeignAbuseTests
{
    public static TheoryData<string> Rows(string label) => new(LabelledRows.Texts("foreign-abuse.tsv", label));

    [Theory]
    [MemberData(nameof(Rows), "abuse")]
    public void Insults_At_The_Assistant_Are_Abuse(string text)
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.True(signals.Categories.Any(c => c.Name == HarmCategories.Abuse && c.Score >= LexiconDetector.DetectionThreshold),
            $"expected abuse for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Theory]
    [MemberData(nameof(Rows), "everyday")]
    public void Look_Alikes_Are_Not(string text)
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.False(signals.Categories.Any(c => c.Name == HarmCategories.Abuse && c.Score >= LexiconDetector.DetectionThreshold),
            $"expected no abuse for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Fact]
    public void The_File_Holds_Both_Kinds()
    {
        Assert.True(LabelledRows.Texts("foreign-abuse.tsv", "abuse").Count() >= 32);
        Assert.True(LabelledRows.Texts("foreign-abuse.tsv", "everyday").Count() >= 32);
    }
}
