namespace SidecarGuard.Core.Normalization;

/// <summary>
/// Joins words spelled out one character at a time ("k i l l", "k.i.l.l", "k-1-l-l") back into one word.
/// A run needs at least three single characters, one separator kind throughout, and at least two letters,
/// so "a b" and "1 2 3" stay as they are.
/// </summary>
internal static class SpacedLetterCollapser
{
    private const int MinimumRun = 3;

    /// <summary>Collapses spaced-out runs in place and returns the new length.</summary>
    public static int Collapse(Span<char> text)
    {
        // Nearly all text has no spelled-out run: find the first place one could start, and leave everything
        // before it untouched instead of copying it onto itself.
        var first = FirstCandidate(text);
        if (first < 0)
        {
            return text.Length;
        }

        var write = first;
        var read = first;
        while (read < text.Length)
        {
            if (IsWordStart(text, read) && TryMeasureRun(text, read, out var end, out var separator))
            {
                for (var i = read; i < end; i++)
                {
                    if (text[i] != separator)
                    {
                        text[write++] = text[i];
                    }
                }

                read = end;
                continue;
            }

            text[write++] = text[read++];
        }

        return write;
    }

    /// <summary>
    /// The start of the first pair of one-character words joined by a separator ("k i", "k.1"), which every run
    /// begins with; -1 when there is none. Jumps from separator to separator with a vectorised search.
    /// </summary>
    private static int FirstCandidate(ReadOnlySpan<char> text)
    {
        var from = 1;
        while (from < text.Length - 1)
        {
            var next = text[from..^1].IndexOfAny(Separators);
            if (next < 0)
            {
                return -1;
            }

            var at = from + next;
            if (IsWordStart(text, at - 1) && IsSpellable(text[at + 1]))
            {
                return at - 1;
            }

            from = at + 1;
        }

        return -1;
    }

    private static bool IsWordStart(ReadOnlySpan<char> text, int index) =>
        IsSpellable(text[index]) && (index == 0 || !IsWordChar(text[index - 1]));

    /// <summary>
    /// Measures a run of single spellable characters joined by one repeated separator starting at
    /// <paramref name="start"/>. <paramref name="end"/> is exclusive and stops before any trailing separator.
    /// </summary>
    private static bool TryMeasureRun(ReadOnlySpan<char> text, int start, out int end, out char separator)
    {
        end = start;
        separator = start + 1 < text.Length ? text[start + 1] : '\0';
        if (!IsSeparator(separator))
        {
            return false;
        }

        var count = 0;
        var letters = 0;
        var i = start;
        while (i < text.Length && IsSpellable(text[i]))
        {
            var next = i + 1;
            // A contraction ends the run: "d.o.e.s.n't" is "doesn't", the apostrophe part kept as written.
            var single = next == text.Length || text[next] == separator || text[next] == '\'' || !IsWordChar(text[next]);
            if (!single)
            {
                break;
            }

            count++;
            letters += char.IsLetter(text[i]) ? 1 : 0;
            end = next;
            if (next + 1 >= text.Length || text[next] != separator)
            {
                break;
            }

            i = next + 1;
        }

        return count >= MinimumRun && letters >= 2;
    }

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(" .-_*,");

    private static bool IsSeparator(char c) => Separators.Contains(c);

    private static bool IsSpellable(char c) => char.IsLetter(c) || LeetspeakFolder.IsLeetCharacter(c);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '@' or '$' or '\'';
}
