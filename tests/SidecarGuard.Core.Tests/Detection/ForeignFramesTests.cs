using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// The turns the foreign frame patterns were written from (<c>foreign-frames.tsv</c>): every extreme request is read in
/// an end-eligible category, every look-alike in none. A regression check for the lexicons, not a measure of how they
/// generalise.
/// </summary>
public sealed class ForeignFramesTests
{
    private static readonly string[] EndEligible =
        [HarmCategories.ChildSexualExploitation, HarmCategories.MassViolence, HarmCategories.IndiscriminateWeapons];

    public static TheoryData<string> Rows(string label) => new(Texts(label));

    private static IEnumerable<string> Texts(string label) => LabelledRows.Texts("foreign-frames.tsv", label);

    [Theory]
    [MemberData(nameof(Rows), "flag")]
    public void Extreme_Requests_Are_Read_In_An_End_Eligible_Category(string text)
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.True(signals.Categories.Any(c => EndEligible.Contains(c.Name) && c.Score >= LexiconDetector.DetectionThreshold),
            $"expected an end-eligible category for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Theory]
    [MemberData(nameof(Rows), "allow")]
    public void Look_Alikes_Are_Not(string text)
    {
        var signals = DetectionAssert.Detector.AnalyzeUserTurn(text);
        Assert.False(signals.Categories.Any(c => EndEligible.Contains(c.Name) && c.Score >= LexiconDetector.DetectionThreshold),
            $"expected no end-eligible category for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    [Fact]
    public void The_File_Holds_Both_Kinds()
    {
        Assert.True(Texts("flag").Count() >= 40);
        Assert.True(Texts("allow").Count() >= 40);
    }
}
