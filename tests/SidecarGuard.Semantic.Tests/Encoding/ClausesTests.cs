using SidecarGuard.Semantic.Encoding;

namespace SidecarGuard.Semantic.Tests.Encoding;

public sealed class ClausesTests
{
    [Fact]
    public void A_Turn_Splits_At_Sentence_Ends_Commas_And_But()
    {
        var clauses = Clauses.Of("leave me alone you useless thing. i have made up my mind, tonight is the night but nobody knows it yet", minWords: 3);
        Assert.Equal(["leave me alone you useless thing", "i have made up my mind", "tonight is the night", "nobody knows it yet"], clauses);
    }

    [Fact]
    public void Clauses_Shorter_Than_Asked_Are_Left_Out()
    {
        Assert.Equal(["i'm going to swallow all my pills anyway"], Clauses.Of("f*** you, stupid bot, i'm going to swallow all my pills anyway", minWords: 5));
    }

    [Theory]
    [InlineData("how do I reset my router password")]
    [InlineData("how do I reset my router password?")]
    [InlineData("")]
    public void A_Single_Clause_Gives_Nothing_To_Read_Again(string text) => Assert.Empty(Clauses.Of(text, minWords: 1));

    [Fact]
    public void A_Repeated_Clause_Is_Read_Once() =>
        Assert.Equal(["you are a useless bot"], Clauses.Of("you are a useless bot! you are a useless bot!", minWords: 2));
}
