using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Client.Tests;

/// <summary>AddSidecarGuard and AddSidecarGuardInProcess: validation first, and registering twice is harmless.</summary>
public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void The_Client_Package_Needs_Only_The_Contract_And_Abstractions()
    {
        var ours = typeof(GrpcConversationGuard).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!).Where(n => n.StartsWith("SidecarGuard.", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(["SidecarGuard.Abstractions", "SidecarGuard.Contracts"], ours);
    }

    [Fact]
    public void AddSidecarGuard_Registers_One_Grpc_Guard_With_The_Given_Options_And_Twice_Is_Harmless()
    {
        var services = new ServiceCollection()
            .AddSidecarGuard(o => o.Address = new Uri("http://127.0.0.1:50999"))
            .AddSidecarGuard(o => o.Address = new Uri("http://127.0.0.1:50998"));
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IConversationGuard));
        var guard = provider.GetRequiredService<IConversationGuard>();
        Assert.IsType<GrpcConversationGuard>(guard);
        Assert.Same(guard, provider.GetRequiredService<GrpcConversationGuard>());
        Assert.Equal(new Uri("http://127.0.0.1:50999"), provider.GetRequiredService<SidecarGuardOptions>().Address);
    }

    [Fact]
    public void First_Registration_Wins_Between_Sidecar_And_In_Process()
    {
        using var provider = new ServiceCollection().AddSidecarGuardInProcess().AddSidecarGuard().BuildServiceProvider();

        Assert.IsType<ConversationGuard>(provider.GetRequiredService<IConversationGuard>());
    }

    [Fact]
    public async Task In_Process_Uses_The_Given_Store()
    {
        var store = new InMemoryConversationStore();
        using var provider = new ServiceCollection().AddSidecarGuardInProcess(o => o.Store = store).BuildServiceProvider();

        await provider.GetRequiredService<IConversationGuard>().EvaluateTurnAsync(new TurnRequest("c-store", Phrases.Benign));

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Both_Registrations_Give_The_Review_Of_Ends_Over_The_Same_Guard()
    {
        using var remote = new ServiceCollection().AddSidecarGuard(o => o.Address = new Uri("http://127.0.0.1:50999")).BuildServiceProvider();
        Assert.Same(remote.GetRequiredService<IConversationGuard>(), remote.GetRequiredService<IEndReview>());

        var store = new InMemoryConversationStore();
        using var local = new ServiceCollection().AddSingleton<IConversationStore>(store).AddSidecarGuardInProcess().BuildServiceProvider();
        var guard = local.GetRequiredService<IConversationGuard>();
        await guard.EvaluateTurnAsync(new TurnRequest("di", Phrases.EndRequest));
        await guard.EvaluateTurnAsync(new TurnRequest("di", Phrases.Confirm));
        await guard.EndConversationAsync("di", EndReason.UserRequested);
        Assert.Equal("di", Assert.Single((await local.GetRequiredService<IEndReview>().ListEndsAsync(new EndQuery())).Ends).Record.ConversationId);
    }

    [Fact]
    public void Arguments_Are_Validated_When_Registering()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddSidecarGuard());
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddSidecarGuardInProcess());
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSidecarGuard(o => o.Address = new Uri("ftp://127.0.0.1")));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSidecarGuard(o => o.Deadline = TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSidecarGuard(o => o.MaxRetries = -1));
    }

    [Fact]
    public void Option_Defaults_Are_The_Documented_Ones()
    {
        var options = new SidecarGuardOptions();

        Assert.Equal(new Uri("http://127.0.0.1:50051"), options.Address);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Deadline);
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(GuardFailMode.FailClosed, options.FailMode);
    }
}
