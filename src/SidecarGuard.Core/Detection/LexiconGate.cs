using System.Collections.Frozen;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// Decides whether a turn needs the regex lexicons, which cost hundreds of microseconds on a long turn, after the
/// linear model (a few microseconds) has scored it. The lexicons run when the model finds any category at least
/// <see cref="ModelProbability"/> likely, when the turn has a non-ASCII letter, or when it contains a word of
/// <c>Lexicons/_gate.txt</c> (function words of the other lexicon languages and English words the model may
/// underrate). Everything else is plain English the model calls clearly benign.
/// </summary>
internal sealed class LexiconGate
{
    /// <summary>Resource name of the word list.</summary>
    public const string ResourceName = "SidecarGuard.Lexicons._gate.txt";

    /// <summary>Lowest model probability, in any category, at which the lexicons run. Defaults to 0.1.</summary>
    public const float ModelProbability = 0.1f;

    private static readonly Lazy<LexiconGate> Embedded = new(LoadEmbedded);

    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    /// <summary>32-bit FNV-1a hashes of the words: a collision only opens the gate needlessly, never shuts it.</summary>
    private readonly FrozenSet<uint> _hashes;

    /// <summary>One bit per low 16 bits of a listed hash: most words are ruled out by one bit test, without the set.</summary>
    private readonly ulong[] _filter = new ulong[1 << 10];

    public LexiconGate(IEnumerable<string> words)
    {
        _hashes = words.Select(w => Hash(w)).ToFrozenSet();
        foreach (var hash in _hashes)
        {
            _filter[(hash & 0xFFFF) >> 6] |= 1UL << (int)(hash & 63);
        }
    }

    /// <summary>The gate over the embedded word list.</summary>
    public static LexiconGate Default => Embedded.Value;

    /// <summary>Whether <paramref name="normalized"/> contains a non-ASCII letter or a listed word.</summary>
    public bool Opens(ReadOnlySpan<char> normalized)
    {
        if (!System.Text.Ascii.IsValid(normalized) && HasNonAsciiLetter(normalized))
        {
            return true;
        }

        var words = new WordSpans(normalized);
        while (words.MoveNext())
        {
            var hash = Hash(words.Current);
            if ((_filter[(hash & 0xFFFF) >> 6] & (1UL << (int)(hash & 63))) != 0 && _hashes.Contains(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a word character above U+007F occurs (a non-ASCII letter or digit, as <see cref="WordSpans"/> reads words).</summary>
    private static bool HasNonAsciiLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c > 0x7F && char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = FnvOffset;
        foreach (var c in word)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return hash;
    }

    private static LexiconGate LoadEmbedded()
    {
        using var stream = typeof(LexiconGate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return new LexiconGate(words);
    }
}
