using System.Collections.Frozen;

namespace SidecarGuard.Core.Normalization;

/// <summary>
/// Lower-case Cyrillic and Greek letters that render like Latin ones, plus typographic apostrophes and quotes,
/// mapped to the ASCII character a lexicon would use. Small on purpose: only look-alikes seen in evasion attempts.
/// </summary>
internal static class HomoglyphTable
{
    private static readonly FrozenDictionary<char, char> Map = new Dictionary<char, char>
    {
        // Cyrillic
        ['а'] = 'a', ['в'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['і'] = 'i',
        ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['н'] = 'h', ['о'] = 'o', ['р'] = 'p',
        ['ԛ'] = 'q', ['ѕ'] = 's', ['т'] = 't', ['у'] = 'y', ['х'] = 'x', ['ԝ'] = 'w', ['ь'] = 'b', ['п'] = 'n',
        // Greek
        ['α'] = 'a', ['β'] = 'b', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['μ'] = 'u', ['ν'] = 'v',
        ['ο'] = 'o', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['γ'] = 'y', ['ω'] = 'w', ['ς'] = 's',
        // Typography that would break contractions ("don’t") and quoting.
        ['\u2018'] = '\'', ['\u2019'] = '\'', ['\u02BC'] = '\'', ['\u2032'] = '\'', ['\u00B4'] = '\'',
        ['\u201C'] = '"', ['\u201D'] = '"', ['\u2013'] = '-', ['\u2014'] = '-', ['\u2212'] = '-',
    }.ToFrozenDictionary();

    /// <summary>Returns the Latin look-alike of <paramref name="c"/>, or <paramref name="c"/> itself.</summary>
    public static char Fold(char c) => Map.TryGetValue(c, out var folded) ? folded : c;
}
