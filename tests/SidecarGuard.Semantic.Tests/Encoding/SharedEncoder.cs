using SidecarGuard.Semantic.Encoding;

namespace SidecarGuard.Semantic.Tests.Encoding;

/// <summary>The real encoder, loaded once for the whole test assembly (91 MB; loading takes about a second).</summary>
internal static class SharedEncoder
{
    private static readonly Lazy<SentenceEncoder> Loaded = new(() => SentenceEncoder.LoadDefault());

    public static SentenceEncoder Instance => Loaded.Value;

    public static WordPieceTokenizer Tokenizer => Instance.Tokenizer;
}
