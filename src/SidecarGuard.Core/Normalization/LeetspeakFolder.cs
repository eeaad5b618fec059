namespace SidecarGuard.Core.Normalization;

/// <summary>
/// Folds leetspeak ("k1ll", "b0mb", "$hit") to letters, but only inside words that already contain letters.
/// Numbers ("2024", "$5"), number-plus-unit words ("10am", "3rd", "100kg") and digit runs that are not all
/// look-alikes ("covid19", "user123") are left as they are.
/// </summary>
internal static class LeetspeakFolder
{
    private const int MaxUnitSuffix = 3;

    /// <summary>Whether <paramref name="c"/> can stand in for a letter.</summary>
    public static bool IsLeetCharacter(char c) => c is '0' or '1' or '3' or '4' or '5' or '7' or '@' or '$' or '!';

    /// <summary>Folds leetspeak in place. The length never changes; it is returned for symmetry with other stages.</summary>
    public static int Fold(Span<char> text)
    {
        var start = 0;
        while (start < text.Length)
        {
            if (!IsSegmentChar(text, start))
            {
                start++;
                continue;
            }

            var end = start + 1;
            while (end < text.Length && IsSegmentChar(text, end))
            {
                end++;
            }

            FoldSegment(text[start..end]);
            start = end;
        }

        return text.Length;
    }

    /// <summary>Letters and digits always belong to a word; '@' and '$' only next to one; '!' only between two.</summary>
    private static bool IsSegmentChar(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        var before = i > 0 && char.IsLetterOrDigit(text[i - 1]);
        var after = i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
        return c switch
        {
            '@' or '$' => before || after,
            '!' => before && after,
            _ => false,
        };
    }

    private static void FoldSegment(Span<char> word)
    {
        if (!ContainsLetter(word) || IsNumberWithUnit(word))
        {
            return;
        }

        var i = 0;
        while (i < word.Length)
        {
            if (char.IsAsciiDigit(word[i]))
            {
                var runEnd = i;
                var allLookAlikes = true;
                while (runEnd < word.Length && char.IsAsciiDigit(word[runEnd]))
                {
                    allLookAlikes &= IsLeetCharacter(word[runEnd]);
                    runEnd++;
                }

                if (allLookAlikes)
                {
                    FoldRange(word, i, runEnd);
                }

                i = runEnd;
            }
            else
            {
                if (IsLeetCharacter(word[i]))
                {
                    FoldRange(word, i, i + 1);
                }

                i++;
            }
        }
    }

    private static void FoldRange(Span<char> word, int from, int to)
    {
        var previousWasOne = false;
        for (var i = from; i < to; i++)
        {
            var doubledOne = word[i] == '1' && (previousWasOne || (i + 1 < to && word[i + 1] == '1'));
            previousWasOne = word[i] == '1';
            word[i] = word[i] switch
            {
                '0' => 'o',
                // A lone "1" is an i ("k1ll", "su1c1de", "l1ke"); a doubled one is an l ("ki11", "a11", "pi11s"),
                // since "ll" is common in English and "ii" is not.
                '1' => doubledOne ? 'l' : 'i',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' => 't',
                '!' => 'i',
                var other => other,
            };
        }
    }

    private static bool ContainsLetter(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"10am", "3rd", "100kg": digits then a short letter suffix and nothing else.</summary>
    private static bool IsNumberWithUnit(ReadOnlySpan<char> word)
    {
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        var suffix = word[digits..];
        if (suffix.Length > MaxUnitSuffix)
        {
            return false;
        }

        foreach (var c in suffix)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }
}
