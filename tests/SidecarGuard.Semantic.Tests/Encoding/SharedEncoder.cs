using SidecarGuard.Semantic.Encoding;

namespace SidecarGuard.Semantic.Tests.Encoding;

/// <summary>The real encoders, loaded once for the whole test assembly (91 MB; loading takes about a second each).</summary>
internal static class SharedEncoder
{
    private static readonly Lazy<SentenceEncoder> Loaded = new(() => SentenceEncoder.LoadDefault());
    private static readonly Lazy<SentenceEncoder> LoadedFloat = new(() => SentenceEncoder.LoadDefault(precision: EncoderPrecision.Float32));

    /// <summary>The encoder as served: 8-bit dense layers.</summary>
    public static SentenceEncoder Instance => Loaded.Value;

    /// <summary>The float model as published: the reference, and the encoder whose runs turns can share.</summary>
    public static SentenceEncoder Float => LoadedFloat.Value;

    public static WordPieceTokenizer Tokenizer => Instance.Tokenizer;
}
