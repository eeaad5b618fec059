using System.Text.RegularExpressions;

namespace SidecarGuard.Core.Detection;

/// <summary>Regex evaluation shared by the lexicons.</summary>
internal static class RegexMatching
{
    /// <summary>Characters of context a pattern may need on each side of its anchor word.</summary>
    public const int WindowRadius = 240;

    /// <summary>A pattern that times out counts as not matching: a slow pattern must not stall the turn.</summary>
    public static bool IsMatch(Regex regex, ReadOnlySpan<char> text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// The window of <see cref="WindowRadius"/> characters around [<paramref name="start"/>, <paramref name="end"/>),
    /// widened to whole words so word boundaries at its edges are the same as in the full text.
    /// </summary>
    public static (int From, int To) Window(ReadOnlySpan<char> text, int start, int end)
    {
        var from = Math.Max(0, start - WindowRadius);
        while (from > 0 && text[from - 1] != ' ')
        {
            from--;
        }

        var to = Math.Min(text.Length, end + WindowRadius);
        while (to < text.Length && text[to] != ' ')
        {
            to++;
        }

        return (from, to);
    }
}
