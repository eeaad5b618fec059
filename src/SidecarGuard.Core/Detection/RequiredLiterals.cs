using System.Globalization;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// Reads a lexicon regex and finds sets of strings such that every match contains a string of each set: the
/// pattern's required literals. A turn missing every string of one set cannot match, so its regex is never run. Only the small regex subset
/// the lexicons use is understood (literals, small character classes, groups, alternation, quantifiers, anchors);
/// anything else makes the answer "no requirement", which is always safe: the pattern then simply runs as before.
/// </summary>
/// <remarks>
/// Each part of the pattern is summarised by the exact strings it can match (while there are few) and by required
/// sets, all of which a match must hit. Concatenation multiplies exact sets and keeps the required sets of both
/// parts; alternation unites exact sets and, by the distributive law, pairs of required sets of its branches; an
/// optional part requires nothing. Sets
/// with a string under <see cref="MinLength"/> characters are not kept: they would hit nearly every turn.
/// </remarks>
internal static class RequiredLiterals
{
    /// <summary>Shortest literal kept; single characters would hit every turn.</summary>
    public const int MinLength = 2;

    private const int MaxExact = 64;
    private const int MaxExactLength = 48;
    private const int MaxRequired = 512;
    private const int MaxClassSize = 4;

    /// <summary>
    /// The required literal sets of <paramref name="pattern"/>: a match contains a string of every set. Empty when
    /// nothing usable is required.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Of(string pattern)
    {
        try
        {
            return [.. new Parser(pattern).ParseAll().Clauses.Select(c => (IReadOnlyList<string>)[.. c.Strings.Order(StringComparer.Ordinal)])];
        }
        catch (NotSupportedException)
        {
            return [];
        }
    }

    /// <summary>What one part of a pattern is known to match.</summary>
    /// <param name="Exact">Every string the part can match, when there are few; null when unknown or too many.</param>
    /// <param name="Clauses">Sets of strings such that every match contains a string of each set; none when unknown.</param>
    private sealed record Summary(HashSet<string>? Exact, IReadOnlyList<Clause> Clauses)
    {
        private const int MaxClauses = 8;

        /// <summary>
        /// Clauses of each side an alternation pairs (the best ones, as kept): pairing all of them costs a long
        /// alternation hundreds of set unions per branch at load time for clauses that would mostly be dropped.
        /// </summary>
        private const int MaxPaired = 3;

        public static readonly Summary Empty = new([""], []);

        public static readonly Summary Unknown = new(null, []);

        public static Summary OfExact(HashSet<string> exact) => new(exact, Keep([], new Clause(exact)));

        public static Summary Concat(Summary a, Summary b)
        {
            HashSet<string>? exact = null;
            if (a.Exact is not null && b.Exact is not null && a.Exact.Count * b.Exact.Count <= MaxExact)
            {
                exact = [];
                foreach (var x in a.Exact)
                {
                    foreach (var y in b.Exact)
                    {
                        exact.Add(x + y);
                    }
                }

                if (exact.Any(s => s.Length > MaxExactLength))
                {
                    exact = null;
                }
            }

            var clauses = a.Clauses;
            foreach (var clause in b.Clauses)
            {
                clauses = Keep(clauses, clause);
            }

            return new Summary(exact, exact is null ? clauses : Keep(clauses, new Clause(exact)));
        }

        public static Summary Alternate(IReadOnlyList<Summary> branches)
        {
            HashSet<string>? exact = [];
            IReadOnlyList<Clause>? clauses = null;
            foreach (var branch in branches)
            {
                if (exact is not null && branch.Exact is not null && exact.Count + branch.Exact.Count <= MaxExact)
                {
                    exact.UnionWith(branch.Exact);
                }
                else
                {
                    exact = null;
                }

                clauses = clauses is null ? branch.Clauses : Distribute(clauses, branch.Clauses);
            }

            clauses ??= [];
            return new Summary(exact, exact is null ? clauses : Keep(clauses, new Clause(exact)));
        }

        /// <summary>
        /// Clauses of "a or b" from the clauses of each: the union of any clause of a with any clause of b holds for
        /// every match of either (the distributive law), so all such unions are candidates.
        /// </summary>
        private static IReadOnlyList<Clause> Distribute(IReadOnlyList<Clause> a, IReadOnlyList<Clause> b)
        {
            IReadOnlyList<Clause> result = [];
            foreach (var x in a.Take(MaxPaired))
            {
                foreach (var y in b.Take(MaxPaired))
                {
                    if (x.Count + y.Count <= MaxRequired)
                    {
                        result = Keep(result, new Clause([.. x.Strings, .. y.Strings]));
                    }
                }
            }

            return result;
        }

        public static Summary Repeat(Summary item, int min, int max)
        {
            if (min == 0)
            {
                // An optional part may match nothing, so it requires nothing; "x?" still has a small exact set.
                return max == 1 && item.Exact is not null && item.Exact.Count < MaxExact
                    ? new Summary([.. item.Exact, ""], [])
                    : Unknown;
            }

            return min == 1 && max == 1 ? item : new Summary(null, item.Clauses);
        }

        /// <summary>
        /// Adds <paramref name="candidate"/> to <paramref name="clauses"/> when it is usable (no empty or short
        /// strings) and not implied by a clause already kept; drops the clauses it implies; keeps the
        /// <see cref="MaxClauses"/> most selective, best first: fewest strings (a short list of specific words rarely
        /// hits), then the longest shortest string.
        /// </summary>
        private static IReadOnlyList<Clause> Keep(IReadOnlyList<Clause> clauses, Clause candidate)
        {
            if (!candidate.Usable || clauses.Any(c => Implies(c, candidate)))
            {
                return clauses;
            }

            var kept = new List<Clause>(clauses.Count + 1);
            foreach (var clause in clauses)
            {
                if (!Implies(candidate, clause))
                {
                    kept.Add(clause);
                }
            }

            // Insert in rank order (stable: a new clause goes after equally ranked ones), then cut.
            var at = kept.FindIndex(c => c.Rank > candidate.Rank);
            kept.Insert(at < 0 ? kept.Count : at, candidate);
            if (kept.Count > MaxClauses)
            {
                kept.RemoveRange(MaxClauses, kept.Count - MaxClauses);
            }

            return kept;
        }

        /// <summary>Whether containing a string of <paramref name="strong"/> means containing one of <paramref name="weak"/>.</summary>
        private static bool Implies(Clause strong, Clause weak) =>
            strong.Count <= MaxExact && weak.Count <= MaxExact
            && strong.Strings.All(s => weak.Strings.Any(w => s.Contains(w, StringComparison.Ordinal)));
    }

    /// <summary>A set of strings every match contains one of, with its rank computed once.</summary>
    private sealed class Clause
    {
        public Clause(HashSet<string> strings)
        {
            Strings = strings;
            Shortest = strings.Count == 0 ? 0 : strings.Min(s => s.Length);
        }

        public HashSet<string> Strings { get; }

        public int Count => Strings.Count;

        /// <summary>Length of the shortest string.</summary>
        public int Shortest { get; }

        /// <summary>Whether it can filter at all: no empty or too-short string.</summary>
        public bool Usable => Count > 0 && Shortest >= MinLength;

        /// <summary>Lower is more selective: fewer strings first, then a longer shortest string (up to 8).</summary>
        public long Rank => ((long)Count << 8) - Math.Min(8, Shortest);
    }

    /// <summary>A recursive-descent reader of the regex subset; throws <see cref="NotSupportedException"/> on anything else.</summary>
    private sealed class Parser(string pattern)
    {
        private int _at;

        public Summary ParseAll()
        {
            var result = ParseAlternation();
            if (_at != pattern.Length)
            {
                throw new NotSupportedException($"Unbalanced ')' at {_at}.");
            }

            return result;
        }

        private Summary ParseAlternation()
        {
            var branches = new List<Summary> { ParseSequence() };
            while (Peek() == '|')
            {
                _at++;
                branches.Add(ParseSequence());
            }

            return branches.Count == 1 ? branches[0] : Summary.Alternate(branches);
        }

        private Summary ParseSequence()
        {
            var result = Summary.Empty;
            while (_at < pattern.Length && Peek() is not ('|' or ')'))
            {
                var atom = TryReadLiteralRun() ?? ParseAtom();
                result = Summary.Concat(result, ParseQuantifier(atom));
            }

            return result;
        }

        /// <summary>
        /// Reads a run of plain characters ("anthrax ") as one atom, so a literal after an unknown part ("\w+ anthrax")
        /// is still seen whole; a quantified last character ("bombs?") is left for the next atom.
        /// </summary>
        private Summary? TryReadLiteralRun()
        {
            var end = _at;
            while (end < pattern.Length && !IsSpecial(pattern[end]))
            {
                end++;
            }

            if (end < pattern.Length && pattern[end] is '?' or '*' or '+' or '{')
            {
                end--;
            }

            if (end - _at < 2)
            {
                return null;
            }

            var run = pattern[_at..end];
            _at = end;
            return Summary.OfExact([run]);
        }

        private static bool IsSpecial(char c) => c is '\\' or '(' or ')' or '[' or ']' or '|' or '?' or '*' or '+' or '{' or '^' or '$' or '.';

        private Summary ParseQuantifier(Summary atom)
        {
            int min, max;
            switch (Peek())
            {
                case '?': (min, max) = (0, 1); _at++; break;
                case '*': (min, max) = (0, int.MaxValue); _at++; break;
                case '+': (min, max) = (1, int.MaxValue); _at++; break;
                case '{' when TryReadBraces(out min, out max): break;
                default: return atom;
            }

            if (Peek() == '?')
            {
                _at++; // lazy: the same strings match
            }

            if (Peek() is '?' or '*' or '+')
            {
                throw new NotSupportedException("Nested quantifier.");
            }

            return Summary.Repeat(atom, min, max);
        }

        private bool TryReadBraces(out int min, out int max)
        {
            (min, max) = (0, 0);
            var close = pattern.IndexOf('}', _at);
            if (close < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(_at + 1, close - _at - 1);
            var comma = body.IndexOf(',');
            var first = comma < 0 ? body : body[..comma];
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out min))
            {
                return false;
            }

            if (comma < 0)
            {
                max = min;
            }
            else if (comma == body.Length - 1)
            {
                max = int.MaxValue;
            }
            else if (!int.TryParse(body[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                return false;
            }

            _at = close + 1;
            return true;
        }

        private Summary ParseAtom()
        {
            var c = pattern[_at++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    return ParseClass();
                case '\\':
                    return ParseEscape();
                case '^' or '$':
                    return Summary.Empty;
                case '.':
                    return Summary.Unknown;
                case '*' or '+' or '?':
                    throw new NotSupportedException("Quantifier without an atom.");
                default:
                    return Summary.OfExact([c.ToString()]);
            }
        }

        private Summary ParseGroup()
        {
            if (Peek() == '?')
            {
                _at++;
                var kind = Peek();
                if (kind == ':')
                {
                    _at++;
                }
                else if (kind is '=' or '!' || (kind == '<' && _at + 1 < pattern.Length && pattern[_at + 1] is '=' or '!'))
                {
                    // Look-arounds consume nothing: the group as a whole matches the empty string.
                    _at += kind == '<' ? 2 : 1;
                    _ = ParseAlternation();
                    Expect(')');
                    return Summary.Empty;
                }
                else if (kind is '<' or '\'')
                {
                    var end = pattern.IndexOf(kind == '<' ? '>' : '\'', _at + 1);
                    if (end < 0)
                    {
                        throw new NotSupportedException("Unterminated group name.");
                    }

                    _at = end + 1;
                }
                else
                {
                    throw new NotSupportedException("Inline options and other group kinds are not analysed.");
                }
            }

            var inner = ParseAlternation();
            Expect(')');
            return inner;
        }

        private Summary ParseClass()
        {
            var chars = new HashSet<string>();
            var known = Peek() != '^';
            var first = true;
            while (_at < pattern.Length && (pattern[_at] != ']' || first))
            {
                first = false;
                var c = pattern[_at++];
                if (c == '\\')
                {
                    var escaped = ClassEscape();
                    if (escaped is null)
                    {
                        known = false;
                        continue;
                    }

                    c = escaped.Value;
                }
                else if (c == '[')
                {
                    throw new NotSupportedException("Class subtraction is not analysed.");
                }

                if (Peek() == '-' && _at + 1 < pattern.Length && pattern[_at + 1] != ']')
                {
                    _at++;
                    var to = pattern[_at++];
                    if (to == '\\')
                    {
                        to = ClassEscape() ?? throw new NotSupportedException("Range to a class escape.");
                    }

                    if (to - c >= MaxClassSize)
                    {
                        known = false;
                        continue;
                    }

                    for (var x = c; x <= to; x++)
                    {
                        chars.Add(x.ToString());
                    }

                    continue;
                }

                chars.Add(c.ToString());
            }

            Expect(']');
            return known && chars.Count is > 0 and <= MaxClassSize ? Summary.OfExact(chars) : Summary.Unknown;
        }

        /// <summary>A single character escaped inside a class, or null for a class escape such as <c>\w</c>.</summary>
        private char? ClassEscape()
        {
            var c = pattern[_at++];
            return c switch
            {
                'w' or 'W' or 's' or 'S' or 'd' or 'D' => null,
                'p' or 'P' => SkipProperty(),
                'b' => '\b',
                _ => Literal(c),
            };
        }

        private Summary ParseEscape()
        {
            if (_at >= pattern.Length)
            {
                throw new NotSupportedException("Trailing backslash.");
            }

            var c = pattern[_at++];
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return Summary.Empty;
                case 'w' or 'W' or 's' or 'S' or 'd' or 'D':
                    return Summary.Unknown;
                case 'p' or 'P':
                    SkipProperty();
                    return Summary.Unknown;
                default:
                    return Summary.OfExact([Literal(c).ToString()]);
            }
        }

        private char? SkipProperty()
        {
            var close = pattern.IndexOf('}', _at);
            _at = close < 0 ? throw new NotSupportedException("Unterminated \\p{...}.") : close + 1;
            return null;
        }

        /// <summary>The character an escape such as <c>\.</c>, <c>\n</c> or <c>\u00e9</c> stands for.</summary>
        private char Literal(char c)
        {
            switch (c)
            {
                case 'n': return '\n';
                case 't': return '\t';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'v': return '\v';
                case 'e': return '\u001B';
                case 'a': return '\u0007';
                case 'x': return Hex(2);
                case 'u': return Hex(4);
            }

            if (char.IsLetterOrDigit(c))
            {
                // Back-references, \k, \c and the like are outside the subset.
                throw new NotSupportedException($"Escape \\{c} is not analysed.");
            }

            return c;
        }

        private char Hex(int digits)
        {
            if (_at + digits > pattern.Length
                || !int.TryParse(pattern.AsSpan(_at, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                throw new NotSupportedException("Bad hex escape.");
            }

            _at += digits;
            return (char)value;
        }

        private char Peek() => _at < pattern.Length ? pattern[_at] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new NotSupportedException($"Expected '{c}' at {_at}.");
            }

            _at++;
        }
    }
}
