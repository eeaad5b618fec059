using Google.Rpc;
using Grpc.Core;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using ConversationStatus = SidecarGuard.Contracts.V1.ConversationStatus;
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

public sealed class BranchTests : ServerTestBase
{
    private async Task<BranchConversationResponse> BranchAsync(string id, int turnIndex, string newId = "") =>
        await Client.BranchConversationAsync(new BranchConversationRequest { ConversationId = id, TurnIndex = turnIndex, NewConversationId = newId });

    [Fact]
    public async Task Branching_Before_The_Streak_Starts_Clean()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Benign, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse });

        var branch = await BranchAsync(id, 1);
        Assert.Equal(1, branch.State.TurnCount);
        Assert.Equal(0, branch.State.StreakHarmfulTurns);
        Assert.Equal(id, branch.State.BranchedFrom);
        Assert.Equal(TurnAction.Redirect, (await TurnAsync(branch.NewConversationId, Phrases.Terror)).Action);
    }

    [Fact]
    public async Task Branching_At_The_Last_Turn_Does_Not_Launder_The_Streak()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror);
        await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse });

        var branch = await BranchAsync(id, 3, "edited-" + id);
        Assert.Equal("edited-" + id, branch.NewConversationId);
        Assert.True(branch.State.WarningGiven);
        Assert.Equal(ConversationStatus.Active, branch.State.Status);
        Assert.Equal(TurnAction.End, (await TurnAsync(branch.NewConversationId, Phrases.Terror)).Action);
        Assert.Equal(TurnAction.Ended, (await TurnAsync(id, Phrases.Benign)).Action);
    }

    [Fact]
    public async Task Branch_Keeps_The_At_Risk_Veto_Of_Earlier_Turns()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.AtRisk, Phrases.Benign);
        var branch = await BranchAsync(id, 2);
        Assert.True(branch.State.AtRisk);
    }

    [Fact]
    public async Task Branching_At_Zero_Is_A_Fresh_Conversation()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror);
        var branch = await BranchAsync(id, 0);
        Assert.Equal(0, branch.State.TurnCount);
        Assert.Equal(0, branch.State.RedirectsGiven);
    }

    [Fact]
    public async Task Branch_Index_Out_Of_Range_Is_Invalid()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Benign);
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => BranchAsync(id, 2));
        Assert.Equal("turn_index", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
        await ExpectErrorAsync(StatusCode.InvalidArgument, () => BranchAsync(id, -1));
    }

    [Fact]
    public async Task Branch_Into_An_Existing_Id_Is_Already_Exists()
    {
        var id = NewId();
        var other = NewId();
        await TurnsAsync(id, Phrases.Benign);
        await TurnsAsync(other, Phrases.Benign);
        await ExpectErrorAsync(StatusCode.AlreadyExists, () => BranchAsync(id, 1, other));
        await ExpectErrorAsync(StatusCode.AlreadyExists, () => BranchAsync(id, 1, id));
    }

    [Fact]
    public async Task An_Ended_Conversation_Branches_At_Any_Of_Its_Turns_And_Turns_After_The_End_Add_None()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.EndRequest, Phrases.Confirm);
        await Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.UserRequested });
        Assert.Equal(TurnAction.Ended, (await TurnAsync(id, Phrases.Benign)).Action);

        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => BranchAsync(id, 3));
        Assert.Contains("use 0..2", error.Status.Detail, StringComparison.Ordinal);
        var branch = await BranchAsync(id, 2);
        Assert.Equal(2, branch.State.TurnCount);
        Assert.Equal(ConversationStatus.Active, branch.State.Status);
        Assert.Equal(TurnAction.Allow, (await TurnAsync(branch.NewConversationId, Phrases.Benign)).Action);
    }

    [Fact]
    public async Task A_Branch_Can_Itself_Be_Branched()
    {
        var id = NewId();
        await TurnsAsync(id, Phrases.Terror, Phrases.Terror);
        var first = await BranchAsync(id, 2);
        await TurnsAsync(first.NewConversationId, Phrases.Terror);
        var second = await BranchAsync(first.NewConversationId, 3);
        Assert.True(second.State.WarningGiven);
        Assert.Equal(3, second.State.TurnCount);
    }
}
