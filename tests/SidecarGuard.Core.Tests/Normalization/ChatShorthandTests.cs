using SidecarGuard.Core.Normalization;

namespace SidecarGuard.Core.Tests.Normalization;

/// <summary>Chat shorthand is spelled out through <see cref="TextNormalizer"/>, and only where it is shorthand.</summary>
public sealed class ChatShorthandTests
{
    [Theory]
    [InlineData("r u there", "are you there")]
    [InlineData("u r a joke", "you are a joke")]
    [InlineData("wat r they doing", "what are they doing")]
    [InlineData("hw 2 fix my bike", "how to fix my bike")]
    [InlineData("i need 2 know now", "i need to know now")]
    [InlineData("going 2 the shop", "going to the shop")]
    [InlineData("thanks 4 the help", "thanks for the help")]
    [InlineData("a present 4 my mum", "a present for my mum")]
    [InlineData("any recipe 4 bread?", "any recipe for bread?")]
    [InlineData("ppl r weird", "people are weird")]
    [InlineData("c u 2nite", "c you tonight")]
    [InlineData("see ya tmrw", "see ya tomorrow")]
    [InlineData("back l8r, gr8 chat", "back later, great chat")]
    [InlineData("every1 left b4 me", "everyone left before me")]
    [InlineData("coffee w/ milk", "coffee with milk")]
    [InlineData("coffee w/o milk", "coffee without milk")]
    [InlineData("tea w/lemon", "tea with lemon")]
    [InlineData("fish n chips", "fish and chips")]
    [InlineData("a walk w my dog", "a walk with my dog")]
    [InlineData("i'll never b good at this", "i'll never be good at this")]
    [InlineData("idk wat 2 do", "i don't know what to do")]
    [InlineData("wanna b there", "wanna be there")]
    [InlineData("smth abt my bf", "something about my boyfriend")]
    [InlineData("HW 2 DO THIS", "how to do this")]
    [InlineData("h0w 2 f1x it", "how to fix it")]
    public void Spells_Out_Shorthand(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("buy 2 apples")]
    [InlineData("kill 4 people")]
    [InlineData("2 + 2 = 4")]
    [InlineData("it costs 4 dollars")]
    [InlineData("the score was 2 4")]
    [InlineData("chapter 2 is long")]
    [InlineData("we have 2 kids")]
    [InlineData("plan b is fine")]
    [InlineData("vitamin b and c")]
    [InlineData("the letter r")]
    [InlineData("r/news has it")]
    [InlineData("u/someone posted")]
    [InlineData("version 2.5 is out")]
    [InlineData("press w to move")]
    [InlineData("n = 5")]
    [InlineData("siete")]
    [InlineData("hugs")]
    [InlineData("bus 4b leaves")]
    [InlineData("ways of life")]
    [InlineData("4-6 weeks")]
    public void Leaves_Ordinary_Text_Alone(string input) =>
        Assert.Equal(input, TextNormalizer.Normalize(input));

    [Theory]
    [InlineData("u u u u u u u u u u u u u u u u u u u u")]
    [InlineData("idk,idk,idk,idk,idk,idk,idk,idk,idk,idk,idk,idk,idk,idk")]
    [InlineData("w/o")]
    [InlineData("w/")]
    [InlineData("u")]
    [InlineData("2")]
    public void Growth_Never_Overruns_Its_Buffer(string input)
    {
        var normalized = TextNormalizer.Normalize(input);
        Assert.False(string.IsNullOrEmpty(normalized));
    }

    [Fact]
    public void Runs_Before_Spaced_Letters_Are_Joined_And_Leetspeak_Is_Folded()
    {
        // "u r a" would otherwise become one word, and "b4" would fold to "ba".
        Assert.Equal("you are a fool", TextNormalizer.Normalize("u r a fool"));
        Assert.Equal("before", TextNormalizer.Normalize("b4"));
        Assert.Equal("k1ll".Length, TextNormalizer.Normalize("k1ll").Length);
    }
}
