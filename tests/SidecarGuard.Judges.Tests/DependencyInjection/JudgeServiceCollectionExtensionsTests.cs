using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Core.Detection;
using SidecarGuard.Judges.Combining;
using SidecarGuard.Judges.Tests.Fakes;

namespace SidecarGuard.Judges.Tests.DependencyInjection;

public sealed class JudgeServiceCollectionExtensionsTests
{
    private static JudgeSettings LlamaGuardAt(string url) => new() { LlamaGuard = new LlamaGuardOptions { BaseUrl = url } };

    [Fact]
    public void Without_Judges_The_Built_In_Detector_Stays_As_It_Is()
    {
        var services = new ServiceCollection().AddSingleton<ITurnDetector, LexiconDetector>();
        services.AddSidecarGuardJudges(new JudgeSettings());
        using var provider = services.BuildServiceProvider();
        Assert.IsType<LexiconDetector>(provider.GetRequiredService<ITurnDetector>());
    }

    [Fact]
    public void Judges_Wrap_The_Registered_Detector_Once_However_Often_They_Are_Added()
    {
        var builtIn = new StubDetector(refusal: true);
        var services = new ServiceCollection().AddSingleton<ITurnDetector>(builtIn);
        services.AddSidecarGuardJudges(LlamaGuardAt("http://127.0.0.1:9"));
        services.AddSidecarGuardJudges(new JudgeSettings { OpenAIModeration = new OpenAIModerationOptions { BaseUrl = "http://127.0.0.1:9" } });
        using var provider = services.BuildServiceProvider();
        var detector = Assert.IsType<CombinedDetector>(provider.GetRequiredService<ITurnDetector>());
        Assert.Equal(["llama-guard", "openai-moderation"], detector.Judges.Select(j => j.Name));
        Assert.True(detector.IsRefusal("anything"));
        Assert.Single(services, d => d.ServiceType == typeof(ITurnDetector));
    }

    [Fact]
    public void Judges_Need_A_Built_In_Detector_First() =>
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSidecarGuardJudges(LlamaGuardAt("http://127.0.0.1:9")));

    [Fact]
    public void An_Api_Key_Variable_Named_In_Settings_Must_Be_Set()
    {
        var settings = LlamaGuardAt("http://127.0.0.1:9");
        settings.LlamaGuard!.ApiKeyVariable = $"SIDECARGUARD_TEST_UNSET_{Guid.NewGuid():N}";
        var services = new ServiceCollection().AddSingleton<ITurnDetector, LexiconDetector>();
        Assert.Throws<JudgeSettingsException>(() => services.AddSidecarGuardJudges(settings));
    }

    [Fact]
    public async Task The_Composition_Root_Runs_Judges_Added_After_It()
    {
        await using var judge = await FakeJudgeServer.StartAsync();
        judge.Respond = ctx => FakeJudgeServer.Json(ctx, FakeJudgeServer.ChatCompletion("unsafe\nS11"));
        var services = new ServiceCollection().AddConversationGuard();
        services.AddSidecarGuardJudges(LlamaGuardAt(judge.BaseUrl));
        await using var provider = services.BuildServiceProvider();

        var verdict = await provider.GetRequiredService<IConversationGuard>()
            .EvaluateTurnAsync(new TurnRequest("in-process", "what is the tallest mountain?"));
        Assert.Equal(TurnAction.Support, verdict.Action);
        Assert.Equal(1, judge.Calls);
    }
}
