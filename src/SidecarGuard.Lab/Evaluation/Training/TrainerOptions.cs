namespace SidecarGuard.Lab.Evaluation.Training;

/// <summary>Settings of <see cref="LogisticTrainer"/>; the defaults produce the committed weights.</summary>
internal sealed record TrainerOptions
{
    /// <summary>log2 of the hash buckets. Defaults to 17 (131 072 buckets).</summary>
    public int Bits { get; init; } = 17;

    /// <summary>Passes over the data. Defaults to 30.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>AdaGrad step size. Defaults to 0.3.</summary>
    public float LearningRate { get; init; } = 0.3f;

    /// <summary>L2 penalty per update. Defaults to 1e-3.</summary>
    public float L2 { get; init; } = 1e-3f;

    /// <summary>Largest weight given to the rarer class. Defaults to 2.</summary>
    public double MaxClassWeight { get; init; } = 2;

    /// <summary>
    /// Probability that counts as detected, for categories not in <see cref="CategoryThresholds"/>. Defaults to 0.8:
    /// on held-out rows lower thresholds flag too many benign turns.
    /// </summary>
    public float Threshold { get; init; } = 0.8f;

    /// <summary>
    /// Per-category thresholds. Defaults to 0.7 for self_harm: a false SUPPORT costs a caring reply, never an end,
    /// while a missed one leaves a user at risk unsupported.
    /// </summary>
    public IReadOnlyDictionary<string, float> CategoryThresholds { get; init; } =
        new Dictionary<string, float> { [Core.Detection.HarmCategories.SelfHarm] = 0.7f };

    /// <summary>Seed of the shuffling order. Defaults to 5.</summary>
    public int Seed { get; init; } = 5;
}
