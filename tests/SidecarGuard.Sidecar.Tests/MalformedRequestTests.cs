using System.Buffers.Binary;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>Broken protobuf and broken gRPC frames get INVALID_ARGUMENT (or RESOURCE_EXHAUSTED), never INTERNAL or UNKNOWN.</summary>
public sealed class MalformedRequestTests : ServerTestBase
{
    private static readonly byte[] Valid = new GetConversationRequest { ConversationId = "x" }.ToByteArray();

    private static byte[] Frame(byte flag, byte[] message, uint? length = null)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), length ?? (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private async Task<(StatusCode Code, string Message)> SendRawAsync(byte[] body, string? encoding = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Address + "/sidecarguard.v1.GuardService/GetConversation")
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        if (encoding is not null)
        {
            request.Headers.Add("grpc-encoding", encoding);
        }

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        string Header(string name) => response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : "";
        return ((StatusCode)int.Parse(Header("grpc-status"), System.Globalization.CultureInfo.InvariantCulture), Uri.UnescapeDataString(Header("grpc-message")));
    }

    [Fact]
    public async Task Bytes_That_Are_Not_Protobuf_Are_Invalid_Argument()
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, "sidecarguard.v1.GuardService", "EvaluateTurn",
            Marshallers.Create<byte[]>(b => b, b => b), Marshallers.Create<byte[]>(b => b, b => b));
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument,
            () => Server.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), [0x0A, 0xFF, 0xFF, 0x03, 0x41]).ResponseAsync);
        Assert.Contains("EvaluateTurnRequest", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_Utf8_In_A_String_Field_Is_Invalid_Argument()
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, "sidecarguard.v1.GuardService", "EvaluateTurn",
            Marshallers.Create<byte[]>(b => b, b => b), Marshallers.Create<byte[]>(b => b, b => b));
        byte[] body = [0x0A, 0x03, (byte)'a', 0xC3, 0x28, 0x1A, 0x02, (byte)'h', (byte)'i'];
        await ExpectErrorAsync(StatusCode.InvalidArgument,
            () => Server.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, new CallOptions(), body).ResponseAsync);
    }

    [Fact]
    public async Task Unknown_End_Reason_Value_Is_Invalid_Argument()
    {
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => Client.EndConversationAsync(
            new EndConversationRequest { ConversationId = NewId(), Reason = (SidecarGuard.Contracts.V1.EndReason)77 }).ResponseAsync);
        Assert.Contains("reason", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Well_Formed_Raw_Frame_Passes_The_Gate()
    {
        var (code, _) = await SendRawAsync(Frame(0, Valid));
        Assert.Equal(StatusCode.NotFound, code);
    }

    [Theory]
    [InlineData("truncated header")]
    [InlineData("truncated message")]
    [InlineData("trailing frame")]
    [InlineData("compressed without encoding")]
    [InlineData("unknown flag")]
    [InlineData("gzip that does not inflate")]
    public async Task Broken_Frames_Are_Invalid_Argument(string kind)
    {
        var (body, encoding) = kind switch
        {
            "truncated header" => (Frame(0, Valid)[..3], null),
            "truncated message" => (Frame(0, Valid)[..^2], null),
            "trailing frame" => ([.. Frame(0, Valid), .. Frame(0, Valid)], null),
            "compressed without encoding" => (Frame(1, Valid), null),
            "unknown flag" => (Frame(0xFE, Valid), null),
            _ => (Frame(1, Valid), "gzip"),
        };
        var (code, message) = await SendRawAsync(body, encoding);
        Assert.True(code == StatusCode.InvalidArgument, $"{kind}: {code} {message}");
    }

    [Fact]
    public async Task A_Frame_Announcing_More_Than_The_Limit_Is_Resource_Exhausted()
    {
        var (code, _) = await SendRawAsync(Frame(0, Valid, length: uint.MaxValue));
        Assert.Equal(StatusCode.ResourceExhausted, code);
    }

    [Fact]
    public async Task A_Message_Over_The_Request_Limit_Is_Resource_Exhausted()
    {
        var large = new EvaluateTurnRequest { ConversationId = NewId(), UserText = new string('a', 600 * 1024) };
        var error = await ExpectErrorAsync(StatusCode.ResourceExhausted, () => Client.EvaluateTurnAsync(large).ResponseAsync);
        Assert.Contains("524288", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Text_Over_The_Text_Limit_But_Under_The_Request_Limit_Is_Invalid_Argument()
    {
        var large = new EvaluateTurnRequest { ConversationId = NewId(), UserText = new string('a', 100 * 1024) };
        var error = await ExpectErrorAsync(StatusCode.InvalidArgument, () => Client.EvaluateTurnAsync(large).ResponseAsync);
        Assert.Contains("user_text", error.Status.Detail, StringComparison.Ordinal);
    }
}
