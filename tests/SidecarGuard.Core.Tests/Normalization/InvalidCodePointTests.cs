using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Core.Tests.Normalization;

public sealed class InvalidCodePointTests
{
    [Theory]
    [InlineData("\uD800")]
    [InlineData("kill \uDC00 myself")]
    [InlineData("abc\uD83D")]
    [InlineData("\uDE00\uD83D")]
    [InlineData("\u200D\uFFFE\t")]
    [InlineData("x\uFDD0y\uFFFF")]
    [InlineData("\U0010FFFF")]
    public void Invalid_Code_Points_Never_Make_Normalisation_Throw(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        // A strict encoder throws on any lone surrogate left in the result.
        new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetBytes(normalized);
    }

    [Fact]
    public void Paired_Surrogates_Survive()
    {
        Assert.Contains("\U0001F600", TextNormalizer.Normalize("hi \U0001F600 \uD800"), StringComparison.Ordinal);
    }

    [Fact]
    public void Detection_Still_Works_Around_A_Lone_Surrogate()
    {
        var signals = new LexiconDetector().AnalyzeUserTurn("I want to kill myself tonight \uD800");
        Assert.True(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold));
    }
}
