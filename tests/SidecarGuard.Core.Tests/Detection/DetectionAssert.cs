using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>Assertions over what the built-in detector finds in one user turn, with the signals in the message.</summary>
internal static class DetectionAssert
{
    /// <summary>The embedded detector, shared (it is stateless and loads its data once).</summary>
    public static readonly LexiconDetector Detector = new();

    /// <summary>The turn's score for <paramref name="category"/> (0 when absent).</summary>
    public static double ScoreOf(string text, string category) =>
        Detector.AnalyzeUserTurn(text).Categories.FirstOrDefault(c => c.Name == category).Score;

    /// <summary><paramref name="category"/> reaches the detection threshold.</summary>
    public static void Detected(string text, string category)
    {
        var signals = Detector.AnalyzeUserTurn(text);
        Assert.True(signals.Categories.Any(c => c.Name == category && c.Score >= LexiconDetector.DetectionThreshold),
            $"expected {category} for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }

    /// <summary><paramref name="category"/> stays under the detection threshold.</summary>
    public static void NotDetected(string text, string category)
    {
        var score = ScoreOf(text, category);
        Assert.True(score < LexiconDetector.DetectionThreshold, $"expected no {category} for \"{text}\"; got {score:0.00}");
    }

    /// <summary>No category reaches the threshold and the turn is not at risk.</summary>
    public static void Clean(string text)
    {
        var signals = Detector.AnalyzeUserTurn(text);
        Assert.True(signals.Categories.All(c => c.Score < LexiconDetector.DetectionThreshold),
            $"expected no category for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
        Assert.False(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold));
    }

    /// <summary>The turn is at risk (self-harm or harm to others reaches the threshold).</summary>
    public static void AtRisk(string text)
    {
        var signals = Detector.AnalyzeUserTurn(text);
        Assert.True(signals.ReadsAtRisk(LexiconDetector.DetectionThreshold), $"expected at risk for \"{text}\"; got [{string.Join(", ", signals.Categories)}]");
    }
}
