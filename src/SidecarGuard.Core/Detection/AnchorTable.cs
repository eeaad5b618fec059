namespace SidecarGuard.Core.Detection;

/// <summary>
/// Word prefilters ("requires") of the lexicons of one <see cref="LexiconScope"/>. Each anchor is a set of words,
/// a trailing <c>*</c> marking a prefix. The turn is split into letter/digit runs once, each run is looked up once,
/// and every anchor that one of them belongs to is marked as hit, so the cost per turn is one dictionary probe per
/// word plus a few per prefix length, whatever the number of anchors.
/// </summary>
internal sealed class AnchorTable
{
    private readonly Dictionary<string, int> indexByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> prefixes = new(StringComparer.Ordinal);
    private int minPrefix = int.MaxValue;
    private int maxPrefix;

    /// <summary>Number of distinct anchors.</summary>
    public int Count => indexByKey.Count;

    /// <summary>Returns the index of the anchor made of <paramref name="words"/>, adding it on first sight.</summary>
    public int GetOrAdd(IReadOnlyCollection<string> words)
    {
        var normalized = words.Select(w => w.Trim()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var key = string.Join('|', normalized);
        if (indexByKey.TryGetValue(key, out var index))
        {
            return index;
        }

        index = indexByKey.Count;
        indexByKey.Add(key, index);
        foreach (var word in normalized)
        {
            if (word.EndsWith('*'))
            {
                var prefix = word[..^1];
                Add(prefixes, prefix, index);
                minPrefix = Math.Min(minPrefix, prefix.Length);
                maxPrefix = Math.Max(maxPrefix, prefix.Length);
            }
            else
            {
                Add(exact, word, index);
            }
        }

        return index;
    }

    /// <summary>Records in <paramref name="hits"/> where each anchor's words occur in <paramref name="normalized"/>.</summary>
    public void Mark(ReadOnlySpan<char> normalized, AnchorHits hits)
    {
        var exactLookup = exact.GetAlternateLookup<ReadOnlySpan<char>>();
        var prefixLookup = prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = new WordSpans(normalized);
        while (words.MoveNext())
        {
            var (start, i) = (words.Start, words.End);
            var word = words.Current;
            if (exactLookup.TryGetValue(word, out var ids))
            {
                hits.Add(ids, start, i);
            }

            for (var length = minPrefix; length <= Math.Min(maxPrefix, word.Length); length++)
            {
                if (prefixLookup.TryGetValue(word[..length], out ids))
                {
                    hits.Add(ids, start, i);
                }
            }
        }
    }

    private static void Add(Dictionary<string, List<int>> map, string word, int index)
    {
        if (!map.TryGetValue(word, out var ids))
        {
            ids = [];
            map.Add(word, ids);
        }

        if (!ids.Contains(index))
        {
            ids.Add(index);
        }
    }
}

/// <summary>
/// Which anchors the words of one turn hit, and where, and which required literals it contains. Each thread reuses
/// one instance per <see cref="LexiconScope"/> from turn to turn (a stamp marks the anchors hit by the current
/// turn), so a turn allocates nothing.
/// </summary>
internal sealed class AnchorHits : IDisposable
{
    private readonly LexiconScope scope;
    private readonly List<(int Start, int End)>?[] spans;
    private readonly int[] stamps;
    private readonly bool[] literals;
    private readonly bool[] probed;
    private int stamp;

    public AnchorHits(LexiconScope scope)
    {
        this.scope = scope;
        spans = new List<(int Start, int End)>?[scope.Anchors.Count];
        stamps = new int[scope.Anchors.Count];
        literals = new bool[scope.Literals.Count];
        probed = new bool[scope.Literals.Count];
    }

    /// <summary>Whether anchor <paramref name="anchor"/> was hit; a negative index means "no prefilter".</summary>
    public bool Hit(int anchor) => anchor < 0 || stamps[anchor] == stamp;

    /// <summary>Whether <paramref name="normalized"/> (this turn's text) contains a literal of every set in <paramref name="clauses"/>.</summary>
    public bool LiteralsHit(int[][] clauses, ReadOnlySpan<char> normalized) => scope.Literals.AllHit(clauses, normalized, literals, probed);

    /// <summary>Character spans of the words that hit anchor <paramref name="anchor"/>, in text order.</summary>
    public IReadOnlyList<(int Start, int End)> Spans(int anchor) => stamps[anchor] == stamp ? spans[anchor]! : [];

    /// <summary>Hands the instance back to its thread for the next turn.</summary>
    public void Dispose() => scope.Return(this);

    internal void Add(List<int> ids, int start, int end)
    {
        foreach (var id in ids)
        {
            var list = spans[id] ??= [];
            if (stamps[id] != stamp)
            {
                stamps[id] = stamp;
                list.Clear();
            }

            list.Add((start, end));
        }
    }

    /// <summary>Starts a new turn: forgets the last one and marks what <paramref name="normalized"/> holds.</summary>
    internal void Reset(ReadOnlySpan<char> normalized)
    {
        if (++stamp == int.MaxValue)
        {
            Array.Clear(stamps);
            stamp = 1;
        }

        Array.Clear(literals);
        Array.Clear(probed);
        scope.Anchors.Mark(normalized, this);
        scope.Literals.Mark(normalized, literals);
    }
}
