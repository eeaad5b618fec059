using SidecarGuard.Contracts;
using V1 = SidecarGuard.Contracts.V1;

namespace SidecarGuard.Client.Tests;

/// <summary>
/// The one mapping between the wire and the model (SidecarGuard.Contracts' <see cref="ContractMapping"/>), which the
/// sidecar and the client both use: the enums agree value for value, and every message survives the trip both ways.
/// </summary>
public sealed class ContractMappingTests
{
    [Fact]
    public void Every_Enum_Value_Means_The_Same_On_The_Wire_And_In_The_Model()
    {
        AssertSameValues<TurnAction, V1.TurnAction>();
        AssertSameValues<EndReason, V1.EndReason>();
        AssertSameValues<ConversationStatus, V1.ConversationStatus>();
        AssertSameValues<FeedbackSource, V1.FeedbackSource>();
        AssertSameValues<FeedbackVerdict, V1.FeedbackVerdict>();
        AssertSameValues<EndFeedbackFilter, V1.FeedbackFilter>();
        AssertSameValues<StatsBucket, V1.StatsBucket>();
    }

    [Fact]
    public void A_Statistics_Query_And_Report_Round_Trip()
    {
        var at = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
        var query = new StatsQuery { From = at, To = at.AddDays(2), Bucket = StatsBucket.Hour };
        Assert.Equal(query, ContractMapping.ToModel(ContractMapping.ToContract(query)));
        Assert.Equal(new StatsQuery(), ContractMapping.ToModel(ContractMapping.ToContract(new StatsQuery())));

        var period = new StatsPeriod
        {
            Start = at,
            EndsByReason = new Dictionary<string, long> { ["ABUSE"] = 2 },
            EndsByCategory = new Dictionary<string, long> { ["mass_violence"] = 2 },
            RefusedEnds = new Dictionary<string, long> { ["AT_RISK_VETO"] = 1, ["NOT_ELIGIBLE_YET"] = 3 },
            SupportTurns = 4,
            Feedback = new Dictionary<string, long> { ["END_WAS_WRONG"] = 1 },
        };
        var report = ContractMapping.ToModel(ContractMapping.ToContract(new StatsReport([period, new StatsPeriod { Start = at.AddDays(1) }], period)));
        Assert.Equal(2, report.Periods.Count);
        Assert.Equal((at, 4L, 3L), (report.Total.Start, report.Total.SupportTurns, report.Total.RefusedEnds["NOT_ELIGIBLE_YET"]));
        Assert.Equal(period.EndsByReason, report.Periods[0].EndsByReason);
        Assert.Equal(period.Feedback, report.Periods[0].Feedback);
        Assert.Empty(report.Periods[1].EndsByCategory);
    }

    [Fact]
    public void Feedback_And_A_Page_Of_Ends_Round_Trip()
    {
        var request = new FeedbackRequest("c1", FeedbackSource.Operator, FeedbackVerdict.SupportWasWrong) { Comment = "no", RequestId = "r1" };
        Assert.Equal(request, ContractMapping.ToModel(ContractMapping.ToContract(request)));
        Assert.Equal(new FeedbackRequest("c1", FeedbackSource.User, FeedbackVerdict.Other),
            ContractMapping.ToModel(ContractMapping.ToContract(new FeedbackRequest("c1", FeedbackSource.User, FeedbackVerdict.Other))));

        var at = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        var feedback = new FeedbackRecord
        {
            ConversationId = "c1", Source = FeedbackSource.User, Verdict = FeedbackVerdict.EndWasWrong, RecordedAt = at,
            CommentBytes = 2, CommentHash = "ab", RequestId = "r1",
        };
        var outcome = ContractMapping.ToModel(ContractMapping.ToContract(new FeedbackOutcome(feedback, AlreadyRecorded: true)));
        Assert.Equal((feedback, true), (outcome.Record, outcome.AlreadyRecorded));

        var query = new EndQuery
        {
            From = at, To = at.AddDays(1), Reason = EndReason.Abuse, Category = "abuse", Feedback = EndFeedbackFilter.MarkedWrong,
            PageSize = 20, PageToken = "t",
        };
        Assert.Equal(query, ContractMapping.ToModel(ContractMapping.ToContract(query)));
        Assert.Equal(new EndQuery(), ContractMapping.ToModel(ContractMapping.ToContract(new EndQuery())));

        var end = new EndRecord { ConversationId = "c1", Reason = EndReason.Abuse, EndedAt = at, PolicyVersion = "p", EvidenceHashes = ["h"] };
        var page = ContractMapping.ToModel(ContractMapping.ToContract(new EndPage([new EndSummary(end, [feedback])], "next")));
        Assert.Equal("next", page.NextPageToken);
        Assert.Equal(end with { EvidenceHashes = page.Ends[0].Record.EvidenceHashes }, page.Ends[0].Record);
        Assert.Equal(feedback, Assert.Single(page.Ends[0].Feedback));
        Assert.Null(ContractMapping.ToModel(ContractMapping.ToContract(new EndPage([], null))).NextPageToken);
    }

    [Fact]
    public void A_Snapshot_Round_Trips_With_Absent_And_Present_Values()
    {
        ConversationSnapshot[] snapshots =
        [
            new() { ConversationId = "c1" },
            new()
            {
                ConversationId = "c2", Status = ConversationStatus.Ended, TurnCount = 7, StreakCategory = "mass_violence",
                StreakHarmfulTurns = 4, RedirectsGiven = 2, WarningGiven = true, AtRisk = true, PendingEndConfirmation = true,
                PermittedEnd = EndReason.Abuse, BenignStreak = 1, BranchedFrom = "c0",
            },
        ];
        Assert.All(snapshots, s => Assert.Equal(s, ContractMapping.ToModel(ContractMapping.ToContract(s))));
    }

    [Fact]
    public void An_End_Record_Round_Trips()
    {
        var record = new EndRecord
        {
            ConversationId = "c1", Reason = EndReason.Abuse, EndedAt = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero),
            Category = "abuse", TurnIndex = 4, PolicyVersion = "p1", EvidenceHashes = ["a", "b"], RequestId = "r1",
        };
        var back = ContractMapping.ToModel(ContractMapping.ToContract(record));
        Assert.Equal(record with { EvidenceHashes = [] }, back with { EvidenceHashes = [] });
        Assert.Equal(record.EvidenceHashes, back.EvidenceHashes);
    }

    [Fact]
    public void A_Verdict_Round_Trips()
    {
        var verdict = new TurnVerdict
        {
            Action = TurnAction.Warn, EndReason = EndReason.None, Categories = [new("mass_violence", 0.9)], Reason = "why",
            Guidance = "how", State = new ConversationSnapshot { ConversationId = "c1", TurnCount = 3 }, TurnIndex = 2, Replayed = true,
        };
        var back = ContractMapping.ToModel(ContractMapping.ToContract(verdict));
        Assert.Equal(verdict with { Categories = [] }, back with { Categories = [] });
        Assert.Equal(verdict.Categories, back.Categories);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    [InlineData(false)]
    public void A_Turn_Request_Round_Trips_Whether_Or_Not_The_Refusal_Was_Said(bool? refused)
    {
        var request = new TurnRequest("c1", "hello") { TurnId = "t1", PreviousAssistantText = "hi", PreviousAssistantRefused = refused };
        Assert.Equal(request, ContractMapping.ToModel(ContractMapping.ToContract(request, "t1")));
    }

    private static void AssertSameValues<TModel, TWire>()
        where TModel : struct, Enum
        where TWire : struct, Enum
    {
        var wire = Enum.GetValues<TWire>().ToDictionary(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), v => v.ToString());
        foreach (var value in Enum.GetValues<TModel>())
        {
            var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(wire.TryGetValue(number, out var name), $"{typeof(TModel).Name}.{value} ({number}) has no wire value");
            if (number != 0)
            {
                // 0 is "not set" on both sides under its own name (None in the model, Unspecified on the wire).
                Assert.Equal(value.ToString(), name);
            }
        }

        Assert.True(Enum.GetValues<TWire>().Length - Enum.GetValues<TModel>().Length is 0 or 1,
            $"{typeof(TWire).Name} has values the model does not know");
    }
}
