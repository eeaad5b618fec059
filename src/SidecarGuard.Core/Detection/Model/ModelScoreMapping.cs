namespace SidecarGuard.Core.Detection.Model;

/// <summary>
/// Maps a model probability onto the detector's score scale: the category's threshold lands on
/// <see cref="LexiconDetector.DetectionThreshold"/> (0.5), probabilities below it on [0, 0.5) and above it on
/// [0.5, 1], both linearly.
/// </summary>
internal static class ModelScoreMapping
{
    public static double ToScore(float probability, float threshold) => probability >= threshold
        ? 0.5 + (0.5 * (probability - threshold) / Math.Max(1e-6, 1 - threshold))
        : 0.5 * probability / Math.Max(1e-6, threshold);
}
