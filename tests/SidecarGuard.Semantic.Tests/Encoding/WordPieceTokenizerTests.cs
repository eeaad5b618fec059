namespace SidecarGuard.Semantic.Tests.Encoding;

public class WordPieceTokenizerTests
{
    private static string Pieces(string text)
    {
        var tokenizer = SharedEncoder.Tokenizer;
        var ids = tokenizer.Tokenize(text);
        return string.Join(' ', ids.Select(id => id == tokenizer.UnknownId ? "[UNK]" : id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Words_After_A_Full_Stop_Are_Known_Words()
    {
        var ids = SharedEncoder.Tokenizer.Tokenize("It broke. Then it worked.");
        Assert.DoesNotContain(SharedEncoder.Tokenizer.UnknownId, ids);
        Assert.Equal(7, ids.Count); // it broke . then it worked .
    }

    [Fact]
    public void Case_And_Accents_Do_Not_Change_The_Pieces()
    {
        Assert.Equal(Pieces("cafe resume"), Pieces("CAFÉ Résumé"));
    }

    [Fact]
    public void A_Curly_Apostrophe_Splits_Like_A_Straight_One()
    {
        Assert.Equal(Pieces("don ' t").Split(' ').Length, Pieces("don\u2019t").Split(' ').Length);
        Assert.DoesNotContain("[UNK]", Pieces("don\u2019t"));
    }

    [Fact]
    public void Long_Words_Become_Word_Pieces_And_Control_Characters_Vanish()
    {
        var ids = SharedEncoder.Tokenizer.Tokenize("un\u200Bbelievably\u0000");
        Assert.True(ids.Count >= 2, "a rare word is split into pieces");
        Assert.DoesNotContain(SharedEncoder.Tokenizer.UnknownId, ids);
    }

    [Fact]
    public void A_Word_Longer_Than_The_Limit_Is_One_Unknown_Token()
    {
        Assert.Equal([SharedEncoder.Tokenizer.UnknownId], SharedEncoder.Tokenizer.Tokenize(new string('a', 101)));
    }
}
