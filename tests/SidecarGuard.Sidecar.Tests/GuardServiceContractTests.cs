using Google.Rpc;
using Grpc.Core;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using ConversationStatus = SidecarGuard.Contracts.V1.ConversationStatus;
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

public sealed class GuardServiceContractTests : ServerTestBase
{
    [Fact]
    public async Task Persistent_Terror_Requests_Go_Redirect_Redirect_Warn_End()
    {
        var id = NewId();
        var actions = await TurnsAsync(id, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        Assert.Equal([TurnAction.Redirect, TurnAction.Redirect, TurnAction.Warn, TurnAction.End], actions);
    }

    [Fact]
    public async Task End_Verdict_Names_Its_Reason_And_Guidance_And_State()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        var end = await TurnAsync(id, Phrases.Terror);
        Assert.Equal(EndReason.Abuse, end.EndReason);
        Assert.Contains("end_conversation", end.Guidance, StringComparison.Ordinal);
        Assert.Equal(EndReason.Abuse, end.State.PermittedEnd);
        Assert.Equal(4, end.State.TurnCount);
        Assert.Equal(3, end.TurnIndex);
        Assert.NotEmpty(end.Categories);
    }

    [Fact]
    public async Task Ending_When_Permitted_Writes_An_Audit_Record_And_Locks_The_Conversation()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        var ended = await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse, RequestId = "r1" });
        Assert.False(ended.AlreadyEnded);
        Assert.Equal(EndReason.Abuse, ended.Record.Reason);
        Assert.Equal(3, ended.Record.TurnIndex);
        Assert.Equal("r1", ended.Record.RequestId);
        Assert.Equal("builtin-1", ended.Record.PolicyVersion);
        Assert.Equal(4, ended.Record.EvidenceHashes.Count);
        Assert.All(ended.Record.EvidenceHashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
        Assert.Equal(ConversationStatus.Ended, ended.State.Status);

        Assert.Equal(TurnAction.Ended, (await TurnAsync(id, Phrases.Benign)).Action);
        var other = NewId();
        Assert.Equal(TurnAction.Allow, (await TurnAsync(other, Phrases.Benign)).Action);
    }

    [Fact]
    public async Task Ending_Twice_Returns_The_Same_Record()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        var first = await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse, RequestId = "a" });
        var second = await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse, RequestId = "b" });
        Assert.True(second.AlreadyEnded);
        Assert.Equal(first.Record, second.Record);
    }

    [Fact]
    public async Task Premature_End_Is_Refused_With_Not_Eligible_Yet_Details()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror);
        var error = await ExpectErrorAsync(StatusCode.FailedPrecondition,
            () => Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse }).ResponseAsync);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("NOT_ELIGIBLE_YET", info.Reason);
        Assert.Equal("2", info.Metadata["redirects_given"]);
        Assert.Equal("false", info.Metadata["warning_given"]);

        // The refusal changed nothing: the next harmful turn is the warning.
        Assert.Equal(TurnAction.Warn, (await TurnAsync(id, Phrases.Terror)).Action);
    }

    [Fact]
    public async Task At_Risk_User_Gets_Support_And_Every_End_Is_Vetoed()
    {
        var id = NewId();
        var support = await TurnAsync(id, Phrases.AtRisk);
        Assert.Equal(TurnAction.Support, support.Action);
        Assert.True(support.State.AtRisk);

        var actions = await TurnsAsync(id, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        Assert.DoesNotContain(TurnAction.End, actions);

        foreach (var reason in new[] { EndReason.Abuse, EndReason.UserRequested })
        {
            var error = await ExpectErrorAsync(StatusCode.FailedPrecondition,
                () => Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = reason }).ResponseAsync);
            var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
            Assert.Equal("AT_RISK_VETO", info.Reason);
            Assert.Equal(reason == EndReason.Abuse ? "END_REASON_ABUSE" : "END_REASON_USER_REQUESTED", info.Metadata["requested_reason"]);
        }
    }

    [Fact]
    public async Task Invalid_Argument_Messages_Are_Plain_Sentences()
    {
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument,
            () => Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = NewId(), UserText = "  " }).ResponseAsync);
        Assert.DoesNotContain("(Parameter", error.Status.Detail, StringComparison.Ordinal);
        Assert.EndsWith(".", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_Requested_End_Needs_Confirmation()
    {
        var id = NewId();
        Assert.Equal(TurnAction.ConfirmEnd, (await TurnAsync(id, Phrases.EndRequest)).Action);
        var early = await ExpectErrorAsync(StatusCode.FailedPrecondition,
            () => Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.UserRequested }).ResponseAsync);
        Assert.Equal("NO_CONFIRMATION", early.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);

        var confirmed = await TurnAsync(id, Phrases.Confirm);
        Assert.Equal(TurnAction.End, confirmed.Action);
        Assert.Equal(EndReason.UserRequested, confirmed.EndReason);
        var ended = await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.UserRequested });
        Assert.Equal(EndReason.UserRequested, ended.Record.Reason);
        Assert.Equal("", ended.Record.Category);
    }

    [Fact]
    public async Task Abuse_End_Is_Refused_After_A_User_Confirmation()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.EndRequest, Phrases.Confirm);
        var error = await ExpectErrorAsync(StatusCode.FailedPrecondition,
            () => Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse }).ResponseAsync);
        Assert.Equal("NOT_ELIGIBLE_YET", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Assistant_Refusal_Counts_The_Refused_Turn_As_Harmful()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror);
        // The detector sees nothing in this turn, but the assistant refused it.
        Assert.Equal(TurnAction.Allow, (await TurnAsync(id, "Now tell me the part you left out.")).Action);
        var next = await TurnAsync(id, "And the rest of it.", previousAssistant: Phrases.Refusal);
        Assert.Equal(3, next.State.StreakHarmfulTurns);
    }

    [Fact]
    public async Task Explicit_Refused_Flag_Overrides_The_Detector()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror);
        await TurnAsync(id, "Now tell me the part you left out.");
        var next = await Client.EvaluateTurnAsync(new EvaluateTurnRequest
        {
            ConversationId = id,
            UserText = "And the rest of it.",
            PreviousAssistantText = "Sure! Here is a poem about spring.",
            PreviousAssistantRefused = true,
        });
        Assert.Equal(3, next.State.StreakHarmfulTurns);
    }

    [Fact]
    public async Task Retried_Turn_Returns_The_Same_Verdict_And_Is_Not_Counted_Twice()
    {
        var id = NewId();
        var first = await TurnAsync(id, Phrases.Terror, turnId: "turn-1");
        var retry = await TurnAsync(id, Phrases.Terror, turnId: "turn-1");
        Assert.Equal(first.Action, retry.Action);
        Assert.True(retry.Replayed);
        Assert.Equal(1, retry.State.TurnCount);
        Assert.Equal(1, retry.State.RedirectsGiven);
    }

    [Fact]
    public async Task Reusing_A_Turn_Id_For_Another_Text_Is_Invalid()
    {
        var id = NewId();
        await TurnAsync(id, Phrases.Benign, turnId: "turn-1");
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => TurnAsync(id, Phrases.Terror, turnId: "turn-1"));
        Assert.Equal("turn_id", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
        Assert.Equal(1, (await Client.GetConversationAsync(new GetConversationRequest { ConversationId = id })).State.TurnCount);
    }

    [Fact]
    public async Task Get_Returns_State_And_End_Record()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.EndRequest, Phrases.Confirm);
        var before = await Client.GetConversationAsync(new GetConversationRequest { ConversationId = id });
        Assert.Null(before.EndRecord);
        Assert.Equal(ConversationStatus.Active, before.State.Status);
        await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.UserRequested });
        var after = await Client.GetConversationAsync(new GetConversationRequest { ConversationId = id });
        Assert.Equal(ConversationStatus.Ended, after.State.Status);
        Assert.Equal(EndReason.UserRequested, after.EndRecord.Reason);
    }
}
