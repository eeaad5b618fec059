using System.Text;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>
/// Rewrites a turn the way evasion attempts do, deterministically per row: in every word of four or more letters
/// one of leetspeak, letters spaced with a separator, zero-width characters, Cyrillic/Greek look-alikes or mixed
/// case, chosen in turn; shorter words are left alone so the sentence stays readable.
/// </summary>
internal static class Obfuscator
{
    private const int MinWordLength = 4;

    private static readonly Dictionary<char, char> Leet = new() { ['a'] = '4', ['e'] = '3', ['i'] = '1', ['o'] = '0', ['s'] = '5', ['t'] = '7' };

    private static readonly Dictionary<char, char> Homoglyphs = new()
    {
        ['a'] = 'а', ['c'] = 'с', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['x'] = 'х', ['y'] = 'у', ['i'] = 'і', ['k'] = 'κ', ['t'] = 'τ',
    };

    private static readonly char[] Separators = ['.', '-', '*'];

    /// <summary>The obfuscated form of <paramref name="text"/>; <paramref name="seed"/> picks where the cycle starts.</summary>
    public static string Obfuscate(string text, int seed)
    {
        var output = new StringBuilder(text.Length * 2);
        var word = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetter(text[i]))
            {
                output.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var letters = text.AsSpan(start, i - start);
            if (letters.Length < MinWordLength)
            {
                output.Append(letters);
                continue;
            }

            Rewrite(output, letters, (seed + word++) % 5);
        }

        return output.ToString();
    }

    private static void Rewrite(StringBuilder output, ReadOnlySpan<char> word, int technique)
    {
        for (var k = 0; k < word.Length; k++)
        {
            var c = word[k];
            var lower = char.ToLowerInvariant(c);
            switch (technique)
            {
                case 0:
                    output.Append(k > 0 && Leet.TryGetValue(lower, out var digit) ? digit : c);
                    break;
                case 1:
                    output.Append(c);
                    if (k < word.Length - 1)
                    {
                        output.Append(Separators[word.Length % Separators.Length]);
                    }

                    break;
                case 2:
                    output.Append(c);
                    if (k < word.Length - 1 && k % 2 == 0)
                    {
                        output.Append('\u200B');
                    }

                    break;
                case 3:
                    output.Append(Homoglyphs.TryGetValue(lower, out var glyph) && k % 2 == 1 ? glyph : c);
                    break;
                default:
                    output.Append(k % 2 == 0 ? char.ToUpperInvariant(c) : lower);
                    break;
            }
        }
    }
}
