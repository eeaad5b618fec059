namespace SidecarGuard.Core.Detection.Model;

/// <summary>
/// Turns normalised text into hashed features for <see cref="LinearModel"/>: every word, every pair of adjacent
/// words, and the character 4-grams of each word of five or more characters padded with boundary marks
/// ("&lt;bombs&gt;" → "&lt;bom", "bomb", "ombs", "mbs&gt;"); shorter words are mostly function words, whose grams
/// only cost time. Words are letter/digit runs. Hashing is 32-bit FNV-1a with a
/// different seed per feature kind, so buckets are stable across processes and platforms; training and scoring
/// must use the same <c>bits</c>.
/// </summary>
internal static class FeatureHasher
{
    private const uint Prime = 16777619;
    private const uint WordSeed = 2166136261;
    private const uint BigramSeed = 0x9E3779B9;
    private const uint GramSeed = 0x85EBCA6B;
    private const int GramLength = 4;
    private const int MinGramWord = 5;
    private const char Boundary = '\u0001';

    /// <summary>Words up to this length minus the two marks are padded in a stack buffer; longer ones take a slower path.</summary>
    private const int ScratchLength = 64;

    /// <summary>Feeds every feature of <paramref name="text"/> to <paramref name="sink"/>.</summary>
    public static void Visit<TSink>(ReadOnlySpan<char> text, int bits, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        var mask = (1u << bits) - 1;
        Span<char> scratch = stackalloc char[ScratchLength];
        var previous = 0u;
        var hasPrevious = false;
        var words = new WordSpans(text);
        while (words.MoveNext())
        {
            var word = words.Current;
            var hash = Hash(WordSeed, word);
            sink.Add((int)(hash & mask));
            if (hasPrevious)
            {
                sink.Add((int)(Mix(BigramSeed ^ previous, hash) & mask));
            }

            if (word.Length >= MinGramWord)
            {
                AddGrams(word, scratch, mask, ref sink);
            }

            sink.WordDone();
            previous = hash;
            hasPrevious = true;
        }
    }

    /// <summary>The 4-grams of the word with a boundary mark before and after it.</summary>
    private static void AddGrams<TSink>(ReadOnlySpan<char> word, scoped Span<char> scratch, uint mask, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        if (word.Length + 2 > scratch.Length)
        {
            AddGramsOfLongWord(word, mask, ref sink);
            return;
        }

        // Pad once, then hash each gram without per-character branches; the grams are independent, so the CPU
        // overlaps their multiplications.
        var padded = scratch[..(word.Length + 2)];
        padded[0] = Boundary;
        word.CopyTo(padded[1..]);
        padded[^1] = Boundary;
        for (var start = 0; start + GramLength <= padded.Length; start++)
        {
            var hash = (GramSeed ^ padded[start]) * Prime;
            hash = (hash ^ padded[start + 1]) * Prime;
            hash = (hash ^ padded[start + 2]) * Prime;
            hash = (hash ^ padded[start + 3]) * Prime;
            sink.Add((int)(hash & mask));
        }
    }

    /// <summary>The same grams for a word too long for the scratch buffer, reading the padding on the fly.</summary>
    private static void AddGramsOfLongWord<TSink>(ReadOnlySpan<char> word, uint mask, ref TSink sink)
        where TSink : struct, IFeatureSink, allows ref struct
    {
        var padded = word.Length + 2;
        for (var start = 0; start + GramLength <= padded; start++)
        {
            var hash = GramSeed;
            for (var k = start; k < start + GramLength; k++)
            {
                var c = k == 0 || k == padded - 1 ? Boundary : word[k - 1];
                hash = (hash ^ c) * Prime;
            }

            sink.Add((int)(hash & mask));
        }
    }

    private static uint Hash(uint seed, ReadOnlySpan<char> word)
    {
        var hash = seed;
        foreach (var c in word)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }

    private static uint Mix(uint a, uint b)
    {
        var hash = (a ^ b) * Prime;
        hash ^= hash >> 15;
        return hash * 0x2C1B3C6D;
    }
}
