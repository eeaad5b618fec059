using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Core.Tests.Normalization;

public sealed class LoneSurrogateTests
{
    [Theory]
    [InlineData("\uD800")]
    [InlineData("kill \uDC00 myself")]
    [InlineData("abc\uD83D")]
    [InlineData("\uDE00\uD83D")]
    public void Lone_Surrogates_Never_Make_Normalisation_Throw(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        Assert.DoesNotContain(normalized, char.IsSurrogate);
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
        Assert.True(signals.AtRisk);
    }
}
