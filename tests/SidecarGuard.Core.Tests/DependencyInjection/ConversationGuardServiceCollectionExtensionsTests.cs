using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Core.Tests.DependencyInjection;

/// <summary>The composition root: defaults fill the gaps, registrations made before or after it are what the guard runs.</summary>
public sealed class ConversationGuardServiceCollectionExtensionsTests
{
    /// <summary>Reads every turn as a user at risk, so its use shows in the verdict.</summary>
    private sealed class AtRiskDetector : ITurnDetector
    {
        public TurnSignals AnalyzeUserTurn(string text) =>
            new() { AtRisk = true, Categories = [new CategoryScore(HarmCategories.SelfHarm, 0.9)] };

        public bool IsRefusal(string assistantText) => false;
    }

    private static TurnRequest Turn(string conversation) => new(conversation, "what is the tallest mountain?");

    [Fact]
    public async Task With_Nothing_Registered_It_Builds_The_Built_In_Guard_Over_Memory()
    {
        await using var provider = new ServiceCollection().AddConversationGuard().BuildServiceProvider();
        var verdict = await provider.GetRequiredService<IConversationGuard>().EvaluateTurnAsync(Turn("c1"));

        Assert.Equal(TurnAction.Allow, verdict.Action);
        Assert.IsType<LexiconDetector>(provider.GetRequiredService<ConversationGuardFactory>().Detector);
        Assert.NotNull(await provider.GetRequiredService<IConversationStore>().GetAsync("c1", CancellationToken.None));
    }

    [Fact]
    public async Task A_Detector_And_A_Store_Registered_Before_Are_The_Ones_Used()
    {
        var store = new InMemoryConversationStore();
        await using var provider = new ServiceCollection()
            .AddSingleton<ITurnDetector, AtRiskDetector>()
            .AddSingleton<IConversationStore>(store)
            .AddConversationGuard()
            .BuildServiceProvider();

        var verdict = await provider.GetRequiredService<IConversationGuard>().EvaluateTurnAsync(Turn("c2"));
        Assert.Equal(TurnAction.Support, verdict.Action);
        Assert.NotNull(await store.GetAsync("c2", CancellationToken.None));
    }

    [Fact]
    public async Task A_Detector_Registered_After_Replaces_The_Default()
    {
        var services = new ServiceCollection().AddConversationGuard();
        services.AddSingleton<ITurnDetector, AtRiskDetector>();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(TurnAction.Support, (await provider.GetRequiredService<IConversationGuard>().EvaluateTurnAsync(Turn("c3"))).Action);
    }

    [Fact]
    public async Task The_Policy_And_Limits_Given_Apply_And_The_Factory_Builds_Guards_Over_Other_Stores()
    {
        await using var provider = new ServiceCollection()
            .AddConversationGuard(new PolicyOptions { Version = "custom-7" }, new GuardOptions { MaxTextBytes = 64 })
            .BuildServiceProvider();
        Assert.Equal("custom-7", provider.GetRequiredService<PolicyHolder>().Current.Options.Version);

        var other = new InMemoryConversationStore();
        var guard = provider.GetRequiredService<ConversationGuardFactory>().Create(other);
        await guard.EvaluateTurnAsync(Turn("c4"));
        Assert.NotNull(await other.GetAsync("c4", CancellationToken.None));
        Assert.Null(await provider.GetRequiredService<IConversationStore>().GetAsync("c4", CancellationToken.None));

        var tooLong = new TurnRequest("c5", new string('a', 65));
        await Assert.ThrowsAsync<InvalidGuardRequestException>(() => guard.EvaluateTurnAsync(tooLong).AsTask());
    }
}
