using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// What the encoder reads of a turn: the text the lexicons match, after <see cref="TextNormalizer"/> (NFKC, look-alike
/// letters to Latin, zero-width characters removed, spaced-out letters joined, leetspeak folded inside mixed words).
/// "h0w 2 bu1ld a p1pe b0mb" means nothing to a model trained on plain English; "how 2 build a pipe bomb" does. The
/// heads are trained on the same form, so serving and training see one distribution.
/// </summary>
public static class EncoderInput
{
    /// <summary>The encoder's form of <paramref name="text"/>.</summary>
    public static string Of(string text) => TextNormalizer.Normalize(text);
}
