using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Core.Tests.Normalization;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   \t\n ", "")]
    public void Empty_Or_Blank_Input_Becomes_Empty(string? input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Lower_Cases_Invariantly() =>
        Assert.Equal("hello world", TextNormalizer.Normalize("HeLLo WORLD"));

    [Fact]
    public void Applies_Nfkc_To_Fullwidth_And_Ligatures() =>
        Assert.Equal("bomb finance", TextNormalizer.Normalize("ＢＯＭＢ ﬁnance"));

    [Theory]
    [InlineData("ki\u200Bll", "kill")]
    [InlineData("ki\u200Dl\uFEFFl", "kill")]
    [InlineData("k\u00ADi\u2060ll", "kill")]
    public void Strips_Zero_Width_And_Format_Characters(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("\u0441\u0430r\u0435", "care")] // Cyrillic с, а, е
    [InlineData("b\u03BFmb", "bomb")] // Greek omicron
    [InlineData("\u0455\u0430r\u0456n", "sarin")] // Cyrillic ѕ, а, і
    public void Folds_Cyrillic_And_Greek_Look_Alikes(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("k1ll", "kill")]
    [InlineData("ki11", "kill")]
    [InlineData("b0mb", "bomb")]
    [InlineData("$h1t", "shit")]
    [InlineData("@ss", "ass")]
    [InlineData("h4t3", "hate")]
    [InlineData("5u1c1de", "suicide")]
    [InlineData("k!ll", "kill")]
    [InlineData("7err0r", "terror")]
    [InlineData("l1ke", "like")] // a lone 1 after l, a or e is still an i
    [InlineData("c0n741n", "contain")]
    [InlineData("1n73ll1g3n7", "intelligent")]
    [InlineData("pi115", "pills")]
    [InlineData("a11", "all")]
    public void Folds_Leetspeak_Inside_Words(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("in 2024 we paid $5", "in 2024 we paid $5")]
    [InlineData("meet at 10am on the 3rd", "meet at 10am on the 3rd")]
    [InlineData("covid19 and user123", "covid19 and user123")]
    [InlineData("version 1.2.3 costs 45.00", "version 1.2.3 costs 45.00")]
    [InlineData("wow! really?", "wow! really?")]
    public void Leaves_Numbers_And_Ordinary_Punctuation_Alone(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("k i l l", "kill")]
    [InlineData("k.i.l.l", "kill")]
    [InlineData("d*o*e*s*n't", "doesn't")]
    [InlineData("c-a-n't stop", "can't stop")]
    [InlineData("k-i-l-l them", "kill them")]
    [InlineData("how to make the b o m b now", "how to make the bomb now")]
    [InlineData("k 1 l l", "kill")]
    public void Joins_Spaced_Out_Letters(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("i am a cat", "i am a cat")]
    [InlineData("e.g. this", "e.g. this")]
    [InlineData("1 2 3 go", "1 2 3 go")]
    public void Keeps_Ordinary_Short_Words_Apart(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("a   lot\t\tof\n\nspace ", "a lot of space")]
    [InlineData("kiiiiiill", "kill")]
    [InlineData("soooo good", "so good")]
    [InlineData("book keeper", "book keeper")]
    [InlineData("what!!!!!!!", "what!!!")]
    public void Collapses_Whitespace_And_Long_Repeats(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Folds_Typographic_Apostrophes() =>
        Assert.Equal("don't", TextNormalizer.Normalize("Don\u2019t"));

    [Fact]
    public void Keeps_Accented_Latin_Letters() =>
        Assert.Equal("quiero morir, ¿qué hago?", TextNormalizer.Normalize("Quiero MORIR, ¿Qué hago?"));
}
