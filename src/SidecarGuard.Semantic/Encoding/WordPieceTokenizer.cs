using System.Buffers;
using System.Globalization;
using System.Text;
using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// The uncased BERT tokenizer that all-MiniLM-L6-v2 was trained with: control characters dropped, CJK ideographs
/// split apart, lower case, accents stripped (NFD without combining marks), words split at whitespace and at every
/// punctuation character, then greedy longest-match WordPiece over the vocabulary. Thread-safe once built.
/// </summary>
/// <remarks>
/// Written for this model rather than taken from a package: the packaged tokenizers we measured either mangled a
/// third of real texts (words after a full stop, curly apostrophes) or kept accents, and both move the embedding.
/// </remarks>
internal sealed class WordPieceTokenizer
{
    /// <summary>Words longer than this many characters become one unknown token, as in the reference tokenizer.</summary>
    private const int MaxWordChars = 100;

    private const string ContinuationPrefix = "##";

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public WordPieceTokenizer(IEnumerable<string> vocabularyLines)
    {
        ArgumentNullException.ThrowIfNull(vocabularyLines);
        _vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in vocabularyLines)
        {
            var token = line.TrimEnd('\r');
            if (token.Length > 0)
            {
                _vocabulary.TryAdd(token, _vocabulary.Count);
            }
        }

        _lookup = _vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        ClassifierId = Require("[CLS]");
        SeparatorId = Require("[SEP]");
        UnknownId = Require("[UNK]");
        PaddingId = Require("[PAD]");
    }

    /// <summary>Id of <c>[CLS]</c>, which starts every sequence.</summary>
    public int ClassifierId { get; }

    /// <summary>Id of <c>[SEP]</c>, which ends every sequence.</summary>
    public int SeparatorId { get; }

    /// <summary>Id of <c>[UNK]</c>.</summary>
    public int UnknownId { get; }

    /// <summary>Id of <c>[PAD]</c>.</summary>
    public int PaddingId { get; }

    /// <summary>Number of entries in the vocabulary.</summary>
    public int VocabularySize => _vocabulary.Count;

    /// <summary>The word-piece ids of <paramref name="text"/>, without <c>[CLS]</c> and <c>[SEP]</c>.</summary>
    public List<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        var cleaned = Clean(text);
        var start = -1;
        for (var i = 0; i <= cleaned.Length; i++)
        {
            var c = i < cleaned.Length ? cleaned[i] : ' ';
            var boundary = char.IsWhiteSpace(c);
            var alone = !boundary && IsPunctuation(c);
            if ((boundary || alone) && start >= 0)
            {
                AddWord(cleaned.AsSpan(start, i - start), ids);
                start = -1;
            }

            if (alone)
            {
                AddWord(cleaned.AsSpan(i, 1), ids);
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }

        return ids;
    }

    /// <summary>
    /// Lower case without accents, control characters removed, whitespace around CJK ideographs. Surrogate pairs
    /// outside the vocabulary end up as unknown words, which is what the reference does too.
    /// </summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        // Not string.Normalize: under invariant globalization (the sidecar's) it leaves accents on, and "números"
        // would be read as an unknown word here and as "numeros" in a process with ICU.
        foreach (var c in TextNormalizer.Decompose(text))
        {
            if (c == '\0' || c == '\uFFFD')
            {
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is '\t' or '\n' or '\r' || category == UnicodeCategory.SpaceSeparator)
            {
                builder.Append(' ');
            }
            else if (category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                continue;
            }
            else if (IsCjk(c))
            {
                builder.Append(' ').Append(c).Append(' ');
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private void AddWord(ReadOnlySpan<char> word, List<int> ids)
    {
        if (word.Length > MaxWordChars)
        {
            ids.Add(UnknownId);
            return;
        }

        var mark = ids.Count;
        var rented = ArrayPool<char>.Shared.Rent(word.Length + ContinuationPrefix.Length);
        try
        {
            var start = 0;
            while (start < word.Length)
            {
                var found = -1;
                var end = word.Length;
                for (; end > start; end--)
                {
                    if (TryPiece(word[start..end], start > 0, rented, out var id))
                    {
                        found = id;
                        break;
                    }
                }

                if (found < 0)
                {
                    // One piece that is not in the vocabulary makes the whole word unknown.
                    ids.RemoveRange(mark, ids.Count - mark);
                    ids.Add(UnknownId);
                    return;
                }

                ids.Add(found);
                start = end;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private bool TryPiece(ReadOnlySpan<char> piece, bool continuation, char[] scratch, out int id)
    {
        if (!continuation)
        {
            return _lookup.TryGetValue(piece, out id);
        }

        ContinuationPrefix.AsSpan().CopyTo(scratch);
        piece.CopyTo(scratch.AsSpan(ContinuationPrefix.Length));
        return _lookup.TryGetValue(scratch.AsSpan(0, piece.Length + ContinuationPrefix.Length), out id);
    }

    private int Require(string token) => _vocabulary.TryGetValue(token, out var id)
        ? id
        : throw new InvalidDataException($"The vocabulary has no {token} token.");

    /// <summary>ASCII symbols count as punctuation as in BERT ('$', '^', '`'), plus every Unicode punctuation class.</summary>
    private static bool IsPunctuation(char c)
    {
        if (c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~')
        {
            return true;
        }

        return char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    private static bool IsCjk(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
