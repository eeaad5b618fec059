namespace SidecarGuard.Semantic.Encoding;

/// <summary>How the encoder's dense layers compute.</summary>
internal enum EncoderPrecision
{
    /// <summary>
    /// The projections that keep or widen their input in 8-bit integers (<see cref="Quantization.DynamicQuantizer"/>):
    /// what the product serves. 0.63 of the float model's time for a short and for a 1 KB turn on one core
    /// (<c>EncoderPrecisionBenchmarks</c>), embeddings within a cosine of 0.985 of the float ones on training rows
    /// (docs/performance.md).
    /// </summary>
    Int8,

    /// <summary>The model as published, in 32-bit floats: the reference the quantized encoder is measured against.</summary>
    Float32,
}
