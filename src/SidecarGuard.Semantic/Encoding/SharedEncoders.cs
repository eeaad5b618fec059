namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// One encoder per precision per process, loaded on first use and shared by every detector and tenant, each with its
/// batcher: the workers that bound concurrent encoder runs to the cores (and, for the float encoder only, let
/// concurrent turns share a run).
/// </summary>
internal static class SharedEncoders
{
    private static readonly Lazy<SentenceEncoder>[] Encoders =
    [
        new(() => SentenceEncoder.LoadDefault(precision: EncoderPrecision.Int8)),
        new(() => SentenceEncoder.LoadDefault(precision: EncoderPrecision.Float32)),
    ];

    private static readonly Lazy<EncoderBatcher>[] Batchers =
    [
        new(() => new EncoderBatcher(Encoders[(int)EncoderPrecision.Int8].Value)),
        new(() => new EncoderBatcher(Encoders[(int)EncoderPrecision.Float32].Value)),
    ];

    /// <summary>The process's encoder of <paramref name="precision"/>.</summary>
    public static SentenceEncoder Encoder(EncoderPrecision precision) => Encoders[(int)precision].Value;

    /// <summary>The batcher over <see cref="Encoder"/>, created on first use.</summary>
    public static Lazy<EncoderBatcher> Batcher(EncoderPrecision precision) => Batchers[(int)precision];
}
