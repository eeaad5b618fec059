using System.Buffers;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// The required literals (<see cref="RequiredLiterals"/>) of every pattern, searched for in one vectorised pass per
/// turn. A pattern runs only when each of its literal sets has a string in the turn, so an ordinary turn that
/// happens to contain a prefilter word ("help", "body") no longer runs every regex behind that word.
/// </summary>
internal sealed class LiteralIndex
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _literals = [];
    private SearchValues<string>? _search;

    /// <summary>Literals by their first two characters, to check the few that can start at a found position.</summary>
    private Dictionary<int, (string Literal, int Id)[]>? _byStart;

    /// <summary>Number of distinct literals.</summary>
    public int Count => _literals.Count;

    /// <summary>Registers the literal sets of one pattern and returns them as id sets (empty: nothing required).</summary>
    public int[][] Add(IReadOnlyList<IReadOnlyList<string>> clauses)
    {
        if (_search is not null)
        {
            throw new InvalidOperationException("The index is already sealed.");
        }

        return [.. clauses.Select(clause => clause.Select(IdOf).Distinct().ToArray())];
    }

    /// <summary>Builds the search structures; no literal can be added afterwards.</summary>
    public void Seal()
    {
        _search = SearchValues.Create([.. _literals], StringComparison.Ordinal);
        _byStart = _literals.Select((literal, id) => (literal, id))
            .GroupBy(x => Key(x.literal))
            .ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Marks in <paramref name="found"/> (one flag per literal id) every literal that occurs in <paramref name="text"/>.</summary>
    public void Mark(ReadOnlySpan<char> text, Span<bool> found)
    {
        if (_literals.Count == 0)
        {
            return;
        }

        var search = _search ?? throw new InvalidOperationException("Seal the index before use.");
        var byStart = _byStart!;
        var offset = 0;
        while (offset < text.Length - 1)
        {
            var next = text[offset..].IndexOfAny(search);
            if (next < 0)
            {
                return;
            }

            var at = offset + next;
            var rest = text[at..];
            if (byStart.TryGetValue(Key(rest), out var candidates))
            {
                foreach (var (literal, id) in candidates)
                {
                    if (rest.StartsWith(literal, StringComparison.Ordinal))
                    {
                        found[id] = true;
                    }
                }
            }

            offset = at + 1;
        }
    }

    /// <summary>Whether every literal set in <paramref name="clauses"/> has a found literal.</summary>
    public static bool AllHit(int[][] clauses, ReadOnlySpan<bool> found)
    {
        foreach (var clause in clauses)
        {
            var hit = false;
            foreach (var id in clause)
            {
                if (found[id])
                {
                    hit = true;
                    break;
                }
            }

            if (!hit)
            {
                return false;
            }
        }

        return true;
    }

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

    /// <summary>The first two characters as one key; literals are at least <see cref="RequiredLiterals.MinLength"/> (2) long.</summary>
    private static int Key(ReadOnlySpan<char> text) => (text[0] << 16) | text[1];
}
