using System.Collections.Frozen;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SidecarGuard.Core.Normalization;

/// <summary>
/// NFKC without the operating system's Unicode library: each code point is replaced by its compatibility form (a
/// fullwidth or mathematical-bold letter, a ligature, a circled digit ...), then letters and the combining marks after
/// them are composed canonically ("e" + U+0301 → "é"), from a table generated from Unicode's data
/// (<c>unicode-nfkc.txt.gz</c>). <see cref="string.Normalize(NormalizationForm)"/> cannot be relied on: in a process
/// with invariant globalization (the sidecar's, and any host's that sets it) it leaves every non-ASCII character as it
/// is, so "ｈｏｗ ｔｏ ｍａｋｅ ｓａｒｉｎ" would read as nothing at all. With this table every host reads a turn the same way.
/// </summary>
/// <remarks>
/// Equal to the runtime's NFKC (checked by <c>CompatibilityCompositionTests</c> against ICU, code point by code point and
/// on decomposed text) except where NFKC reorders combining marks by their combining class or composes Hangul jamo:
/// marks are composed in the order they come, which is canonical order in text as keyboards and editors write it.
/// </remarks>
internal static class CompatibilityComposition
{
    /// <summary>The embedded table's resource name.</summary>
    internal const string ResourceName = "SidecarGuard.Normalization.unicode-nfkc.txt.gz";

    private static readonly Lazy<Table> Data = new(Load);

    /// <summary>The NFKC form of <paramref name="text"/>; lone surrogates and noncharacters become U+FFFD.</summary>
    public static string Apply(string text)
    {
        var table = Data.Value;
        if (!text.AsSpan().ContainsAny(table.MayChange))
        {
            // Most turns, accents and all: no character with a compatibility form, none that composes with the one
            // before it, no surrogate or noncharacter. One vectorised scan, no allocation.
            return text;
        }

        var output = new StringBuilder(text.Length);
        var starter = -1;
        var starterLength = 0;
        var blocked = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var value = IsNoncharacter(rune.Value) ? Rune.ReplacementChar.Value : rune.Value;
            if (table.Forms.TryGetValue(value, out var form))
            {
                foreach (var part in form.EnumerateRunes())
                {
                    Append(part.Value);
                }
            }
            else
            {
                Append(value);
            }
        }

        return output.ToString();

        void Append(int value)
        {
            var mark = IsMark(value) && !table.Firsts.Contains(value);
            if (starter >= 0 && !(blocked && !mark)
                && table.Compositions.TryGetValue(Pair(CodePointAt(output, starter), value), out var composed))
            {
                if (starterLength == 1 && composed < 0x10000)
                {
                    output[starter] = (char)composed;
                }
                else
                {
                    output.Remove(starter, starterLength);
                    var composedText = char.ConvertFromUtf32(composed);
                    output.Insert(starter, composedText);
                    starterLength = composedText.Length;
                }

                return;
            }

            if (mark)
            {
                // A mark that did not compose stays; a later mark may still compose with the starter before it.
                blocked = true;
                AppendCodePoint(output, value);
                return;
            }

            starter = output.Length;
            starterLength = value < 0x10000 ? 1 : 2;
            blocked = false;
            AppendCodePoint(output, value);
        }
    }

    private static void AppendCodePoint(StringBuilder output, int value)
    {
        if (value < 0x10000)
        {
            output.Append((char)value);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            output.Append(pair[..new Rune(value).EncodeToUtf16(pair)]);
        }
    }

    /// <summary>
    /// The canonical decomposition (NFD) of <paramref name="text"/> when it is already composed (NFC or NFKC, as
    /// <see cref="TextNormalizer.Normalize"/> leaves it): each composed letter split into its base and marks, from the
    /// same table read backwards ("é" → "e" + U+0301). Hangul syllables stay whole.
    /// </summary>
    public static string Decompose(string text)
    {
        var table = Data.Value;
        StringBuilder? output = null;
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (table.Decompositions.ContainsKey(rune.Value))
            {
                output ??= new StringBuilder(text.Length + 8).Append(text, 0, index);
                AppendDecomposed(output, rune.Value);
            }
            else if (output is not null)
            {
                AppendCodePoint(output, rune.Value);
            }

            index += rune.Utf16SequenceLength;
        }

        return output?.ToString() ?? text;

        void AppendDecomposed(StringBuilder builder, int value)
        {
            if (table.Decompositions.TryGetValue(value, out var pair))
            {
                AppendDecomposed(builder, (int)(pair >> 21));
                AppendCodePoint(builder, (int)(pair & 0x1FFFFF));
            }
            else
            {
                AppendCodePoint(builder, value);
            }
        }
    }

    private static long Pair(int first, int second) => ((long)first << 21) | (uint)second;

    private static int CodePointAt(StringBuilder text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? char.ConvertToUtf32(text[index], text[index + 1]) : text[index];

    /// <summary>
    /// Whether a code point combines with the starter before it rather than being one (Unicode's combining class is
    /// not in .NET; non-spacing and enclosing marks are the characters with a class above zero, near enough: spacing
    /// vowel signs such as Bengali U+09BE are starters that compose with the one before them, and a mark that begins a
    /// composition, such as Telugu U+0C46, is a starter too).
    /// </summary>
    private static bool IsMark(int value) => CharUnicodeInfo.GetUnicodeCategory(value) is UnicodeCategory.NonSpacingMark
        or UnicodeCategory.EnclosingMark;

    private static bool IsNoncharacter(int value) => (value & 0xFFFE) == 0xFFFE || value is >= 0xFDD0 and <= 0xFDEF;

    private static Table Load()
    {
        using var stream = typeof(CompatibilityComposition).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from SidecarGuard.Core.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.UTF8);
        return Parse(reader);
    }

    /// <summary>
    /// Reads the table's lines: <c>f CP CP...</c> (a code point, then its NFKC form) and <c>c CP CP CP</c> (two code
    /// points, then the one they compose to); <c>#</c> starts a comment. Code points are hexadecimal.
    /// </summary>
    internal static Table Parse(TextReader reader)
    {
        var forms = new Dictionary<int, string>();
        var compositions = new Dictionary<long, int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ');
            var points = fields.Skip(1).Select(f => int.Parse(f, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            switch (fields[0])
            {
                case "f" when points.Length >= 2:
                    forms[points[0]] = string.Concat(points.Skip(1).Select(char.ConvertFromUtf32));
                    break;
                case "c" when points.Length == 3:
                    compositions[Pair(points[0], points[1])] = points[2];
                    break;
                default:
                    throw new FormatException($"Bad line in {ResourceName}: '{line}'.");
            }
        }

        var firsts = compositions.Keys.Select(pair => (int)(pair >> 21)).ToFrozenSet();
        var decompositions = compositions.ToFrozenDictionary(c => c.Value, c => c.Key);
        // Characters that may change: those with a form, those that compose with the one before them, surrogates
        // (code points above the BMP, and lone halves that become U+FFFD) and the noncharacters of the BMP.
        var mayChange = forms.Keys.Concat(compositions.Keys.Select(pair => (int)(pair & 0x1FFFFF)))
            .Where(value => value < 0x10000)
            .Concat(Enumerable.Range(0xD800, 0x800))
            .Concat(Enumerable.Range(0xFDD0, 0x20))
            .Concat([0xFFFE, 0xFFFF])
            .Select(value => (char)value)
            .Distinct()
            .ToArray();
        return new Table(forms.ToFrozenDictionary(), compositions.ToFrozenDictionary(), firsts, decompositions,
            System.Buffers.SearchValues.Create(mayChange));
    }

    /// <summary>
    /// The compatibility forms of single code points, the canonical compositions of pairs, the first code points of
    /// those pairs, each composed code point's pair, and the characters of text that may change.
    /// </summary>
    internal sealed record Table(FrozenDictionary<int, string> Forms, FrozenDictionary<long, int> Compositions, FrozenSet<int> Firsts,
        FrozenDictionary<int, long> Decompositions, System.Buffers.SearchValues<char> MayChange);
}
