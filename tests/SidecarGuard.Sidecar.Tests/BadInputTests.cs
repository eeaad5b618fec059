using Google.Rpc;
using Grpc.Core;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

public sealed class BadInputTests : ServerTestBase
{
    public static TheoryData<string, string> BadIds => new()
    {
        { "", "required" },
        { new string('a', 129), "limit is 128" },
        { "has space", "outside [A-Za-z0-9._:-]" },
        { "slash/id", "outside [A-Za-z0-9._:-]" },
        { "emoji-\U0001F600", "outside [A-Za-z0-9._:-]" },
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task Bad_Conversation_Id_Is_Invalid_Argument_With_Field(string id, string message)
    {
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => TurnAsync(id, Phrases.Benign));
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
        var violation = Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("conversation_id", violation.Field);
    }

    [Fact]
    public async Task Longest_Allowed_Id_Is_Accepted()
    {
        var id = new string('a', 95) + "._:-" + Guid.NewGuid().ToString("N")[..29];
        Assert.Equal(128, id.Length);
        Assert.Equal(TurnAction.Allow, (await TurnAsync(id, Phrases.Benign)).Action);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task Blank_Text_Is_Invalid_Argument(string text)
    {
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => TurnAsync(NewId(), text));
        Assert.Equal("user_text", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task Text_Over_The_Limit_Is_Invalid_And_Changes_Nothing()
    {
        var id = NewId();
        await TurnAsync(id, Phrases.Benign);
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => TurnAsync(id, new string('é', 20_000)));
        Assert.Contains("40000 bytes", error.Status.Detail, StringComparison.Ordinal);
        var state = await Client.GetConversationAsync(new GetConversationRequest { ConversationId = id });
        Assert.Equal(1, state.State.TurnCount);
    }

    [Fact]
    public async Task Previous_Assistant_Text_Over_The_Limit_Is_Invalid()
    {
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => TurnAsync(NewId(), Phrases.Benign, previousAssistant: new string('x', 40_000)));
        Assert.Equal("previous_assistant_text", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task Bad_Turn_Id_Is_Invalid_Argument()
    {
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => TurnAsync(NewId(), Phrases.Benign, turnId: "bad id"));
        Assert.Equal("turn_id", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task Unknown_Conversation_Is_Not_Found_On_End_Get_And_Branch()
    {
        var id = NewId();
        await ExpectErrorAsync(StatusCode.NotFound,
            () => Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse }).ResponseAsync);
        await ExpectErrorAsync(StatusCode.NotFound,
            () => Client.GetConversationAsync(new GetConversationRequest { ConversationId = id }).ResponseAsync);
        var error = await ExpectErrorAsync(StatusCode.NotFound,
            () => Client.BranchConversationAsync(new BranchConversationRequest { ConversationId = id }).ResponseAsync);
        Assert.Equal(id, error.GetRpcStatus()!.GetDetail<ResourceInfo>().ResourceName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public async Task End_Reason_Must_Name_An_End(int reason)
    {
        var id = NewId();
        await TurnAsync(id, Phrases.Benign);
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument,
            () => Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = (EndReason)reason }).ResponseAsync);
        Assert.Equal("reason", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task Bad_Request_Id_Is_Invalid_Argument()
    {
        var id = NewId();
        await TurnAsync(id, Phrases.Benign);
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument,
            () => Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = EndReason.Abuse, RequestId = "no spaces" }).ResponseAsync);
        Assert.Equal("request_id", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task Control_And_Format_Characters_In_Text_Are_Judged_Not_Rejected()
    {
        var verdict = await TurnAsync(NewId(), "hello\u0000\u200B\u202E\uFEFF there\u0007");
        Assert.Equal(TurnAction.Allow, verdict.Action);
    }
}
