using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.LlamaGuard;

namespace SidecarGuard.Judges.Tests.LlamaGuard;

public sealed class LlamaGuardAnswerTests
{
    [Theory]
    [InlineData("safe")]
    [InlineData("  Safe \n")]
    [InlineData("\nsafe\n")]
    public void Safe_In_Any_Case_And_Spacing_Is_Safe(string answer) => Assert.Same(JudgeVerdict.Safe, LlamaGuardAnswer.Parse(answer));

    [Fact]
    public void Codes_On_The_First_Line_Are_Read_Too()
    {
        var verdict = LlamaGuardAnswer.Parse("unsafe S10");
        Assert.Equal(HarmCategories.Hate, Assert.Single(verdict.Categories).Name);
    }

    [Fact]
    public void Codes_With_Spaces_And_Duplicated_Categories_Give_One_Score_Each()
    {
        var verdict = LlamaGuardAnswer.Parse("unsafe\nS1, S3 ,S11");
        Assert.Equal([HarmCategories.Violence, HarmCategories.SelfHarm], verdict.Categories.Select(c => c.Name));
        Assert.True(verdict.AtRisk);
    }

    [Fact]
    public void Unknown_Codes_In_The_Right_Shape_Are_Ignored() =>
        Assert.Equal(HarmCategories.Sexual, Assert.Single(LlamaGuardAnswer.Parse("unsafe\nS15,S12").Categories).Name);

    [Theory]
    [InlineData("unsafe\nS")]
    [InlineData("unsafe\nX1")]
    [InlineData("unsafe\nS1234")]
    [InlineData("I cannot classify this")]
    public void Anything_Else_Is_Malformed(string answer) =>
        Assert.Throws<JudgeUnavailableException>(() => LlamaGuardAnswer.Parse(answer));
}
