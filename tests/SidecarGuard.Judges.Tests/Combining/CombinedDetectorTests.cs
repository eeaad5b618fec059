using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.Combining;
using SidecarGuard.Judges.Resilience;
using SidecarGuard.Judges.Tests.Fakes;

namespace SidecarGuard.Judges.Tests.Combining;

public sealed class CombinedDetectorTests : IAsyncLifetime
{
    private static readonly TurnSignals BuiltInViolence = new()
    {
        Categories = [new CategoryScore(HarmCategories.Violence, 0.6), new CategoryScore(HarmCategories.Illicit, 0.9)],
        EndRequest = true,
    };

    private FakeJudgeServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeJudgeServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private void LlamaAnswer(string content) => _server.Respond = ctx => FakeJudgeServer.Json(ctx, FakeJudgeServer.ChatCompletion(content));

    [Fact]
    public async Task The_Stronger_Signal_Wins_Per_Category_And_End_Signals_Come_From_The_Built_In_Detector()
    {
        LlamaAnswer("unsafe\nS1,S10");
        using var detector = TestJudges.Combined(new StubDetector(BuiltInViolence), TestJudges.Guarded(TestJudges.LlamaGuard(_server)));
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.Equal(
            [new CategoryScore(HarmCategories.Hate, 1), new CategoryScore(HarmCategories.Violence, 1), new CategoryScore(HarmCategories.Illicit, 0.9)],
            signals.Categories);
        Assert.True(signals.EndRequest);
        Assert.Null(signals.Note);
    }

    [Fact]
    public async Task At_Risk_From_A_Judge_Counts_When_The_Built_In_Detector_Saw_Nothing()
    {
        LlamaAnswer("unsafe\nS11");
        using var detector = TestJudges.Combined(new StubDetector(), TestJudges.Guarded(TestJudges.LlamaGuard(_server)));
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.True(signals.AtRisk);
        Assert.Equal(HarmCategories.SelfHarm, Assert.Single(signals.Categories).Name);
    }

    [Fact]
    public async Task At_Risk_From_The_Built_In_Detector_Survives_A_Safe_Judge()
    {
        var builtIn = new TurnSignals { AtRisk = true, Categories = [new CategoryScore(HarmCategories.SelfHarm, 0.9)] };
        using var detector = TestJudges.Combined(new StubDetector(builtIn), TestJudges.Guarded(TestJudges.LlamaGuard(_server)));
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.True(signals.AtRisk);
        Assert.Same(builtIn, signals);
    }

    [Fact]
    public async Task A_Judge_Beyond_Its_Timeout_Falls_Back_To_The_Built_In_Detector_With_A_Note()
    {
        _server.Respond = ctx => FakeJudgeServer.Slow(ctx, TimeSpan.FromSeconds(10), FakeJudgeServer.ChatCompletion("unsafe\nS10"));
        using var detector = TestJudges.Combined(new StubDetector(BuiltInViolence),
            TestJudges.Guarded(TestJudges.LlamaGuard(_server, TimeSpan.FromMilliseconds(250))));
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.Equal(BuiltInViolence.Categories, signals.Categories);
        Assert.Equal("judge llama-guard unavailable (timed out after 0.25 s); built-in detector only", signals.Note);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_Failing_Judge_Falls_Back_With_The_Status_In_The_Note(int status)
    {
        _server.Respond = ctx => FakeJudgeServer.Status(ctx, status);
        using var detector = TestJudges.Combined(new StubDetector(), TestJudges.Guarded(TestJudges.Moderation(_server)));
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.Empty(signals.Categories);
        Assert.Equal($"judge openai-moderation unavailable (HTTP {status}); built-in detector only", signals.Note);
    }

    [Fact]
    public async Task With_One_Of_Two_Judges_Down_The_Other_Still_Counts_And_The_Note_Names_The_Missing_One()
    {
        _server.Respond = ctx => ctx.Request.Path.Value!.EndsWith("moderations", StringComparison.Ordinal)
            ? FakeJudgeServer.Raw(ctx, "maybe")
            : FakeJudgeServer.Json(ctx, FakeJudgeServer.ChatCompletion("unsafe\nS9"));
        using var detector = TestJudges.Combined(new StubDetector(),
            TestJudges.Guarded(TestJudges.LlamaGuard(_server)), TestJudges.Guarded(TestJudges.Moderation(_server)));
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.Equal(HarmCategories.IndiscriminateWeapons, Assert.Single(signals.Categories).Name);
        Assert.Equal("judge openai-moderation unavailable (malformed answer: not JSON)", signals.Note);
    }

    [Fact]
    public async Task The_Breaker_Opens_After_N_Failures_Then_Probes_And_Closes_After_The_Cool_Down()
    {
        var time = new ManualTime();
        var options = TestJudges.LlamaGuard(_server);
        options.FailureThreshold = 2;
        options.BreakDuration = TimeSpan.FromSeconds(30);
        var judge = TestJudges.Guarded(options, time);
        using var detector = TestJudges.Combined(new StubDetector(), judge);

        _server.Respond = ctx => FakeJudgeServer.Status(ctx, 503);
        await detector.AnalyzeUserTurnAsync("one", default);
        await detector.AnalyzeUserTurnAsync("two", default);
        Assert.Equal(CircuitState.Open, judge.Breaker.State);

        var skipped = await detector.AnalyzeUserTurnAsync("three", default);
        Assert.Equal(2, _server.Calls);
        Assert.Equal("judge llama-guard unavailable (circuit open); built-in detector only", skipped.Note);

        LlamaAnswer("unsafe\nS4");
        time.Advance(TimeSpan.FromSeconds(30));
        var probed = await detector.AnalyzeUserTurnAsync("four", default);
        Assert.Equal(3, _server.Calls);
        Assert.Equal(CircuitState.Closed, judge.Breaker.State);
        Assert.Equal(HarmCategories.ChildSexualExploitation, Assert.Single(probed.Categories).Name);
        Assert.Null(probed.Note);
    }

    [Fact]
    public async Task Corroborated_Needs_Two_Sources_For_Harm_But_Not_For_At_Risk()
    {
        LlamaAnswer("unsafe\nS1,S10,S11");
        using var detector = new CombinedDetector(new StubDetector(BuiltInViolence),
            [TestJudges.Guarded(TestJudges.LlamaGuard(_server))], CombinationRule.Corroborated);
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.Equal([new CategoryScore(HarmCategories.SelfHarm, 1), new CategoryScore(HarmCategories.Violence, 0.6)], signals.Categories);
        Assert.True(signals.AtRisk);
    }

    [Fact]
    public async Task Corroborated_Drops_Built_In_Harm_That_A_Safe_Judge_Does_Not_Confirm()
    {
        using var detector = new CombinedDetector(new StubDetector(BuiltInViolence),
            [TestJudges.Guarded(TestJudges.LlamaGuard(_server))], CombinationRule.Corroborated);
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.Empty(signals.Categories);
        Assert.True(signals.EndRequest);
    }

    [Fact]
    public async Task Corroborated_Keeps_Built_In_Scores_When_Every_Judge_Is_Down()
    {
        _server.Respond = ctx => FakeJudgeServer.Status(ctx, 500);
        using var detector = new CombinedDetector(new StubDetector(BuiltInViolence),
            [TestJudges.Guarded(TestJudges.LlamaGuard(_server))], CombinationRule.Corroborated);
        var signals = await detector.AnalyzeUserTurnAsync("text", default);
        Assert.Equal(BuiltInViolence.Categories, signals.Categories);
    }

    [Fact]
    public void Refusals_And_The_Sync_Path_Use_The_Built_In_Detector_And_The_Judges()
    {
        LlamaAnswer("unsafe\nS12");
        using var detector = TestJudges.Combined(new StubDetector(refusal: true), TestJudges.Guarded(TestJudges.LlamaGuard(_server)));
        Assert.True(detector.IsRefusal("I can't help with that."));
        Assert.Equal(0, _server.Calls);
        Assert.Equal(HarmCategories.Sexual, Assert.Single(detector.AnalyzeUserTurn("text").Categories).Name);
    }
}
