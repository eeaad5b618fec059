
namespace SidecarGuard.Client.Tests;

/// <summary>The client against a real sidecar: verdicts, refusals as outcomes, and statuses as the Abstractions' exceptions.</summary>
public sealed class GrpcConversationGuardTests : IAsyncLifetime
{
    private TestSidecar _sidecar = null!;
    private GrpcConversationGuard _guard = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await TestSidecar.StartAsync();
        _guard = _sidecar.Guard();
    }

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    private static string NewId() => "c-" + Guid.NewGuid().ToString("N");

    private async Task<TurnAction[]> TurnsAsync(string id, params string[] texts)
    {
        var actions = new List<TurnAction>();
        foreach (var text in texts)
        {
            actions.Add((await _guard.EvaluateTurnAsync(new TurnRequest(id, text))).Action);
        }

        return [.. actions];
    }

    [Fact]
    public async Task Persistent_Terror_Goes_Redirect_Redirect_Warn_End_With_State()
    {
        var id = NewId();
        var actions = await TurnsAsync(id, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        var last = await _guard.EvaluateTurnAsync(new TurnRequest(id, Phrases.Terror));

        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn], actions);
        Assert.Equal(TurnAction.End, last.Action);
        Assert.Equal(EndReason.Abuse, last.EndReason);
        Assert.Equal(3, last.TurnIndex);
        Assert.Equal(4, last.State.TurnCount);
        Assert.True(last.State.WarningGiven);
        Assert.Equal(EndReason.Abuse, last.State.PermittedEnd);
        Assert.Contains(last.Categories, c => c.Name == "mass_violence");
        Assert.Contains("end_conversation", last.Guidance, StringComparison.Ordinal);
        Assert.False(last.Degraded);
    }

    [Fact]
    public async Task End_Before_Warning_Is_A_Refusal_Outcome_With_State()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror);

        var outcome = await _guard.EndConversationAsync(id, EndReason.Abuse);

        Assert.False(outcome.Ended);
        Assert.Equal(EndRefusalCode.NotEligibleYet, outcome.Refusal);
        Assert.False(string.IsNullOrWhiteSpace(outcome.RefusalMessage));
        Assert.Equal(1, outcome.State.TurnCount);
        Assert.Equal(1, outcome.State.RedirectsGiven);
    }

    [Fact]
    public async Task At_Risk_Conversation_Refuses_End_With_Veto()
    {
        var id = NewId();
        Assert.Equal([TurnAction.Support], await TurnsAsync(id, Phrases.AtRisk));

        var outcome = await _guard.EndConversationAsync(id, EndReason.Abuse);

        Assert.Equal(EndRefusalCode.AtRiskVeto, outcome.Refusal);
        Assert.True(outcome.State.AtRisk);
    }

    [Fact]
    public async Task User_Requested_End_Without_Confirmation_Is_Refused()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.EndRequest);

        var outcome = await _guard.EndConversationAsync(id, EndReason.UserRequested);

        Assert.Equal(EndRefusalCode.NoConfirmation, outcome.Refusal);
        Assert.True(outcome.State.PendingEndConfirmation);
    }

    [Fact]
    public async Task Permitted_End_Returns_Record_And_Ending_Again_Returns_It_As_Already_Ended()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.EndRequest, Phrases.Confirm);

        var first = await _guard.EndConversationAsync(id, EndReason.UserRequested, "req-1");
        var second = await _guard.EndConversationAsync(id, EndReason.UserRequested, "req-2");
        var view = await _guard.GetConversationAsync(id);

        Assert.True(first.Ended);
        Assert.Equal(EndReason.UserRequested, first.Record!.Reason);
        Assert.Equal("req-1", first.Record.RequestId);
        Assert.Equal(ConversationStatus.Ended, first.State.Status);
        Assert.True(second.AlreadyEnded);
        Assert.Equal("req-1", second.Record!.RequestId);
        Assert.Equal(ConversationStatus.Ended, view!.State.Status);
        Assert.Equal("req-1", view.EndRecord!.RequestId);
        Assert.Equal(TurnAction.Ended, (await _guard.EvaluateTurnAsync(new TurnRequest(id, Phrases.Benign))).Action);
    }

    [Fact]
    public async Task Unknown_Conversation_Is_Null_On_Get_And_NotFound_On_End()
    {
        var id = NewId();

        Assert.Null(await _guard.GetConversationAsync(id));
        var error = await Assert.ThrowsAsync<ConversationNotFoundException>(async () => await _guard.EndConversationAsync(id, EndReason.Abuse));
        Assert.Equal(id, error.ConversationId);
    }

    [Fact]
    public async Task Invalid_Id_Is_InvalidGuardRequestException_Naming_The_Field()
    {
        var error = await Assert.ThrowsAsync<InvalidGuardRequestException>(
            async () => await _guard.EvaluateTurnAsync(new TurnRequest("bad id with spaces", Phrases.Benign)));

        Assert.Equal("conversation_id", error.Field);
    }

    [Fact]
    public async Task Branch_Into_Taken_Id_Is_ConversationExists_And_Branch_Past_The_Turns_Is_Invalid()
    {
        var id = NewId();
        var other = NewId();
        await TurnsAsync(id, Phrases.EndRequest, Phrases.Confirm);
        await TurnsAsync(other, Phrases.Benign);

        var exists = await Assert.ThrowsAsync<ConversationExistsException>(async () => await _guard.BranchConversationAsync(id, 1, other));
        Assert.Equal(other, exists.ConversationId);

        await _guard.EndConversationAsync(id, EndReason.UserRequested);
        await TurnsAsync(id, Phrases.Benign); // ENDED, and not counted.
        var invalid = await Assert.ThrowsAsync<InvalidGuardRequestException>(async () => await _guard.BranchConversationAsync(id, 3));
        Assert.Equal("turn_index", invalid.Field);

        var branch = await _guard.BranchConversationAsync(id, 1);
        Assert.Equal(id, branch.BranchedFrom);
        Assert.Equal(1, branch.TurnCount);
    }

    [Fact]
    public async Task Feedback_And_The_List_Of_Ends_Read_Back_What_The_Sidecar_Stored()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.EndRequest, Phrases.Confirm);
        var ended = await _guard.EndConversationAsync(id, EndReason.UserRequested);

        var first = await _guard.SubmitFeedbackAsync(new FeedbackRequest(id, FeedbackSource.User, FeedbackVerdict.EndWasWrong) { RequestId = "fb" });
        var retried = await _guard.SubmitFeedbackAsync(new FeedbackRequest(id, FeedbackSource.User, FeedbackVerdict.EndWasWrong) { RequestId = "fb" });
        var page = await _guard.ListEndsAsync(new EndQuery { Feedback = EndFeedbackFilter.MarkedWrong, PageSize = EndQuery.MaxPageSize });

        Assert.False(first.AlreadyRecorded);
        Assert.True(retried.AlreadyRecorded);
        Assert.Equal(first.Record, retried.Record);
        var summary = Assert.Single(page.Ends, e => e.Record.ConversationId == id);
        Assert.Equal(ended.Record!.EndedAt, summary.Record.EndedAt);
        Assert.Equal(first.Record, Assert.Single(summary.Feedback));
        await Assert.ThrowsAsync<ConversationNotFoundException>(() =>
            _guard.SubmitFeedbackAsync(new FeedbackRequest(NewId(), FeedbackSource.User, FeedbackVerdict.Other)).AsTask());
        var invalid = await Assert.ThrowsAnyAsync<ArgumentException>(() => _guard.ListEndsAsync(new EndQuery { PageToken = "nope" }).AsTask());
        Assert.Contains("page_token", invalid.Message, StringComparison.Ordinal);

        var stats = await _guard.GetStatsAsync(new StatsQuery { Bucket = StatsBucket.Hour });
        Assert.Equal(14, stats.Periods.Count);
        Assert.True(stats.Total.EndsByReason["USER_REQUESTED"] >= 1);
        Assert.True(stats.Total.Feedback["END_WAS_WRONG"] >= 1);
    }
}
