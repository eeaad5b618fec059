using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.Resilience;
using SidecarGuard.Judges.Tests.Fakes;

namespace SidecarGuard.Judges.Tests.Resilience;

public sealed class GuardedJudgeTests : IAsyncLifetime
{
    private FakeJudgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeJudgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_Slow_Judge_Times_Out_As_Unavailable()
    {
        _server.Respond = ctx => FakeJudgeServer.Slow(ctx, TimeSpan.FromSeconds(10), FakeJudgeServer.ChatCompletion("unsafe\nS1"));
        using var judge = TestJudges.Guarded(TestJudges.LlamaGuard(_server, TimeSpan.FromMilliseconds(300)));
        var started = DateTime.UtcNow;
        var outcome = await judge.RunAsync("text", default);
        Assert.False(outcome.Answered);
        Assert.Equal("timed out after 0.3 s", outcome.Failure);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_Caller_Cancelling_Is_Not_A_Judge_Failure()
    {
        _server.Respond = ctx => FakeJudgeServer.Slow(ctx, TimeSpan.FromSeconds(10), FakeJudgeServer.ChatCompletion("safe"));
        var options = TestJudges.LlamaGuard(_server);
        options.FailureThreshold = 1;
        using var judge = TestJudges.Guarded(options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => judge.RunAsync("text", cancel.Token));
        Assert.Equal(CircuitState.Closed, judge.Breaker.State);
    }

    [Fact]
    public async Task A_Refused_Connection_Is_Unavailable()
    {
        var options = TestJudges.LlamaGuard(_server);
        await _server.DisposeAsync();
        using var judge = TestJudges.Guarded(options);
        var outcome = await judge.RunAsync("text", default);
        Assert.Equal("connection failed", outcome.Failure);
        _server = await FakeJudgeServer.StartAsync();
    }

    [Fact]
    public async Task Weight_Scales_Scores_And_The_Threshold_Drops_Weak_Ones_But_Never_At_Risk()
    {
        _server.Respond = ctx => FakeJudgeServer.Json(ctx,
            FakeJudgeServer.Moderation(("hate", 0.8), ("violence", 0.3), ("self-harm/intent", 0.9)));
        var options = TestJudges.Moderation(_server);
        options.Weight = 0.5;
        options.Threshold = 0.2;
        using var judge = TestJudges.Guarded(options);
        var verdict = (await judge.RunAsync("text", default)).Verdict!;
        Assert.Equal([new CategoryScore(HarmCategories.Hate, 0.4), new CategoryScore(HarmCategories.SelfHarm, 0.45)],
            verdict.Categories.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c with { Score = Math.Round(c.Score, 6) }));
        Assert.True(verdict.AtRisk);
    }
}
