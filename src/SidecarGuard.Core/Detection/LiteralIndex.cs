using System.Buffers;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// The required literals (<see cref="RequiredLiterals"/>) of every pattern, found in one vectorised pass per turn. A
/// pattern runs only when each of its literal sets has a string in the turn, so an ordinary turn that happens to
/// contain a prefilter word ("help", "body") no longer runs every regex behind that word.
/// </summary>
/// <remarks>
/// The pass searches for one window of <see cref="WindowLength"/> characters of each literal at least that long:
/// the window made of the rarest characters in English text ("wors" in "you are the worst ai"), so ordinary turns
/// rarely stop the search. A window packs into one 64-bit key; where the search stops, one dictionary probe finds
/// the literals holding that window, and only they are compared in full. Shorter literals ("od", "vx", "her") would
/// stop the search nearly everywhere, so they are not searched: a set is checked for them, with one vectorised
/// <c>IndexOf</c> each and the answer remembered for the turn, only when none of its long literals was found.
/// Sets of long literals only are checked first, so most patterns are decided without that.
/// </remarks>
internal sealed class LiteralIndex
{
    /// <summary>Characters of a literal searched for (four UTF-16 units fill a 64-bit key).</summary>
    public const int WindowLength = 4;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _literals = [];
    private SearchValues<string>? _search;

    /// <summary>By packed window: the literals holding that window and where it starts in them.</summary>
    private Dictionary<ulong, (int Id, int Offset)[]>? _byWindow;

    /// <summary>Number of distinct literals.</summary>
    public int Count => _literals.Count;

    /// <summary>Registers the literal sets of one pattern and returns them as id sets (empty: nothing required).</summary>
    public int[][] Add(IReadOnlyList<IReadOnlyList<string>> clauses)
    {
        if (_search is not null)
        {
            throw new InvalidOperationException("The index is already sealed.");
        }

        return [.. clauses
            .Select(clause => clause.Select(IdOf).Distinct().ToArray())
            .OrderBy(ids => ids.Any(id => _literals[id].Length < WindowLength))];
    }

    /// <summary>Builds the search structures; no literal can be added afterwards.</summary>
    public void Seal()
    {
        var windows = _literals.Select((literal, id) => (Id: id, Literal: literal))
            .Where(x => x.Literal.Length >= WindowLength)
            .Select(x => (x.Id, Start: WindowOf(x.Literal)))
            .ToList();
        _search = SearchValues.Create([.. windows.Select(w => WindowText(w.Id, w.Start)).Distinct()], StringComparison.Ordinal);
        _byWindow = windows
            .GroupBy(w => Pack(WindowText(w.Id, w.Start)))
            .ToDictionary(g => g.Key, g => g.Select(w => (w.Id, w.Start)).ToArray());

        string WindowText(int id, int start) => _literals[id].Substring(start, WindowLength);
    }

    /// <summary>Marks in <paramref name="found"/> (one flag per literal id) every literal that occurs in <paramref name="text"/>.</summary>
    public void Mark(ReadOnlySpan<char> text, Span<bool> found)
    {
        if (_literals.Count == 0)
        {
            return;
        }

        var search = _search ?? throw new InvalidOperationException("Seal the index before use.");
        var byWindow = _byWindow!;
        var offset = 0;
        while (offset <= text.Length - WindowLength)
        {
            var next = text[offset..].IndexOfAny(search);
            if (next < 0)
            {
                return;
            }

            var at = offset + next;
            if (byWindow.TryGetValue(Pack(text.Slice(at, WindowLength)), out var candidates))
            {
                foreach (var (id, windowStart) in candidates)
                {
                    var start = at - windowStart;
                    if (!found[id] && start >= 0 && text[start..].StartsWith(_literals[id], StringComparison.Ordinal))
                    {
                        found[id] = true;
                    }
                }
            }

            offset = at + 1;
        }
    }

    /// <summary>
    /// Whether every literal set in <paramref name="clauses"/> has a literal in <paramref name="text"/>: long ones as
    /// marked by <see cref="Mark"/> in <paramref name="found"/>, short ones probed on demand and remembered there
    /// (false: not yet probed or absent; <paramref name="probed"/> tells which).
    /// </summary>
    public bool AllHit(int[][] clauses, ReadOnlySpan<char> text, Span<bool> found, Span<bool> probed)
    {
        foreach (var clause in clauses)
        {
            if (!AnyHit(clause, text, found, probed))
            {
                return false;
            }
        }

        return true;
    }

    private bool AnyHit(int[] clause, ReadOnlySpan<char> text, Span<bool> found, Span<bool> probed)
    {
        foreach (var id in clause)
        {
            if (found[id])
            {
                return true;
            }
        }

        foreach (var id in clause)
        {
            var literal = _literals[id];
            if (literal.Length < WindowLength && !probed[id])
            {
                probed[id] = true;
                if (text.Contains(literal, StringComparison.Ordinal))
                {
                    found[id] = true;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Where the window of <paramref name="literal"/> searched for starts: its rarest <see cref="WindowLength"/> characters.</summary>
    internal static int WindowOf(string literal)
    {
        var best = 0;
        var bestCost = int.MaxValue;
        for (var start = 0; start + WindowLength <= literal.Length; start++)
        {
            var cost = 0;
            for (var i = start; i < start + WindowLength; i++)
            {
                cost += Commonness(literal[i]);
            }

            if (cost < bestCost)
            {
                (best, bestCost) = (start, cost);
            }
        }

        return best;
    }

    /// <summary>Roughly how often a character occurs in English text, in tenths of a percent (a space most of all).</summary>
    private static int Commonness(char c) => c switch
    {
        ' ' => 180,
        'e' => 127, 't' => 91, 'a' => 82, 'o' => 75, 'i' => 70, 'n' => 67, 's' => 63, 'h' => 61, 'r' => 60,
        'd' => 43, 'l' => 40, 'c' => 28, 'u' => 28, 'm' => 24, 'w' => 24, 'f' => 22, 'g' => 20, 'y' => 20,
        'p' => 19, 'b' => 15, 'v' => 10, 'k' => 8, '\'' => 8, 'j' => 2, 'x' => 2, 'q' => 1, 'z' => 1,
        _ => 5,
    };

    private int IdOf(string literal)
    {
        if (!_ids.TryGetValue(literal, out var id))
        {
            id = _literals.Count;
            _ids.Add(literal, id);
            _literals.Add(literal);
        }

        return id;
    }

    /// <summary>Four characters as one number.</summary>
    private static ulong Pack(ReadOnlySpan<char> text)
    {
        var key = 0UL;
        foreach (var c in text)
        {
            key = (key << 16) | c;
        }

        return key;
    }
}
