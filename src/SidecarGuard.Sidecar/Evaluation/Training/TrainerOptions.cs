namespace SidecarGuard.Sidecar.Evaluation.Training;

/// <summary>Settings of <see cref="LogisticTrainer"/>; the defaults produce the committed weights.</summary>
internal sealed record TrainerOptions
{
    /// <summary>log2 of the hash buckets. Defaults to 17 (131 072 buckets).</summary>
    public int Bits { get; init; } = 17;

    /// <summary>Passes over the data. Defaults to 30.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>AdaGrad step size. Defaults to 0.3.</summary>
    public float LearningRate { get; init; } = 0.3f;

    /// <summary>L2 penalty per update. Defaults to 1e-4.</summary>
    public float L2 { get; init; } = 1e-4f;

    /// <summary>Largest weight given to the rarer class. Defaults to 8.</summary>
    public double MaxClassWeight { get; init; } = 8;

    /// <summary>Probability that counts as detected, for every category. Defaults to 0.5.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Seed of the shuffling order. Defaults to 5.</summary>
    public int Seed { get; init; } = 5;
}
