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
