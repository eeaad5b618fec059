namespace SidecarGuard.Semantic.Heads;

/// <summary>
/// One logistic head on the sentence embedding: <c>p = sigmoid(bias + weights · embedding)</c>, detected at
/// <see cref="Threshold"/>.
/// </summary>
/// <param name="Category">The SidecarGuard category the head scores.</param>
/// <param name="Bias">The intercept.</param>
/// <param name="Threshold">The probability at which the category counts as detected (mapped to the detector's 0.5).</param>
/// <param name="Weights">One weight per embedding dimension.</param>
internal sealed record Head(string Category, float Bias, float Threshold, float[] Weights)
{
    /// <summary>The head's probability for one embedding.</summary>
    public float Probability(ReadOnlySpan<float> embedding)
    {
        var z = Bias;
        for (var i = 0; i < Weights.Length; i++)
        {
            z += Weights[i] * embedding[i];
        }

        return 1f / (1f + MathF.Exp(-z));
    }

    /// <summary>
    /// The probability on the detector's scale: <see cref="Threshold"/> lands on 0.5, above it linearly on [0.5, 1],
    /// below it on [0, 0.5) by the square of the ratio, so a middling probability stays under the policy's 0.3: for
    /// at-risk heads that level raises doubt (which disables ends), for harm heads it continues a streak (rule 8),
    /// and a linear mapping there once turned "never mind, how do fireworks work?" after a warning into an END.
    /// 0.3 needs 77% of the threshold.
    /// </summary>
    public double Score(float probability)
    {
        if (probability >= Threshold)
        {
            return 0.5 + (0.5 * (probability - Threshold) / Math.Max(1e-6, 1 - Threshold));
        }

        var ratio = probability / Math.Max(1e-6, Threshold);
        return 0.5 * ratio * ratio;
    }
}
