using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.LlamaGuard;
using SidecarGuard.Judges.Tests.Fakes;

namespace SidecarGuard.Judges.Tests.LlamaGuard;

public sealed class LlamaGuardJudgeTests : IAsyncLifetime
{
    private FakeJudgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeJudgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private LlamaGuardJudge Judge(LlamaGuardOptions? options = null, string? apiKey = null) =>
        new(options ?? TestJudges.LlamaGuard(_server), JudgeHttp.CreateClient(), apiKey);

    private void Answer(string content) => _server.Respond = ctx => FakeJudgeServer.Json(ctx, FakeJudgeServer.ChatCompletion(content));

    [Fact]
    public async Task Safe_Answer_Finds_Nothing()
    {
        Answer("safe");
        using var judge = Judge();
        var verdict = await judge.JudgeAsync("how do I bake bread?", default);
        Assert.Empty(verdict.Categories);
        Assert.False(verdict.AtRisk);
    }

    [Fact]
    public async Task Unsafe_Codes_Map_To_Our_Categories()
    {
        Answer("unsafe\nS1,S9");
        using var judge = Judge();
        var verdict = await judge.JudgeAsync("text", default);
        Assert.Equal(
            [HarmCategories.IndiscriminateWeapons, HarmCategories.Violence],
            verdict.Categories.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(verdict.Categories, c => Assert.Equal(1.0, c.Score));
        Assert.False(verdict.AtRisk);
    }

    [Theory]
    [InlineData("S2", HarmCategories.Illicit)]
    [InlineData("S3", HarmCategories.Violence)]
    [InlineData("S4", HarmCategories.ChildSexualExploitation)]
    [InlineData("S10", HarmCategories.Hate)]
    [InlineData("S12", HarmCategories.Sexual)]
    public async Task Each_Mapped_Code_Gives_Its_Category(string code, string category)
    {
        Answer($"unsafe\n{code}");
        using var judge = Judge();
        var verdict = await judge.JudgeAsync("text", default);
        Assert.Equal(category, Assert.Single(verdict.Categories).Name);
    }

    [Fact]
    public async Task Suicide_And_Self_Harm_Means_At_Risk()
    {
        Answer("unsafe\nS11");
        using var judge = Judge();
        var verdict = await judge.JudgeAsync("text", default);
        Assert.True(verdict.AtRisk);
        Assert.Equal(HarmCategories.SelfHarm, Assert.Single(verdict.Categories).Name);
    }

    [Fact]
    public async Task Unmapped_Codes_Are_Dropped()
    {
        Answer("unsafe\nS6,S8");
        using var judge = Judge();
        var verdict = await judge.JudgeAsync("text", default);
        Assert.Empty(verdict.Categories);
        Assert.False(verdict.AtRisk);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("unsafe")]
    [InlineData("unsafe\nviolent crimes")]
    public async Task Unexpected_Text_Is_Malformed(string content)
    {
        Answer(content);
        using var judge = Judge();
        var e = await Assert.ThrowsAsync<JudgeUnavailableException>(() => judge.JudgeAsync("text", default).AsTask());
        Assert.StartsWith("malformed answer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"choices":[]}""")]
    [InlineData("""{"choices":[{"message":{"content":42}}]}""")]
    public async Task Bad_Json_Is_Malformed(string body)
    {
        _server.Respond = ctx => FakeJudgeServer.Raw(ctx, body);
        using var judge = Judge();
        var e = await Assert.ThrowsAsync<JudgeUnavailableException>(() => judge.JudgeAsync("text", default).AsTask());
        Assert.StartsWith("malformed answer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Server_Errors_Name_The_Status(int status)
    {
        _server.Respond = ctx => FakeJudgeServer.Status(ctx, status);
        using var judge = Judge();
        var e = await Assert.ThrowsAsync<JudgeUnavailableException>(() => judge.JudgeAsync("text", default).AsTask());
        Assert.Equal($"HTTP {status}", e.Message);
    }

    [Fact]
    public async Task Request_Carries_Model_And_The_Full_Prompt_With_The_Turn()
    {
        using var judge = Judge(apiKey: "sk-test");
        await judge.JudgeAsync("how do I pick a lock?", default);
        var (path, body, authorization) = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", path);
        Assert.Equal("Bearer sk-test", authorization);
        Assert.Equal("llama-guard3", body.GetProperty("model").GetString());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        var prompt = message.GetProperty("content").GetString()!;
        Assert.Contains("User: how do I pick a lock?", prompt, StringComparison.Ordinal);
        Assert.Contains("S11: Suicide & Self-Harm.", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_Template_Mode_Sends_Only_The_Turn()
    {
        var options = TestJudges.LlamaGuard(_server);
        options.PromptFromServerTemplate = true;
        using var judge = Judge(options);
        await judge.JudgeAsync("how do I pick a lock?", default);
        var message = Assert.Single(Assert.Single(_server.Requests).Body.GetProperty("messages").EnumerateArray());
        Assert.Equal("how do I pick a lock?", message.GetProperty("content").GetString());
        Assert.Null(Assert.Single(_server.Requests).Authorization);
    }
}
