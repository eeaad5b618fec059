using System.Buffers;
using System.Collections.Frozen;

namespace SidecarGuard.Core.Normalization;

/// <summary>
/// Spells out English chat shorthand ("u", "ppl", "2nite", "how 2 make", "a gun n a plan") as the words the lexicons'
/// patterns and the sentence encoder read, so "hw 2 build a bomb 4 a crowd" reads as "how to build a bomb for a crowd".
/// </summary>
/// <remarks>
/// <para>Only whole words are rewritten, and only words that are not ordinary words of our five languages. A word next
/// to '/', '.', '@', '#', '_' or '-' is left alone ("r/news", "u/name", "2.5", "4-6", "#2"), except "w/" and "w/o".</para>
/// <para>The ambiguous ones need their neighbours: "2" is "to" and "4" is "for" only between words, with a word that
/// asks for them on one side ("how 2 make", "2 the mall", "4 a crowd", "recipe 4 ricin"; "buy 2 apples" and "kill 4
/// people" keep their numbers); "r" is "are" beside a pronoun or question word ("r u", "what r"); "n" is "and" between
/// two words; "w" is "with" before an article or pronoun ("w a truck", not "press w to jump"); "b" is "be" after a
/// modal or "to" ("wanna b here").</para>
/// <para>Runs before spaced letters are joined ("u r a" would otherwise become one word) and before leetspeak is folded
/// (which would read "b4" as "ba" and "every1" as "everyi").</para>
/// </remarks>
internal static class ChatShorthand
{
    /// <summary>The longest word the table holds; longer words are never looked up.</summary>
    private const int MaxWordLength = 7;

    /// <summary>The longest neighbour looked up in a context set (the sets' words are shorter).</summary>
    private const int MaxNeighbourLength = 16;

    private static readonly SearchValues<char> LeetCharacters = SearchValues.Create("013457@$!");

    private static readonly FrozenDictionary<string, string> Words = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["u"] = "you",
        ["ur"] = "your",
        ["ppl"] = "people",
        ["pls"] = "please",
        ["plz"] = "please",
        ["pleez"] = "please",
        ["thx"] = "thanks",
        ["thnx"] = "thanks",
        ["wat"] = "what",
        ["wut"] = "what",
        ["wht"] = "what",
        ["hw"] = "how",
        ["wen"] = "when",
        ["whn"] = "when",
        ["wher"] = "where",
        ["whr"] = "where",
        ["thru"] = "through",
        ["tho"] = "though",
        ["enuf"] = "enough",
        ["enuff"] = "enough",
        ["nite"] = "night",
        ["tonite"] = "tonight",
        ["2nite"] = "tonight",
        ["2night"] = "tonight",
        ["2nyt"] = "tonight",
        ["tmrw"] = "tomorrow",
        ["tmr"] = "tomorrow",
        ["tmrrw"] = "tomorrow",
        ["2moro"] = "tomorrow",
        ["2morow"] = "tomorrow",
        ["2morrow"] = "tomorrow",
        ["2mrw"] = "tomorrow",
        ["tomoro"] = "tomorrow",
        ["2day"] = "today",
        ["l8r"] = "later",
        ["l8er"] = "later",
        ["b4"] = "before",
        ["gr8"] = "great",
        ["h8"] = "hate",
        ["w8"] = "wait",
        ["str8"] = "straight",
        ["2gether"] = "together",
        ["4ever"] = "forever",
        ["every1"] = "everyone",
        ["evry1"] = "everyone",
        ["some1"] = "someone",
        ["sum1"] = "someone",
        ["any1"] = "anyone",
        ["ne1"] = "anyone",
        ["noone"] = "no one",
        ["coz"] = "because",
        ["bcuz"] = "because",
        ["becuz"] = "because",
        ["bcoz"] = "because",
        ["smth"] = "something",
        ["sth"] = "something",
        ["smthng"] = "something",
        ["nthng"] = "nothing",
        ["abt"] = "about",
        ["rn"] = "right now",
        ["idk"] = "i don't know",
        ["idc"] = "i don't care",
        ["srsly"] = "seriously",
        ["prolly"] = "probably",
        ["probly"] = "probably",
        ["rly"] = "really",
        ["bf"] = "boyfriend",
        ["gf"] = "girlfriend",
        ["imma"] = "i'm going to",
        ["ima"] = "i'm going to",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> WordLookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A filter over every word that may be rewritten, by its length and first and last characters: most words of a
    /// turn miss it and are never looked up (a dictionary lookup per word cost as much as the rest of normalisation).
    /// </summary>
    private static readonly ulong[] Candidates = BuildCandidates();

    /// <summary>
    /// What one rewrite can add to the text at most: the table's longest growth ("idk" → "i don't know"), or "w/o" →
    /// "without" and a one-letter word → a three-letter one.
    /// </summary>
    private static readonly int MaxGrowthPerWord = Math.Max(4, Words.Max(pair => pair.Value.Length - pair.Key.Length));

    /// <summary>
    /// Words after which a "2" is "to": ways, wants and plans ("how 2 make", "need 2 know"). Words as often followed
    /// by a count ("have 2 kids", "give me 2", "about 2 hours") are not here.
    /// </summary>
    private static readonly FrozenSet<string> BeforeTo = FrozenSet.Create(StringComparer.Ordinal,
        "how", "hw", "way", "ways", "want", "wanna", "wants", "need", "needs", "going", "gonna", "trying", "try", "tryna",
        "able", "easy", "easiest", "hard", "where", "what", "wat", "plan", "planning", "decided", "ready", "wanted",
        "started", "allowed", "supposed");

    /// <summary>
    /// Words before which a "2" is "to" and a "4" is "for": articles, pronouns, possessives ("2 the mall", "4 a
    /// crowd"). Never a noun: "kill 4 ppl" keeps its number.
    /// </summary>
    private static readonly FrozenSet<string> Determiners = FrozenSet.Create(StringComparer.Ordinal,
        "a", "an", "the", "my", "me", "u", "you", "ur", "your", "him", "her", "his", "them", "their", "us", "our", "this",
        "that", "these", "those", "it", "its", "some", "every", "all", "any", "real", "sure", "free", "like", "ever",
        "everyone", "every1", "someone", "some1", "anyone", "any1");

    /// <summary>
    /// Words after which a "4" is "for": what one asks or looks for ("recipe 4 ricin", "looking 4 help"). Words as
    /// often followed by a count ("need 4 eggs", "wait 4 hours", "use 4 cups") are not here.
    /// </summary>
    private static readonly FrozenSet<string> BeforeFor = FrozenSet.Create(StringComparer.Ordinal,
        "recipe", "recipes", "instructions", "guide", "tips", "ideas", "idea", "steps", "plan", "ready", "looking",
        "look", "ask", "asking", "asked", "search", "searching", "thanks", "thx", "sorry", "tool", "tools", "method",
        "methods", "reason");

    /// <summary>Words beside which an "r" is "are" ("r u ok", "what r they", "ppl r mean").</summary>
    private static readonly FrozenSet<string> BesideAre = FrozenSet.Create(StringComparer.Ordinal,
        "u", "you", "we", "they", "ya", "there", "what", "wat", "how", "hw", "who", "where", "why", "these", "those",
        "ppl", "people", "ur", "your", "things", "we're");

    /// <summary>Words after which a "b" is "be" ("wanna b here", "will b gone").</summary>
    private static readonly FrozenSet<string> BeforeBe = FrozenSet.Create(StringComparer.Ordinal,
        "to", "2", "wanna", "gonna", "gotta", "will", "would", "could", "should", "might", "must", "not", "never", "cant",
        "can't", "wont", "won't", "may", "shall", "just", "ll", "i'll", "u'll", "you'll", "it'll", "dont", "don't");

    /// <summary>
    /// Rewrites the shorthand in the first <paramref name="length"/> characters of <paramref name="buffer"/> (lower
    /// case, single spaces: the output of the character fold). When something is rewritten the text is written into a
    /// new buffer rented from <see cref="ArrayPool{T}.Shared"/>, the old one is returned to the pool, and
    /// <paramref name="buffer"/> and <paramref name="length"/> are updated; otherwise nothing changes.
    /// </summary>
    public static void Expand(ref char[] buffer, ref int length)
    {
        var text = buffer.AsSpan(0, length);
        var first = FirstRewrite(text);
        if (first < 0)
        {
            return;
        }

        var output = ArrayPool<char>.Shared.Rent(length + (MaxGrowthPerWord * CountWords(text)) + 1);
        text[..first].CopyTo(output);
        var written = first;
        var at = first;
        while (at < text.Length)
        {
            if (!IsWordChar(text[at]))
            {
                output[written++] = text[at++];
                continue;
            }

            var end = WordEnd(text, at);
            if (IsCandidate(text[at..end]) && Rewrite(text, at, end, out var consumed) is { } replacement)
            {
                replacement.CopyTo(output.AsSpan(written));
                written += replacement.Length;
                at = consumed;
            }
            else
            {
                text[at..end].CopyTo(output.AsSpan(written));
                written += end - at;
                at = end;
            }
        }

        ArrayPool<char>.Shared.Return(buffer);
        buffer = output;
        length = written;
    }

    /// <summary>Where the first word to rewrite begins; -1 when there is none (most turns: nothing is copied).</summary>
    private static int FirstRewrite(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length)
        {
            if (!IsWordChar(text[at]))
            {
                at++;
                continue;
            }

            var end = WordEnd(text, at);
            if (IsCandidate(text[at..end]) && Rewrite(text, at, end, out _) is not null)
            {
                return at;
            }

            at = end;
        }

        return -1;
    }

    /// <summary>
    /// What the word <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>] becomes, or null when
    /// it stays; <paramref name="consumed"/> is where the text after the rewrite resumes ("w/o" takes its slash and o).
    /// </summary>
    private static string? Rewrite(ReadOnlySpan<char> text, int start, int end, out int consumed)
    {
        consumed = end;
        var word = text[start..end];
        if (word.Length > MaxWordLength)
        {
            return null;
        }

        var before = start > 0 ? text[start - 1] : ' ';
        var after = end < text.Length ? text[end] : ' ';
        if (word is "w" && after == '/' && IsBoundaryOrSpace(text, start - 1))
        {
            if (end + 2 <= text.Length && text[end + 1] == 'o' && (end + 2 == text.Length || !IsWordChar(text[end + 2])))
            {
                consumed = end + 2;
                return "without";
            }

            consumed = end + 1;
            return end + 1 < text.Length && text[end + 1] != ' ' ? "with " : "with";
        }

        if (IsAttached(before) || IsAttached(after))
        {
            return null;
        }

        if (WordLookup.TryGetValue(word, out var spelled))
        {
            return spelled;
        }

        if (word.Length != 1)
        {
            return null;
        }

        var previous = PreviousWord(text, start);
        var next = NextWord(text, end);
        return word[0] switch
        {
            '2' when IsLetterWord(next) && (In(BeforeTo, previous) || In(Determiners, next)) => "to",
            '4' when IsLetterWord(next) && IsLetterWord(previous) && (In(BeforeFor, previous) || In(Determiners, next)) => "for",
            'r' when In(BesideAre, previous) || In(BesideAre, next) => "are",
            'n' when IsLetterWord(previous) && IsLetterWord(next) && previous.Length > 1 && next.Length > 1 => "and",
            'w' when IsLetterWord(previous) && In(Determiners, next) => "with",
            'b' when In(BeforeBe, previous) => "be",
            _ => null,
        };
    }

    private static bool IsCandidate(ReadOnlySpan<char> word)
    {
        if (word.Length > MaxWordLength)
        {
            return false;
        }

        var slot = Slot(word);
        return (Candidates[slot >> 6] & (1UL << (slot & 63))) != 0;
    }

    private static int Slot(ReadOnlySpan<char> word) => ((word.Length * 131) + (word[0] * 31) + word[^1]) & 1023;

    private static ulong[] BuildCandidates()
    {
        var bits = new ulong[1024 / 64];
        foreach (var word in Words.Keys.Append("2").Append("4").Append("r").Append("n").Append("w").Append("b"))
        {
            var slot = Slot(word);
            bits[slot >> 6] |= 1UL << (slot & 63);
        }

        return bits;
    }

    /// <summary>A character that ties a word to something that is not a sentence ("r/news", "2.5", "#2", "x_2").</summary>
    private static bool IsAttached(char c) => c is '/' or '.' or '@' or '#' or '_' or '-' or '\'' or '$' or '%' or '+' or '&';

    private static bool IsBoundaryOrSpace(ReadOnlySpan<char> text, int i) => i < 0 || !IsWordChar(text[i]);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static int WordEnd(ReadOnlySpan<char> text, int start)
    {
        var end = start + 1;
        while (end < text.Length && IsWordChar(text[end]))
        {
            end++;
        }

        return end;
    }

    /// <summary>The word just before <paramref name="start"/> when only one space separates them; empty otherwise.</summary>
    private static ReadOnlySpan<char> PreviousWord(ReadOnlySpan<char> text, int start)
    {
        if (start < 2 || text[start - 1] != ' ' || !IsWordChar(text[start - 2]))
        {
            return [];
        }

        var end = start - 1;
        var begin = end - 1;
        while (begin > 0 && (IsWordChar(text[begin - 1]) || text[begin - 1] == '\''))
        {
            begin--;
        }

        return text[begin..end];
    }

    /// <summary>The word just after <paramref name="end"/> when only one space separates them; empty otherwise.</summary>
    private static ReadOnlySpan<char> NextWord(ReadOnlySpan<char> text, int end)
    {
        if (end + 1 >= text.Length || text[end] != ' ' || !IsWordChar(text[end + 1]))
        {
            return [];
        }

        var begin = end + 1;
        var stop = begin + 1;
        while (stop < text.Length && (IsWordChar(text[stop]) || text[stop] == '\''))
        {
            stop++;
        }

        return text[begin..stop];
    }

    private static bool IsLetterWord(ReadOnlySpan<char> word) => !word.IsEmpty && char.IsLetter(word[0]);

    /// <summary>
    /// Whether <paramref name="word"/> is in <paramref name="set"/>, read as leetspeak folding will read it ("h0w 2
    /// make" is "how to make": the neighbours are looked up folded, while the shorthand itself is read before folding).
    /// </summary>
    private static bool In(FrozenSet<string> set, ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length > MaxNeighbourLength)
        {
            return false;
        }

        var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.Contains(word))
        {
            return true;
        }

        if (!word.ContainsAny(LeetCharacters))
        {
            return false;
        }

        Span<char> folded = stackalloc char[MaxNeighbourLength];
        word.CopyTo(folded);
        var length = LeetspeakFolder.Fold(folded[..word.Length]);
        return lookup.Contains(folded[..length]);
    }

    private static int CountWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var wordChar = IsWordChar(c);
            words += wordChar && !inWord ? 1 : 0;
            inWord = wordChar;
        }

        return words;
    }
}
