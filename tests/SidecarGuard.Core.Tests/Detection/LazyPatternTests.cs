using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

/// <summary>
/// A lexicon pattern gets a non-backtracking automaton only once the interpreter has spent
/// <see cref="LazyPattern.AutomatonAfter"/> on it: a word the interpreter finds with a vectorised search stays
/// interpreted through many turns, an alternation of many phrases with gaps soon gets one; both engines give the same
/// answers before and after.
/// </summary>
public sealed class LazyPatternTests
{
    private static readonly string Text = string.Join(' ', Enumerable.Repeat("we walked along the river and talked about the garden for a while", 16));

    [Fact]
    public void A_Pattern_The_Interpreter_Finds_Cheaply_Stays_Interpreted()
    {
        var pattern = new LazyPattern(@"\bcathedral\b");
        for (var i = 0; i < 200; i++)
        {
            Assert.False(pattern.IsMatch(Text));
        }

        Assert.True(AutomatonBuilder.WaitUntilIdle(TimeSpan.FromMinutes(1)));
        Assert.False(pattern.HasAutomaton);
        Assert.True(pattern.IsMatch(Text + " near the cathedral"));
    }

    [Fact]
    public void A_Pattern_The_Interpreter_Finds_Slowly_Gets_An_Automaton_And_Matches_The_Same()
    {
        // Up to three words, one of many verbs, a gap of up to six words: the interpreter backtracks through all of
        // it at every word (about 0.7 ms for this kilobyte here, so the budget is spent within a few dozen calls even
        // on a machine ten times faster).
        var verbs = string.Join('|', Enumerable.Range(0, 120).Select(i => $"verb{i}"));
        var pattern = new LazyPattern($@"\b(?:[a-z]+ ){{0,3}}(?:{verbs}|walked|talked) (?:[^ ]+ ){{0,6}}(?:cathedral|museum|harbour)\b");
        for (var i = 0; i < 200 && !pattern.HasAutomaton; i++)
        {
            Assert.False(pattern.IsMatch(Text));
        }

        Assert.True(AutomatonBuilder.WaitUntilIdle(TimeSpan.FromMinutes(1)));
        Assert.True(pattern.HasAutomaton);
        Assert.False(pattern.IsMatch(Text));
        Assert.True(pattern.IsMatch("we walked along the old harbour"));
    }
}
