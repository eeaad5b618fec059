using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

public sealed class ShortTurnTests
{
    private static readonly LexiconDetector Detector = new();

    [Theory]
    [InlineData("Yes, I'm sure.")]
    [InlineData("yes")]
    [InlineData("Yes please end it")]
    [InlineData("I'm sure")]
    public void Short_Confirmations_Are_Confirmations_Not_Risk(string text)
    {
        var signals = Detector.AnalyzeUserTurn(text);
        Assert.True(signals.EndConfirmation);
        Assert.False(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold));
    }

    [Theory]
    [InlineData("Please end this conversation.")]
    [InlineData("end this chat")]
    public void Short_End_Requests_Are_Not_Risk(string text)
    {
        var signals = Detector.AnalyzeUserTurn(text);
        Assert.True(signals.EndRequest);
        Assert.False(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold));
    }

    [Theory]
    [InlineData("I want to die")]
    [InlineData("kill myself")]
    public void Short_Explicit_Risk_Is_Still_Caught(string text) => Assert.True(Detector.AnalyzeUserTurn(text).ReadsAtRisk(LexiconDetector.DetectionThreshold));
}
