using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Core.Policy;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>The --policy file is watched: a valid change takes effect, an invalid one is logged and ignored.</summary>
public sealed class PolicyReloadTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-policy-").FullName;
    private readonly CapturedLogs _logs = new();
    private TestSidecar? _server;

    private string PolicyPath => Path.Combine(_directory, "policy.json");

    private PolicyHolder Holder => _server!.Services.GetRequiredService<PolicyHolder>();

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(PolicyPath, """{ "version": "acme-1" }""");
        _server = await TestSidecar.StartAsync(new SidecarOptions
        {
            Store = StoreKind.Memory,
            PolicyPath = PolicyPath,
            PolicyPollInterval = TimeSpan.FromMilliseconds(200),
        }, _logs.Configure);
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    private async Task<TurnAction> FirstTerrorTurnAsync() => (await _server!.Client.EvaluateTurnAsync(
        new EvaluateTurnRequest { ConversationId = "p-" + Guid.NewGuid().ToString("N"), UserText = Phrases.Terror })).Action;

    [Fact]
    public async Task A_Valid_Change_Takes_Effect_Without_Restart()
    {
        Assert.Equal("acme-1", Holder.Current.Options.Version);
        Assert.Equal(TurnAction.Redirect, await FirstTerrorTurnAsync());

        await File.WriteAllTextAsync(PolicyPath, """{ "version": "acme-2", "redirectsBeforeWarning": 0, "allowFewerEnds": true, "categories": { "mass_violence": { "endEligible": true }, "indiscriminate_weapons": { "endEligible": true } } }""");
        await EventuallyAsync(() => Holder.Current.Options.Version == "acme-2", "version acme-2 in force");

        Assert.Equal(TurnAction.Warn, await FirstTerrorTurnAsync());
        Assert.Contains(_logs.Records, r => r.Contains("reloaded", StringComparison.Ordinal) && r.Contains("acme-2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "version": "acme-3", "redirectsBeforeWarning": -4 }""", "redirectsBeforeWarning")]
    [InlineData("""{ "version": "acme-3", """, "not valid JSON")]
    [InlineData("""{ "version": "acme-3", "surprise": true }""", "surprise")]
    [InlineData("""{ "version": "acme-3", "categories": {} }""", "no category is end-eligible")]
    [InlineData("""{ "categories": { "": { "endEligible": true } } }""", "category names must not be blank")]
    [InlineData("""{ "version": "acme-3", "categories": { "abuse": { "endEligible": true } } }""", "would no longer be end-eligible")]
    public async Task An_Invalid_Change_Is_Rejected_With_A_Clear_Log_And_The_Old_Policy_Stays(string json, string problem)
    {
        await File.WriteAllTextAsync(PolicyPath, json);
        await EventuallyAsync(() => _logs.Records.Any(r => r.Contains("rejected", StringComparison.Ordinal)), "a rejection in the log");

        var rejection = _logs.Records.First(r => r.Contains("rejected", StringComparison.Ordinal));
        Assert.StartsWith("Error", rejection, StringComparison.Ordinal);
        Assert.Contains("acme-1 stays in force", rejection, StringComparison.Ordinal);
        Assert.Contains(problem, rejection, StringComparison.Ordinal);
        Assert.Equal("acme-1", Holder.Current.Options.Version);
        Assert.Equal(TurnAction.Redirect, await FirstTerrorTurnAsync());
    }
}
