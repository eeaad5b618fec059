using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Tests.Detection;

public sealed class WordSpansTests
{
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var spans = new WordSpans(text);
        while (spans.MoveNext())
        {
            words.Add(spans.Current.ToString());
            Assert.Equal(spans.Current.ToString(), text[spans.Start..spans.End]);
        }

        return words;
    }

    [Fact]
    public void Words_Are_Letter_And_Digit_Runs() =>
        Assert.Equal(["don", "t", "stop", "covid19", "año"], Words("  don't stop -- covid19, año! "));

    [Fact]
    public void Empty_And_Punctuation_Only_Text_Has_No_Words()
    {
        Assert.Empty(Words(""));
        Assert.Empty(Words(" ,.!? "));
    }
}
