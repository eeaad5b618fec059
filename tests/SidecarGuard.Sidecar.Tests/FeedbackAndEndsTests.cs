using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Sidecar.Tenancy;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using FeedbackSource = SidecarGuard.Contracts.V1.FeedbackSource;
using FeedbackVerdict = SidecarGuard.Contracts.V1.FeedbackVerdict;
using StatsBucket = SidecarGuard.Contracts.V1.StatsBucket;
using StatsPeriod = SidecarGuard.Contracts.V1.StatsPeriod;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>SubmitFeedback and ListEnds over gRPC and JSON on a real sidecar with a SQLite file.</summary>
public sealed class FeedbackAndEndsTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-feedback-").FullName;
    private readonly CapturedLogs _logs = new();
    private TestSidecar? _server;
    private HttpClient? _http;

    private TestSidecar Server => _server!;

    private GuardService.GuardServiceClient Client => Server.Client;

    private HttpClient Http => _http!;

    public async Task InitializeAsync()
    {
        _server = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Sqlite, DatabasePath = Path.Combine(_directory, "guard.db") },
            _logs.Configure);
        _http = new HttpClient { BaseAddress = new Uri(Server.HttpAddress!), DefaultRequestVersion = HttpVersion.Version11 };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string NewId() => "f-" + Guid.NewGuid().ToString("N");

    /// <summary>A conversation the user asked to end, confirmed, and ended.</summary>
    private async Task<string> EndedAsync()
    {
        var id = NewId();
        await Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.EndRequest });
        await Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.Confirm });
        await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.UserRequested });
        return id;
    }

    private static async Task<RpcException> ExpectAsync(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }

    [Fact]
    public async Task Feedback_Is_Stored_With_A_Hash_Of_The_Comment_And_Never_Logged()
    {
        var id = await EndedAsync();
        const string Comment = "The user only wanted to stop for today; secret-marker-7f3a.";
        var response = await Client.SubmitFeedbackAsync(new SubmitFeedbackRequest
        {
            ConversationId = id, Source = FeedbackSource.User, Verdict = FeedbackVerdict.EndWasRight, Comment = Comment,
        });

        Assert.False(response.AlreadyRecorded);
        Assert.Equal((id, FeedbackSource.User, FeedbackVerdict.EndWasRight), (response.Record.ConversationId, response.Record.Source, response.Record.Verdict));
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(Comment), response.Record.CommentBytes);
        Assert.Equal(Core.Guard.TextHash.Of(Comment), response.Record.CommentSha256);
        Assert.Empty(response.Record.Comment); // text is not stored unless --store-text
        Assert.DoesNotContain(_logs.Records, r => r.Contains("secret-marker", StringComparison.Ordinal));
        Assert.Contains(_logs.Records, r => r.Contains($"Feedback on {id}", StringComparison.Ordinal));

        var listed = await Client.ListEndsAsync(new ListEndsRequest { Feedback = FeedbackFilter.WithFeedback });
        var end = Assert.Single(listed.Ends, e => e.Record.ConversationId == id);
        Assert.Equal(response.Record, Assert.Single(end.Feedback));
    }

    [Fact]
    public async Task A_Retried_Submission_Is_Recorded_Once()
    {
        var id = await EndedAsync();
        var request = new SubmitFeedbackRequest { ConversationId = id, Source = FeedbackSource.Operator, Verdict = FeedbackVerdict.EndWasWrong, RequestId = "fb-1" };
        var first = await Client.SubmitFeedbackAsync(request);
        var again = await Client.SubmitFeedbackAsync(request);

        Assert.True(again.AlreadyRecorded);
        Assert.Equal(first.Record, again.Record);
        var listed = await Client.ListEndsAsync(new ListEndsRequest { Feedback = FeedbackFilter.MarkedWrong, PageSize = 500 });
        Assert.Single(Assert.Single(listed.Ends, e => e.Record.ConversationId == id).Feedback);
    }

    [Fact]
    public async Task Feedback_On_An_Open_Conversation_Is_Kept_And_Its_Turns_Go_On()
    {
        var id = NewId();
        await Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.Benign });
        await Client.SubmitFeedbackAsync(new SubmitFeedbackRequest { ConversationId = id, Source = FeedbackSource.User, Verdict = FeedbackVerdict.SupportWasWrong });

        var next = await Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = Phrases.Benign });
        Assert.Equal((TurnAction.Allow, 1), (next.Action, next.TurnIndex));
        Assert.DoesNotContain((await Client.ListEndsAsync(new ListEndsRequest { PageSize = 500 })).Ends, e => e.Record.ConversationId == id);
    }

    [Theory]
    [InlineData(0, 1, 0, "source")]
    [InlineData(7, 1, 0, "source")]
    [InlineData(1, 0, 0, "verdict")]
    [InlineData(1, 9, 0, "verdict")]
    [InlineData(1, 1, 2049, "comment")]
    public async Task Bad_Feedback_Is_Invalid_Argument_And_Stores_Nothing(int source, int verdict, int commentBytes, string field)
    {
        var id = await EndedAsync();
        var error = await ExpectAsync(StatusCode.InvalidArgument, () => Client.SubmitFeedbackAsync(new SubmitFeedbackRequest
        {
            ConversationId = id, Source = (FeedbackSource)source, Verdict = (FeedbackVerdict)verdict, Comment = new string('x', commentBytes),
        }).ResponseAsync);

        Assert.StartsWith(field, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(Assert.Single((await Client.ListEndsAsync(new ListEndsRequest { PageSize = 500 })).Ends, e => e.Record.ConversationId == id).Feedback);
    }

    [Fact]
    public async Task Feedback_On_An_Unknown_Conversation_Is_Not_Found_And_Creates_Nothing()
    {
        var id = NewId();
        await ExpectAsync(StatusCode.NotFound, () => Client.SubmitFeedbackAsync(new SubmitFeedbackRequest
        {
            ConversationId = id, Source = FeedbackSource.User, Verdict = FeedbackVerdict.Other,
        }).ResponseAsync);
        await ExpectAsync(StatusCode.NotFound, () => Client.GetConversationAsync(new GetConversationRequest { ConversationId = id }).ResponseAsync);
    }

    [Fact]
    public async Task Ends_Are_Paged_Newest_First_With_Opaque_Tokens()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await EndedAsync());
        }

        var window = new ListEndsRequest { StartTime = Timestamp.FromDateTimeOffset(since), PageSize = 2 };
        var seen = new List<string>();
        var pages = 0;
        for (var request = window; ; pages++)
        {
            var page = await Client.ListEndsAsync(request);
            seen.AddRange(page.Ends.Select(e => e.Record.ConversationId));
            if (page.NextPageToken.Length == 0)
            {
                break;
            }

            request = window.Clone();
            request.PageToken = page.NextPageToken;
        }

        Assert.Equal(Enumerable.Reverse(ids).ToList(), seen.Where(ids.Contains).ToList());
        Assert.True(pages >= 2);

        var bad = await ExpectAsync(StatusCode.InvalidArgument, () => Client.ListEndsAsync(new ListEndsRequest { PageToken = "not-a-token" }).ResponseAsync);
        Assert.StartsWith("page_token", bad.Status.Detail, StringComparison.Ordinal);
        await ExpectAsync(StatusCode.InvalidArgument, () => Client.ListEndsAsync(new ListEndsRequest { PageSize = 501 }).ResponseAsync);
        await ExpectAsync(StatusCode.InvalidArgument, () => Client.ListEndsAsync(new ListEndsRequest { Feedback = (FeedbackFilter)42 }).ResponseAsync);
        await ExpectAsync(StatusCode.InvalidArgument, () => Client.ListEndsAsync(new ListEndsRequest
        {
            StartTime = Timestamp.FromDateTimeOffset(since), EndTime = Timestamp.FromDateTimeOffset(since),
        }).ResponseAsync);
    }

    [Fact]
    public async Task Stats_Count_Ends_Refusals_Support_And_Feedback_Over_Grpc_And_Json()
    {
        var before = await Client.GetStatsAsync(new GetStatsRequest { Bucket = StatsBucket.Hour });
        var ended = await EndedAsync();
        await Client.SubmitFeedbackAsync(new SubmitFeedbackRequest { ConversationId = ended, Source = FeedbackSource.User, Verdict = FeedbackVerdict.EndWasWrong });
        var atRisk = NewId();
        var support = await Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = atRisk, UserText = Phrases.AtRisk });
        Assert.Equal(TurnAction.Support, support.Action);
        await ExpectAsync(StatusCode.FailedPrecondition, () => Client.EndConversationAsync(
            new EndConversationRequest { ConversationId = atRisk, Reason = EndReason.Abuse }).ResponseAsync);

        var after = await Client.GetStatsAsync(new GetStatsRequest { Bucket = StatsBucket.Hour });
        long Delta(Func<StatsPeriod, long> read) => read(after.Total) - read(before.Total);
        Assert.Equal(14, after.Periods.Count);
        Assert.Equal(1, Delta(p => p.EndsByReason.GetValueOrDefault("USER_REQUESTED")));
        Assert.Equal(1, Delta(p => p.EndsByCategory.GetValueOrDefault("none")));
        Assert.Equal(1, Delta(p => p.RefusedEnds.GetValueOrDefault("AT_RISK_VETO")));
        Assert.Equal(1, Delta(p => p.SupportTurns));
        Assert.Equal(1, Delta(p => p.Feedback.GetValueOrDefault("END_WAS_WRONG")));
        Assert.Equal(after.Total.SupportTurns, after.Periods.Sum(p => p.SupportTurns));

        using var json = await Http.GetAsync("/v1/stats?bucket=STATS_BUCKET_DAY");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var total = JsonNode.Parse(await json.Content.ReadAsStringAsync())!["total"]!;
        Assert.Equal(after.Total.SupportTurns, long.Parse(total["supportTurns"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        using var tooMany = await Http.GetAsync("/v1/stats?bucket=STATS_BUCKET_HOUR&startTime=2020-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Json_Routes_Submit_Feedback_And_List_Ends()
    {
        var id = await EndedAsync();
        using var submitted = await Http.PostAsJsonAsync($"/v1/conversations/{id}/feedback",
            new { source = "FEEDBACK_SOURCE_OPERATOR", verdict = "FEEDBACK_VERDICT_END_WAS_WRONG", requestId = "json-fb" });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("FEEDBACK_VERDICT_END_WAS_WRONG", (string)JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["record"]!["verdict"]!);

        using var listed = await Http.GetAsync("/v1/ends?feedback=FEEDBACK_FILTER_MARKED_WRONG&pageSize=500");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var ends = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!["ends"]!.AsArray();
        Assert.Contains(ends, e => (string)e!["record"]!["conversationId"]! == id);

        using var unknown = await Http.PostAsJsonAsync($"/v1/conversations/{id}/feedback", new { source = "FEEDBACK_SOURCE_ROBOT", verdict = "FEEDBACK_VERDICT_OTHER" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var badToken = await Http.GetAsync("/v1/ends?pageToken=zzz");
        Assert.Equal(HttpStatusCode.BadRequest, badToken.StatusCode);
    }
}

/// <summary>Feedback and the list of ends under API keys: each tenant its own, read-only keys list but do not write.</summary>
public sealed class FeedbackAndEndsAuthTests : IAsyncLifetime
{
    private const string AcmeKey = "acme-secret-1";
    private const string AcmeReaderKey = "acme-reader-1";
    private const string AcmeOperatorKey = "acme-operator-1";
    private const string GlobexKey = "globex-secret-1";
    private readonly string _authFile = Path.Combine(Path.GetTempPath(), $"sg-auth-{Guid.NewGuid():N}.json");
    private TestSidecar? _server;

    private GuardService.GuardServiceClient Client => _server!.Client;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_authFile, $$"""
            {
              "tenants": {
                "acme": { "keys": [ { "sha256": "{{ApiKeyHash.Of(AcmeKey)}}" }, { "sha256": "{{ApiKeyHash.Of(AcmeReaderKey)}}", "readOnly": true },
                                    { "sha256": "{{ApiKeyHash.Of(AcmeOperatorKey)}}", "operator": true } ] },
                "globex": { "keys": [ { "sha256": "{{ApiKeyHash.Of(GlobexKey)}}" } ] }
              }
            }
            """);
        _server = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Memory, AuthPath = _authFile });
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        File.Delete(_authFile);
    }

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    [Fact]
    public async Task Each_Tenant_Lists_Its_Own_Ends_And_A_Read_Only_Key_Cannot_Write_Feedback()
    {
        const string Id = "shared-id";
        foreach (var text in new[] { Phrases.EndRequest, Phrases.Confirm })
        {
            await Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = Id, UserText = text }, Bearer(AcmeKey));
        }

        await Client.EndConversationAsync(new EndConversationRequest { ConversationId = Id, Reason = EndReason.UserRequested }, Bearer(AcmeKey));

        var acme = await Client.ListEndsAsync(new ListEndsRequest(), Bearer(AcmeReaderKey));
        Assert.Equal(Id, Assert.Single(acme.Ends).Record.ConversationId);
        Assert.Equal(1, (await Client.GetStatsAsync(new GetStatsRequest(), Bearer(AcmeReaderKey))).Total.EndsByReason["USER_REQUESTED"]);
        Assert.Empty((await Client.GetStatsAsync(new GetStatsRequest(), Bearer(GlobexKey))).Total.EndsByReason);
        Assert.Empty((await Client.ListEndsAsync(new ListEndsRequest(), Bearer(GlobexKey))).Ends);

        var feedback = new SubmitFeedbackRequest { ConversationId = Id, Source = FeedbackSource.Operator, Verdict = FeedbackVerdict.EndWasRight };
        var denied = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitFeedbackAsync(feedback, Bearer(AcmeReaderKey)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var fromUser = feedback.Clone();
        fromUser.Source = FeedbackSource.User;
        var foreign = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitFeedbackAsync(fromUser, Bearer(GlobexKey)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);

        // Only an operator's key speaks as an operator; the application's key passes on its users' feedback.
        var notOperator = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitFeedbackAsync(feedback, Bearer(AcmeKey)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, notOperator.StatusCode);
        Assert.Contains("operator", notOperator.Status.Detail, StringComparison.Ordinal);
        Assert.False((await Client.SubmitFeedbackAsync(feedback, Bearer(AcmeOperatorKey))).AlreadyRecorded);
        Assert.False((await Client.SubmitFeedbackAsync(fromUser, Bearer(AcmeKey))).AlreadyRecorded);
        var view = await Client.GetConversationAsync(new GetConversationRequest { ConversationId = Id }, Bearer(AcmeReaderKey));
        Assert.Equal([FeedbackSource.Operator, FeedbackSource.User], view.Feedback.Select(f => f.Source));
    }

    [Fact]
    public async Task A_Key_Both_Read_Only_And_Operator_Stops_The_Sidecar()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sg-auth-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, $$"""
            { "tenants": { "acme": { "keys": [ { "sha256": "{{ApiKeyHash.Of("both")}}", "readOnly": true, "operator": true } ] } } }
            """);
        try
        {
            var error = await Assert.ThrowsAsync<AuthSettingsException>(() => TestSidecar.StartAsync(new SidecarOptions { AuthPath = path }));
            Assert.Contains("both readOnly and operator", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
