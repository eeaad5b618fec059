namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// The clauses of a turn, for reading each one alone: a sentence ends at <c>. ! ? ;</c> or a line break, and a
/// sentence splits again at a comma or at " but ".
/// </summary>
internal static class Clauses
{
    private static readonly char[] SentenceEnds = ['.', '!', '?', ';', '\n', '\r'];

    /// <summary>
    /// The distinct clauses of <paramref name="text"/> of at least <paramref name="minWords"/> words; none when the turn
    /// is a single clause (its own reading already covers it).
    /// </summary>
    public static IReadOnlyList<string> Of(string text, int minWords)
    {
        var pieces = new List<string>();
        foreach (var sentence in text.Split(SentenceEnds, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var part in sentence.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                pieces.AddRange(part.Split(" but ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        if (pieces.Count < 2)
        {
            return [];
        }

        return [.. pieces.Where(p => EnglishGate.CountWords(p) >= minWords).Distinct(StringComparer.Ordinal)];
    }
}
