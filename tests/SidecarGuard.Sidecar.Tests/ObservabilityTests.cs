using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Core.Storage;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Tests;

// The wire enum, not the model's enum of the same name; the store's state and record, not the wire messages.
using ConversationState = SidecarGuard.Core.State.ConversationState;
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using EndRecord = SidecarGuard.EndRecord;

[Collection(IsolatedCollection.Name)]
public sealed class ObservabilityTests
{
    private static string NewId() => "o-" + Guid.NewGuid().ToString("N");

    private static async Task<string> ScrapeAsync(TestSidecar server)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.HttpAddress!) };
        using var response = await http.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Sample(string exposition, string metric, params string[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [Fact]
    public async Task Metrics_Endpoint_Counts_Turns_Ends_Refusals_Vetoes_And_Latency()
    {
        await using var server = await TestSidecar.StartAsync();
        var client = server.Client;
        var abusive = NewId();
        for (var i = 0; i < 4; i++)
        {
            await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = abusive, UserText = Phrases.Terror });
        }

        await client.EndConversationAsync(new EndConversationRequest { ConversationId = abusive, Reason = EndReason.Abuse });
        var atRisk = NewId();
        await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = atRisk, UserText = Phrases.AtRisk });
        await Assert.ThrowsAsync<RpcException>(() =>
            client.EndConversationAsync(new EndConversationRequest { ConversationId = atRisk, Reason = EndReason.Abuse }).ResponseAsync);
        await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = NewId(), UserText = Phrases.Benign });

        var metrics = await ScrapeAsync(server);

        Assert.Equal(2, Sample(metrics, "sidecarguard_turns_total", "action=\"REDIRECT\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_turns_total", "action=\"WARN\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_turns_total", "action=\"END\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_turns_total", "action=\"ALLOW\"", "category=\"none\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_turns_total", "action=\"SUPPORT\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_ends_total", "reason=\"ABUSE\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_ends_refused_total", "refusal=\"AT_RISK_VETO\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_at_risk_vetoes_total", "where=\"turn\""));
        Assert.Equal(1, Sample(metrics, "sidecarguard_at_risk_vetoes_total", "where=\"end\""));
        Assert.Equal(2, Sample(metrics, "sidecarguard_evaluation_duration_seconds_count", "action=\"REDIRECT\""));
        Assert.Matches(new Regex("sidecarguard_evaluation_duration_seconds_bucket\\{[^}]*le=\"0.005\""), metrics);
        Assert.DoesNotContain(abusive, metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_Errors_Are_Counted_By_Method()
    {
        var down = new SidecarExtension(services => services.AddSingleton<IConversationStore>(new UnavailableStore()), null);
        await using var server = await TestSidecar.StartAsync(extend: down);
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.EvaluateTurnAsync(
            new EvaluateTurnRequest { ConversationId = NewId(), UserText = Phrases.Benign }).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);

        var metrics = await ScrapeAsync(server);
        Assert.Equal(1, Sample(metrics, "sidecarguard_store_errors_total", "method=\"/sidecarguard.v1.GuardService/EvaluateTurn\""));
    }

    /// <summary>A store whose backend is down: every call fails the way the Redis store fails during an outage.</summary>
    private sealed class UnavailableStore : IConversationStore
    {
        public string Tenant => TenantName.Default;

        public IConversationStore ForTenant(string tenant) => this;

        private static StoreUnavailableException Down() => new("The test store is down.");

        public ValueTask<ConversationState?> GetAsync(string conversationId, CancellationToken cancellationToken) => throw Down();

        public ValueTask<TResult> UpdateAsync<TResult>(string conversationId, Func<ConversationState?, StoreUpdate<TResult>> decide,
            CancellationToken cancellationToken) => throw Down();

        public ValueTask<IReadOnlyList<TurnRecord>> GetTurnsAsync(string conversationId, int count, CancellationToken cancellationToken) => throw Down();

        public ValueTask<bool> TryCreateAsync(ConversationState state, IReadOnlyList<TurnRecord> turns, CancellationToken cancellationToken) => throw Down();

        public ValueTask<IReadOnlyList<EndRecord>> GetAuditAsync(string conversationId, CancellationToken cancellationToken) => throw Down();

        public ValueTask<IReadOnlyList<FeedbackRecord>> GetFeedbackAsync(string conversationId, CancellationToken cancellationToken) => throw Down();

        public ValueTask<IReadOnlyList<(EndRecord Record, EndCursor Position)>> ListEndsAsync(EndQuery query, EndCursor? after, int limit,
            CancellationToken cancellationToken) => throw Down();

        public ValueTask<IReadOnlyList<TallyCount>> GetTalliesAsync(long fromHour, long toHour, CancellationToken cancellationToken) => throw Down();
    }

    [Fact]
    public async Task Metrics_Are_Not_Served_On_The_Grpc_Port()
    {
        await using var server = await TestSidecar.StartAsync();
        using var handler = new SocketsHttpHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri(server.Address), DefaultRequestVersion = System.Net.HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await http.GetAsync("/metrics");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Evaluate_End_And_Branch_Are_Traced_Without_Text()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "SidecarGuard",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) { activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        await using var server = await TestSidecar.StartAsync();
        var id = NewId();
        await server.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.EndRequest });
        await server.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.Confirm });
        await server.Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.UserRequested });
        await server.Client.BranchConversationAsync(new BranchConversationRequest { ConversationId = id, TurnIndex = 1 });

        List<Activity> mine;
        lock (activities)
        {
            mine = [.. activities.Where(a => (string?)a.GetTagItem("sidecarguard.conversation_id") == id)];
        }

        Assert.Equal(["EvaluateTurn", "EvaluateTurn", "EndConversation", "BranchConversation"], mine.Select(a => a.OperationName));
        Assert.Equal("ConfirmEnd", mine[0].GetTagItem("sidecarguard.action"));
        Assert.All(mine, a => Assert.DoesNotContain(a.TagObjects, t => t.Value is string s && s.Contains("sure", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Logs_Never_Contain_Raw_User_Text()
    {
        const string Marker = "ZebraMarmalade7731";
        var logs = new CapturedLogs();
        await using var server = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Memory }, logs.Configure);
        var client = server.Client;
        var id = NewId();
        var texts = new[]
        {
            $"{Marker} hello there", $"{Marker} {Phrases.Terror}", $"{Marker} {Phrases.Terror}", $"{Marker} {Phrases.Terror}",
            $"{Marker} {Phrases.Terror}", $"{Marker} {Phrases.AtRisk}",
        };
        foreach (var text in texts)
        {
            await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = text, PreviousAssistantText = $"{Marker} reply" });
        }

        var atRisk = NewId();
        await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = atRisk, UserText = $"{Marker} {Phrases.AtRisk}" });
        await Assert.ThrowsAsync<RpcException>(() =>
            client.EndConversationAsync(new EndConversationRequest { ConversationId = atRisk, Reason = EndReason.Abuse }).ResponseAsync);
        // Rejected requests are logged too: over-long text, a reused turn id with other text.
        await Assert.ThrowsAsync<RpcException>(() =>
            client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Marker + new string('x', 40_000) }).ResponseAsync);
        await client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, TurnId = "t1", UserText = $"{Marker} one" });
        await Assert.ThrowsAsync<RpcException>(() =>
            client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, TurnId = "t1", UserText = $"{Marker} two" }).ResponseAsync);

        Assert.NotEmpty(logs.Records);
        Assert.Contains(logs.Records, r => r.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Records, r => r.Contains(Marker, StringComparison.Ordinal));
    }
}
