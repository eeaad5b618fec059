using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.OpenAI;
using SidecarGuard.Judges.Tests.Fakes;

namespace SidecarGuard.Judges.Tests.OpenAI;

public sealed class OpenAIModerationJudgeTests : IAsyncLifetime
{
    private FakeJudgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeJudgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private OpenAIModerationJudge Judge(string? apiKey = null) => new(TestJudges.Moderation(_server), JudgeHttp.CreateClient(), apiKey);

    private void Answer(params (string, double)[] scores) =>
        _server.Respond = ctx => FakeJudgeServer.Json(ctx, FakeJudgeServer.Moderation(scores));

    private async Task<JudgeVerdict> JudgeAsync(params (string, double)[] scores)
    {
        Answer(scores);
        using var judge = Judge();
        return await judge.JudgeAsync("text", default);
    }

    private static double Score(JudgeVerdict verdict, string category) => verdict.Categories.Single(c => c.Name == category).Score;

    [Fact]
    public async Task Request_Follows_The_Moderation_Wire_Format()
    {
        using var judge = Judge(apiKey: "sk-mod");
        await judge.JudgeAsync("some text", default);
        var (path, body, authorization) = Assert.Single(_server.Requests);
        Assert.Equal("/v1/moderations", path);
        Assert.Equal("omni-moderation-latest", body.GetProperty("model").GetString());
        Assert.Equal("some text", body.GetProperty("input").GetString());
        Assert.Equal("Bearer sk-mod", authorization);
    }

    [Theory]
    [InlineData("sexual", HarmCategories.Sexual)]
    [InlineData("sexual/minors", HarmCategories.ChildSexualExploitation)]
    [InlineData("harassment", HarmCategories.Harassment)]
    [InlineData("harassment/threatening", HarmCategories.Harassment)]
    [InlineData("hate", HarmCategories.Hate)]
    [InlineData("hate/threatening", HarmCategories.Hate)]
    [InlineData("illicit", HarmCategories.Illicit)]
    [InlineData("illicit/violent", HarmCategories.Violence)]
    [InlineData("violence", HarmCategories.Violence)]
    [InlineData("violence/graphic", HarmCategories.Violence)]
    [InlineData("self-harm", HarmCategories.SelfHarm)]
    public async Task Each_Category_Maps_With_Its_Score(string theirs, string ours)
    {
        var verdict = await JudgeAsync((theirs, 0.83));
        Assert.Equal(0.83, Score(verdict, ours), 6);
        Assert.Equal(ours, verdict.Categories.MaxBy(c => c.Score).Name);
    }

    [Fact]
    public async Task The_Strongest_Of_Several_Categories_Mapping_To_One_Wins()
    {
        var verdict = await JudgeAsync(("violence", 0.3), ("illicit/violent", 0.7), ("violence/graphic", 0.1));
        Assert.Equal(0.7, Score(verdict, HarmCategories.Violence), 6);
    }

    [Fact]
    public async Task Flagged_Categories_Score_At_Least_One_Half()
    {
        _server.Respond = ctx => FakeJudgeServer.Json(ctx, """
            {"id":"m","model":"omni-moderation-latest","results":[{"flagged":true,
             "categories":{"hate":true,"violence":false},
             "category_scores":{"hate":0.31,"violence":0.31}}]}
            """);
        using var judge = Judge();
        var verdict = await judge.JudgeAsync("text", default);
        Assert.Equal(0.5, Score(verdict, HarmCategories.Hate), 6);
        Assert.Equal(0.31, Score(verdict, HarmCategories.Violence), 6);
    }

    [Theory]
    [InlineData("self-harm/intent", 0.6, true)]
    [InlineData("self-harm/instructions", 0.5, true)]
    [InlineData("self-harm/intent", 0.4, false)]
    [InlineData("self-harm", 0.9, false)]
    public async Task Self_Harm_Intent_Or_Instructions_Above_The_Threshold_Mean_At_Risk(string category, double score, bool atRisk) =>
        Assert.Equal(atRisk, (await JudgeAsync((category, score))).AtRisk);

    [Theory]
    [InlineData("{oops")]
    [InlineData("""{"results":[]}""")]
    [InlineData("""{"results":[{"flagged":false}]}""")]
    [InlineData("""{"results":[{"category_scores":{"hate":"high"}}]}""")]
    [InlineData("""{"results":[{"category_scores":{"hate":7}}]}""")]
    public async Task Malformed_Answers_Are_Unavailable(string body)
    {
        _server.Respond = ctx => FakeJudgeServer.Raw(ctx, body);
        using var judge = Judge();
        var e = await Assert.ThrowsAsync<JudgeUnavailableException>(() => judge.JudgeAsync("text", default).AsTask());
        Assert.StartsWith("malformed answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_Future_Categories_Are_Ignored()
    {
        _server.Respond = ctx => FakeJudgeServer.Json(ctx, """{"results":[{"category_scores":{"hate":0.9,"spam/new":0.99}}]}""");
        using var judge = Judge();
        var verdict = await judge.JudgeAsync("text", default);
        Assert.Equal(HarmCategories.Hate, Assert.Single(verdict.Categories).Name);
    }
}
