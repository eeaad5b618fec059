using System.Buffers;
using System.Globalization;
using System.Text;

namespace SidecarGuard.Core.Normalization;

/// <summary>
/// Brings turn text to the canonical form the lexicons are written against: NFKC, invariant lower case, no format
/// or stray combining characters, Latin letters for common Cyrillic/Greek look-alikes, single spaces, short letter
/// runs, chat shorthand spelled out ("hw 2 make", "u", "ppl"), spaced-out letters joined and leetspeak folded inside
/// words that mix letters with digits or symbols.
/// </summary>
/// <remarks>The result is for matching only; it is never shown to anyone. Thread-safe; allocates the result string
/// and nothing else for inputs up to the pooled buffer size.</remarks>
public static class TextNormalizer
{
    /// <summary>Letter runs longer than this collapse to one letter ("kiiiill" → "kill").</summary>
    private const int MaxLetterRun = 2;

    /// <summary>Runs of other repeated characters (punctuation, emoji halves) longer than this are cut to it.</summary>
    private const int MaxSymbolRun = 3;

    /// <summary>Characters <see cref="LeetspeakFolder"/> may rewrite; text without any skips that pass.</summary>
    private static readonly SearchValues<char> LeetCharacters = SearchValues.Create("013457@$!");

    /// <summary>Normalises <paramref name="text"/> for lexicon matching.</summary>
    /// <param name="text">Raw turn text. <see langword="null"/> is treated as empty.</param>
    /// <returns>The normalised text; empty when the input is null, empty or only ignorable characters.</returns>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var buffer = NormalizePooled(text, out var length);
        try
        {
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The canonical decomposition of text <see cref="Normalize"/> returned (each accented letter as its base letter and
    /// combining marks), the same in every process: <see cref="string.Normalize(NormalizationForm)"/> does nothing to
    /// non-ASCII text under invariant globalization. For readers that drop accents, such as a WordPiece tokenizer.
    /// </summary>
    /// <param name="text">Composed text (NFC or NFKC).</param>
    /// <returns>The text with every composed letter decomposed; the same instance when nothing was composed.</returns>
    public static string Decompose(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Ascii.IsValid(text) ? text : CompatibilityComposition.Decompose(text);
    }

    /// <summary>
    /// Normalises <paramref name="text"/> into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, which the
    /// caller must return; the first <paramref name="length"/> characters are the result. Lets hot paths that
    /// may not need a string avoid allocating one.
    /// </summary>
    internal static char[] NormalizePooled(string text, out int length)
    {
        // ASCII text is already in NFKC; checking that is a vectorised scan, far cheaper than composing.
        var ascii = Ascii.IsValid(text);
        var composed = ascii ? text : Compose(text);
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, composed.Length));
        length = ascii ? FoldAsciiCharacters(composed, buffer) : FoldCharacters(composed, buffer);
        ChatShorthand.Expand(ref buffer, ref length);
        length = SpacedLetterCollapser.Collapse(buffer.AsSpan(0, length));
        if (buffer.AsSpan(0, length).ContainsAny(LeetCharacters))
        {
            length = LeetspeakFolder.Fold(buffer.AsSpan(0, length));
        }

        return buffer;
    }

    /// <summary>
    /// NFKC composition of any string, the same in every process (<see cref="CompatibilityComposition"/>: the
    /// runtime's own normalisation does nothing to non-ASCII text under invariant globalization, as the sidecar runs).
    /// Lone surrogates (possible from JSON escapes such as "\ud800") and noncharacters (U+FFFE, U+FDD0...) become
    /// U+FFFD: detection never fails on input.
    /// </summary>
    internal static string Compose(string text) => CompatibilityComposition.Apply(text);

    /// <summary>
    /// <see cref="FoldCharacters"/> for text known to be ASCII: the same result, without the per-character Unicode
    /// lookups (most turns take this path).
    /// </summary>
    internal static int FoldAsciiCharacters(string input, char[] output)
    {
        var length = 0;
        var previous = ' ';
        var run = 0;
        foreach (var raw in input)
        {
            var c = FoldAscii(raw);
            if (c == ' ' && previous == ' ')
            {
                continue;
            }

            run = c == previous ? run + 1 : 1;
            if (run > MaxLetterRun)
            {
                if (char.IsAsciiLetter(c))
                {
                    if (run == MaxLetterRun + 1)
                    {
                        length -= MaxLetterRun - 1;
                    }

                    continue;
                }

                if (run > MaxSymbolRun && !char.IsAsciiDigit(c))
                {
                    continue;
                }
            }

            output[length++] = c;
            previous = c;
        }

        return length > 0 && output[length - 1] == ' ' ? length - 1 : length;
    }

    /// <summary>
    /// One pass over the composed text: drops format and combining characters, lower-cases, folds look-alikes and
    /// apostrophes, collapses whitespace and long repeats. Writes into <paramref name="output"/>, returns its length.
    /// </summary>
    internal static int FoldCharacters(string input, char[] output)
    {
        var length = 0;
        var previous = ' ';
        var run = 0;
        foreach (var raw in input)
        {
            var c = raw < 0x80 ? FoldAscii(raw) : FoldOne(raw);
            if (c == '\0' || (c == ' ' && previous == ' '))
            {
                continue;
            }

            run = c == previous ? run + 1 : 1;
            if (run > MaxLetterRun && char.IsLetter(c))
            {
                // Three or more of one letter is emphasis, not spelling: "kiiiill" reads as "kill".
                if (run == MaxLetterRun + 1)
                {
                    length -= MaxLetterRun - 1;
                }

                continue;
            }

            if (run > MaxSymbolRun && !char.IsLetterOrDigit(c))
            {
                continue;
            }

            output[length++] = c;
            previous = c;
        }

        return length > 0 && output[length - 1] == ' ' ? length - 1 : length;
    }

    /// <summary>The ASCII case of <see cref="FoldOne"/>: lower case, control characters as spaces.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static char FoldAscii(char raw) => raw switch
    {
        >= 'A' and <= 'Z' => (char)(raw | 0x20),
        < ' ' => ' ',
        _ => raw,
    };

    /// <summary>Maps one non-ASCII character to its matching form; <c>'\0'</c> means drop it.</summary>
    private static char FoldOne(char raw)
    {
        switch (CharUnicodeInfo.GetUnicodeCategory(raw))
        {
            case UnicodeCategory.Format:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
                return '\0';
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.Control:
                return ' ';
        }

        var lower = char.ToLowerInvariant(raw);
        return HomoglyphTable.Fold(lower);
    }
}
