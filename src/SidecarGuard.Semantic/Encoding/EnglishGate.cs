namespace SidecarGuard.Semantic.Encoding;

/// <summary>
/// Whether a turn reads as English, which is what the encoder was trained on: more common English function words
/// than Spanish, French, German or Portuguese ones. On other languages the encoder's features are close to noise
/// (measured: the heads' false SUPPORT on short French and Portuguese confirmations), so the semantic stage stands
/// aside there and the multilingual lexicons judge alone.
/// </summary>
internal static class EnglishGate
{
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from", "by", "about", "into",
        "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "will", "would", "can",
        "could", "should", "how", "what", "why", "when", "where", "which", "who", "i", "you", "he", "she", "it", "we",
        "they", "me", "my", "your", "his", "her", "our", "their", "this", "that", "these", "those", "not", "no", "yes",
        "just", "so", "if", "then", "than", "all", "any", "some", "much", "many", "more", "most", "make", "get", "want",
        "tell", "give", "write", "help", "please", "im", "dont", "u", "ur", "pls", "wanna", "gonna", "its", "youre",
    };

    private static readonly HashSet<string> Other = new(StringComparer.Ordinal)
    {
        // Spanish
        "el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "es", "por", "para", "con", "como", "cómo",
        "quiero", "puedo", "eres", "estoy", "sí", "yo", "tu", "mi", "muy", "pero", "más", "qué", "esta", "este",
        // French
        "le", "les", "des", "du", "et", "est", "une", "je", "tu", "il", "elle", "nous", "vous", "pour", "avec", "comment",
        "oui", "pas", "ne", "suis", "veux", "cette", "ce", "mon", "ma", "mes", "moi", "qui", "dans", "sur",
        // German
        "der", "die", "das", "und", "ist", "ich", "du", "nicht", "ein", "eine", "mit", "wie", "was", "bitte", "ja",
        "zu", "auf", "für", "mich", "mir", "dich", "bin", "sind", "den", "dem", "kann", "will", "noch",
        // Portuguese
        "o", "os", "as", "um", "uma", "não", "você", "eu", "sim", "com", "para", "por", "tenho", "quero", "isso", "esta",
        "essa", "meu", "minha", "é", "são", "uma", "fazer", "como", "mais", "nao", "voce",
    };

    /// <summary>Whether <paramref name="text"/> reads as English (ties count as not English only when both lists hit).</summary>
    public static bool IsEnglish(string text)
    {
        int english = 0, other = 0;
        foreach (var raw in text.Split([' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('\'', '’', '-', '*').ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal);
            english += English.Contains(word) ? 1 : 0;
            other += Other.Contains(word) ? 1 : 0;
        }

        return english > other || (english == 0 && other == 0);
    }

    /// <summary>Number of words in <paramref name="text"/> (runs of letters or digits).</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            words += letter && !inWord ? 1 : 0;
            inWord = letter;
        }

        return words;
    }
}
