using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Core.Tests.Guard;

public sealed class ConversationGuardTests
{
    /// <summary>A detector whose answers are set per text, so these tests exercise the guard, not the lexicons.</summary>
    private sealed class ScriptedDetector : ITurnDetector
    {
        public TurnSignals AnalyzeUserTurn(string text) => text switch
        {
            "harm" => new() { Categories = [new(HarmCategories.MassViolence, 0.9)] },
            "risk" => new() { AtRisk = true, Categories = [new(HarmCategories.SelfHarm, 0.9)] },
            _ => TurnSignals.None,
        };

        public bool IsRefusal(string assistantText) => assistantText == "no";
    }

    private readonly InMemoryConversationStore _store = new();
    private readonly ConversationGuard _guard;

    public ConversationGuardTests()
    {
        _guard = new ConversationGuard(new ScriptedDetector(), new PolicyHolder(new PolicyOptions()), _store);
    }

    private async Task<TurnAction> TurnAsync(string text, string? turnId = null, string? previous = null) =>
        (await _guard.EvaluateTurnAsync(new TurnRequest("c", text) { TurnId = turnId, PreviousAssistantText = previous })).Action;

    [Fact]
    public async Task Raw_Text_Is_Not_Stored_By_Default()
    {
        await TurnAsync("hello there");
        var turn = Assert.Single(await _store.GetTurnsAsync("c", 10, CancellationToken.None));
        Assert.Null(turn.Text);
        Assert.Equal(TextHash.Of("hello there"), turn.TextHash);
    }

    [Fact]
    public async Task Text_Is_Stored_When_Configured()
    {
        var guard = new ConversationGuard(new ScriptedDetector(), new PolicyHolder(new PolicyOptions()), _store, new GuardOptions { StoreText = true });
        await guard.EvaluateTurnAsync(new TurnRequest("kept", "hello there"));
        Assert.Equal("hello there", Assert.Single(await _store.GetTurnsAsync("kept", 10, CancellationToken.None)).Text);
    }

    [Fact]
    public async Task A_Feedback_Comment_Is_Kept_Only_Where_Text_Is_Stored()
    {
        var keeping = new ConversationGuard(new ScriptedDetector(), new PolicyHolder(new PolicyOptions()), _store, new GuardOptions { StoreText = true });
        await TurnAsync("hello there");
        var kept = await keeping.SubmitFeedbackAsync(new FeedbackRequest("c", FeedbackSource.Operator, FeedbackVerdict.Other) { Comment = "héllo" });
        var hashed = await _guard.SubmitFeedbackAsync(new FeedbackRequest("c", FeedbackSource.Operator, FeedbackVerdict.Other) { Comment = "héllo" });

        Assert.Equal(("héllo", 6, TextHash.Of("héllo")), (kept.Record.Comment, kept.Record.CommentBytes, kept.Record.CommentHash));
        Assert.Equal((null, 6, TextHash.Of("héllo")), (hashed.Record.Comment, hashed.Record.CommentBytes, hashed.Record.CommentHash));
        Assert.Equal(2, (await _store.GetFeedbackAsync("c", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_Branch_Does_Not_Inherit_The_Feedback_Request_Ids_Of_Its_Source()
    {
        await TurnAsync("hello there");
        await TurnAsync("and again");
        var feedback = new FeedbackRequest("c", FeedbackSource.User, FeedbackVerdict.Other) { RequestId = "once" };
        Assert.False((await _guard.SubmitFeedbackAsync(feedback)).AlreadyRecorded);
        Assert.True((await _guard.SubmitFeedbackAsync(feedback)).AlreadyRecorded);

        await TurnAsync("a third turn");
        var branch = await _guard.BranchConversationAsync("c", 3, "c-branch");
        Assert.False((await _guard.SubmitFeedbackAsync(feedback with { ConversationId = branch.ConversationId })).AlreadyRecorded);
    }

    /// <summary>A clock the test moves.</summary>
    private sealed class SteppedTime(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Statistics_Count_Ends_Refusals_Vetoes_Support_And_Feedback_Per_Day()
    {
        var time = new SteppedTime(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var guard = new ConversationGuard(new ScriptedDetector(), new PolicyHolder(new PolicyOptions()), _store, time: time);
        async Task Say(string id, string text) => await guard.EvaluateTurnAsync(new TurnRequest(id, text));

        await Say("abusive", "harm");
        Assert.False((await guard.EndConversationAsync("abusive", EndReason.Abuse)).Ended); // not eligible yet
        for (var i = 0; i < 3; i++)
        {
            await Say("abusive", "harm");
        }

        Assert.True((await guard.EndConversationAsync("abusive", EndReason.Abuse)).Ended);
        time.Now = time.Now.AddDays(2);
        await Say("at-risk", "risk");
        Assert.Equal(EndRefusalCode.AtRiskVeto, (await guard.EndConversationAsync("at-risk", EndReason.UserRequested)).Refusal);
        await guard.SubmitFeedbackAsync(new FeedbackRequest("abusive", FeedbackSource.Operator, FeedbackVerdict.EndWasRight));

        var report = await guard.GetStatsAsync(new StatsQuery { From = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), To = time.Now });
        Assert.Equal(4, report.Periods.Count); // Nov 30 .. Dec 3, days
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), report.Periods[1].Start);
        Assert.Equal(1, report.Periods[1].EndsByReason["ABUSE"]);
        Assert.Equal(1, report.Periods[1].EndsByCategory[HarmCategories.MassViolence]);
        Assert.Equal(1, report.Periods[1].RefusedEnds["NOT_ELIGIBLE_YET"]);
        Assert.Equal(1, report.Periods[3].RefusedEnds["AT_RISK_VETO"]);
        Assert.Equal(1, report.Periods[3].SupportTurns);
        Assert.Equal(1, report.Periods[3].Feedback["END_WAS_RIGHT"]);
        Assert.Empty(report.Periods[0].EndsByReason);
        Assert.Equal((1, 2, 1), (report.Total.EndsByReason["ABUSE"], report.Total.RefusedEnds.Values.Sum(), report.Total.SupportTurns));

        var hours = await guard.GetStatsAsync(new StatsQuery { Bucket = StatsBucket.Hour });
        Assert.Equal(14, hours.Periods.Count); // the default: 14 periods ending with the current one
        Assert.Equal(1, hours.Periods[^1].SupportTurns);

        await Assert.ThrowsAsync<InvalidGuardRequestException>(() => guard.GetStatsAsync(new StatsQuery
        {
            From = time.Now.AddYears(-1), To = time.Now, Bucket = StatsBucket.Hour,
        }).AsTask());
        await Assert.ThrowsAsync<InvalidGuardRequestException>(() => guard.GetStatsAsync(new StatsQuery { From = time.Now, To = time.Now }).AsTask());
    }

    [Fact]
    public async Task Detected_Refusal_In_The_Previous_Reply_Rejudges_The_Turn()
    {
        await TurnAsync("harm");
        await TurnAsync("harm");
        await TurnAsync("something vague");
        await TurnAsync("more", previous: "no");
        var view = await _guard.GetConversationAsync("c");
        Assert.Equal(3, view!.State.StreakHarmfulTurns);
    }

    [Fact]
    public async Task Only_The_Last_32_Turn_Ids_Are_Remembered()
    {
        for (var i = 0; i < 33; i++)
        {
            await TurnAsync("hello", $"t{i}");
        }

        await TurnAsync("hello", "t32");
        Assert.Equal(33, (await _guard.GetConversationAsync("c"))!.State.TurnCount);
        await TurnAsync("hello", "t0");
        Assert.Equal(34, (await _guard.GetConversationAsync("c"))!.State.TurnCount);
    }

    [Fact]
    public async Task End_Of_An_Unknown_Conversation_Is_Not_Found()
    {
        await Assert.ThrowsAsync<ConversationNotFoundException>(() => _guard.EndConversationAsync("nobody", EndReason.Abuse).AsTask());
        Assert.Null(await _store.GetAsync("nobody", CancellationToken.None));
    }

    [Fact]
    public async Task Refused_End_Changes_Nothing()
    {
        await TurnAsync("risk");
        var outcome = await _guard.EndConversationAsync("c", EndReason.UserRequested);
        Assert.False(outcome.Ended);
        Assert.Equal(EndRefusalCode.AtRiskVeto, outcome.Refusal);
        Assert.Empty(await _store.GetAuditAsync("c", CancellationToken.None));
        Assert.Equal(ConversationStatus.Active, (await _guard.GetConversationAsync("c"))!.State.Status);
    }

    [Fact]
    public async Task Generated_Branch_Ids_Are_Valid_Ids()
    {
        await TurnAsync("hello");
        var branch = await _guard.BranchConversationAsync(new string('c', 1), 1);
        RequestValidator.RequireId(branch.ConversationId, "new_conversation_id");
        await _guard.EvaluateTurnAsync(new TurnRequest(new string('L', 128), "hello"));
        var longBranch = await _guard.BranchConversationAsync(new string('L', 128), 1);
        RequestValidator.RequireId(longBranch.ConversationId, "new_conversation_id");
    }

    [Fact]
    public async Task Turns_After_An_End_Change_Nothing_And_Store_Nothing()
    {
        for (var i = 0; i < 4; i++)
        {
            await TurnAsync("harm");
        }

        Assert.True((await _guard.EndConversationAsync("c", EndReason.Abuse)).Ended);
        var before = (await _guard.GetConversationAsync("c"))!.State;
        var turnsBefore = (await _store.GetTurnsAsync("c", 100, CancellationToken.None)).Count;

        for (var i = 0; i < 20; i++)
        {
            var verdict = await _guard.EvaluateTurnAsync(new TurnRequest("c", $"harm {i}") { TurnId = $"late-{i}" });
            Assert.Equal(TurnAction.Ended, verdict.Action);
            Assert.Equal(before.TurnCount, verdict.TurnIndex);
            Assert.False(verdict.Replayed);
        }

        var after = (await _guard.GetConversationAsync("c"))!.State;
        Assert.Equal(before.TurnCount, after.TurnCount);
        Assert.Equal(turnsBefore, (await _store.GetTurnsAsync("c", 100, CancellationToken.None)).Count);
        Assert.Single(await _store.GetAuditAsync("c", CancellationToken.None));
    }

    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\u0000")]
    [InlineData("\u0000\u0000 \u200D")]
    [InlineData("\uFEFF\u2060\u200E\u200F")]
    [InlineData("\u3164\u115F \u2800")]
    [InlineData("\uFE0F\t\r\n")]
    public async Task Text_Of_Only_Invisible_Characters_Is_Blank(string text)
    {
        var error = await Assert.ThrowsAsync<InvalidGuardRequestException>(() => _guard.EvaluateTurnAsync(new TurnRequest("c", text)).AsTask());
        Assert.Equal("user_text", error.Field);
        Assert.Contains("must not be blank", error.Message, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync("c", CancellationToken.None));
    }

    [Theory]
    [InlineData("\u200Bhi")]
    [InlineData("\U0001F600")]
    [InlineData("\u00A0?")]
    public void Text_With_Anything_Visible_Is_Not_Blank(string text) => Assert.False(RequestValidator.IsBlank(text));

    [Fact]
    public async Task A_Legacy_Turn_Stored_After_An_End_Cannot_Start_A_Branch()
    {
        // Versions before post-end turns stopped being stored wrote them with an ended state; branching there is refused.
        await TurnAsync("hello");
        await _store.UpdateAsync("c", current =>
        {
            var ended = current! with { Status = ConversationStatus.Ended, TurnCount = current.TurnCount + 1 };
            return new StoreUpdate<bool>
            {
                NewState = ended,
                Turn = new TurnRecord { Index = current.TurnCount, TextHash = "h", Action = TurnAction.Ended, StateAfter = ended },
                Result = true,
            };
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<GuardPreconditionException>(() => _guard.BranchConversationAsync("c", 2).AsTask());
        Assert.Equal("BRANCH_AFTER_END", error.Reason);
        Assert.Equal(1, (await _guard.BranchConversationAsync("c", 1)).TurnCount);
    }
}
