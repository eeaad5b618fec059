using System.Collections.Concurrent;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Storage.Redis;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using ConversationStatus = SidecarGuard.Contracts.V1.ConversationStatus;
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>
/// What several real sidecar processes sharing one Redis must agree on at once, whatever the Redis deployment: a
/// derived class supplies the deployment (one server, a cluster) and the options that point a sidecar at it.
/// </summary>
public abstract class RedisSidecarAgreementTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Where a test writes what it measured.</summary>
    protected Xunit.Abstractions.ITestOutputHelper Output { get; } = output;

    /// <summary>The StackExchange.Redis configuration string of the deployment.</summary>
    protected abstract string Configuration { get; }

    /// <summary>Extra serve options for this deployment.</summary>
    protected virtual string[] ExtraOptions => [];

    private protected Task<SidecarProcess> StartSidecarAsync() => SidecarProcess.StartAsync(["--store", "redis", "--redis", Configuration, .. ExtraOptions]);

    protected static Task<EvaluateTurnResponse> Turn(GuardService.GuardServiceClient client, string id, string text, string? turnId = null) =>
        client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = text, TurnId = turnId ?? "" }).ResponseAsync;

    [Fact]
    public async Task A_Conversation_Ended_On_One_Sidecar_Is_Ended_On_The_Other_At_Once()
    {
        await using var a = await StartSidecarAsync();
        await using var b = await StartSidecarAsync();
        var clients = new[] { a.Client, b.Client };
        var actions = new List<TurnAction>();
        for (var i = 0; i < 4; i++)
        {
            actions.Add((await Turn(clients[i % 2], "alt", Phrases.Terror)).Action);
        }

        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
        await a.Client.EndConversationAsync(new EndConversationRequest { ConversationId = "alt", Reason = EndReason.Abuse });
        Assert.Equal(TurnAction.Ended, (await Turn(b.Client, "alt", Phrases.Benign)).Action);

        var viewA = await a.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "alt" });
        var viewB = await b.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "alt" });
        Assert.Equal(viewA, viewB);
        Assert.Equal(ConversationStatus.Ended, viewB.State.Status);

        var branch = await b.Client.BranchConversationAsync(new BranchConversationRequest { ConversationId = "alt", TurnIndex = 3, NewConversationId = "alt-edit" });
        var branchOnA = await a.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "alt-edit" });
        Assert.Equal(branch.State, branchOnA.State);
        Assert.True(branchOnA.State.WarningGiven);
    }

    [Fact]
    public async Task Sixty_Four_Clients_On_One_Conversation_Keep_Exact_Counts_And_One_End()
    {
        await using var a = await StartSidecarAsync();
        await using var b = await StartSidecarAsync();
        var clients = new[] { a.Client, b.Client };
        const string Id = "crowd";
        for (var i = 0; i < 4; i++)
        {
            await Turn(clients[i % 2], Id, Phrases.Terror, $"setup-{i}");
        }

        // After the warning every harmful turn is END until someone ends the conversation; then every turn is ENDED.
        var verdicts = new ConcurrentBag<(TurnAction Action, int Index)>();
        var ends = new ConcurrentBag<EndConversationResponse>();
        var workers = Enumerable.Range(0, 64).Select(async worker =>
        {
            var client = clients[worker % 2];
            if (worker % 8 == 0)
            {
                ends.Add(await client.EndConversationAsync(new EndConversationRequest { ConversationId = Id, Reason = EndReason.Abuse, RequestId = $"w{worker}" }));
                return;
            }

            for (var n = 0; n < 4; n++)
            {
                var verdict = await Turn(client, Id, Phrases.Terror, $"w{worker}-{n}");
                verdicts.Add((verdict.Action, verdict.TurnIndex));
            }
        });
        await Task.WhenAll(workers);

        var view = await a.Client.GetConversationAsync(new GetConversationRequest { ConversationId = Id });
        // Turns after the end are answered ENDED and change nothing, so the count is the setup plus the END turns.
        Assert.Equal(4 + verdicts.Count(v => v.Action == TurnAction.End), view.State.TurnCount);
        Assert.Equal(56 * 4, verdicts.Count);
        Assert.Equal(ConversationStatus.Ended, view.State.Status);
        Assert.Single(ends, e => !e.AlreadyEnded);
        Assert.Single(ends.Select(e => e.Record).Distinct());
        await using var store = await RedisConversationStore.ConnectAsync(new RedisStoreOptions { Configuration = Configuration });
        Assert.Single(await store.GetAuditAsync(Id, CancellationToken.None));

        var endedAt = view.EndRecord.TurnIndex;
        Output.WriteLine($"crowd: {verdicts.Count} turns and {ends.Count} end calls from 64 clients over 2 sidecars; ended at turn {endedAt}; "
            + $"{verdicts.Count(v => v.Action == TurnAction.End)} END, {verdicts.Count(v => v.Action == TurnAction.Ended)} ENDED, 0 ALLOW");
        Assert.DoesNotContain(verdicts, v => v.Action is not (TurnAction.End or TurnAction.Ended));
        Assert.All(verdicts.Where(v => v.Index > endedAt), v => Assert.Equal(TurnAction.Ended, v.Action));
        Assert.All(verdicts.Where(v => v.Index <= endedAt), v => Assert.Equal(TurnAction.End, v.Action));
    }
}
