using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;
using Xunit.Abstractions;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using TurnAction = SidecarGuard.Contracts.V1.TurnAction;

/// <summary>
/// Sends well over 100 000 generated and mutated requests to one real sidecar over one channel: typed messages with
/// hostile strings and unknown enum values, mutated protobuf bytes, and raw HTTP/2 gRPC bodies with broken frames.
/// Every answer must be OK or a precise status; INTERNAL and UNKNOWN mean a bug.
/// </summary>
[Collection(IsolatedCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Requests = 120_000;
    private const int Workers = 48;
    private const string Service = "/sidecarguard.v1.GuardService/";
    private static readonly string[] Methods = ["EvaluateTurn", "EndConversation", "GetConversation", "BranchConversation"];

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create<byte[]>(b => b, b => b);

    private static readonly StatusCode[] Precise =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists,
        StatusCode.FailedPrecondition, StatusCode.ResourceExhausted, StatusCode.Unimplemented,
    ];

    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentQueue<string> _bad = new();

    [Fact]
    public async Task Hostile_Requests_Get_Precise_Statuses_And_Never_Internal()
    {
        // Statuses are what is fuzzed here, not detection: the lexicon detector keeps 120,000 requests inside the
        // budget on two cores. The semantic stage gets its own hostile-text tests (SemanticDetectorTests).
        await using var server = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Memory, Detector = DetectorKind.Lexicon });
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        using var http = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = false }) { BaseAddress = new Uri(server.Address) };
        var sent = 0;
        var clock = Stopwatch.StartNew();
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(100));
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed + w);
            var ids = new IdPool(random);
            while (Interlocked.Increment(ref sent) <= Requests && !budget.IsCancellationRequested)
            {
                var lane = random.Next(100);
                if (lane < 55)
                {
                    await TypedAsync(server, random, ids);
                }
                else if (lane < 93)
                {
                    await MutatedBytesAsync(server, random, ids);
                }
                else
                {
                    await RawHttp2Async(http, random, ids);
                }
            }
        })));
        clock.Stop();

        var total = _statuses.Values.Sum();
        output.WriteLine($"{total} requests in {clock.Elapsed.TotalSeconds:0.0} s ({total / clock.Elapsed.TotalSeconds:0} /s)");
        foreach (var (status, count) in _statuses.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"  {status}: {count}");
        }

        Assert.False(budget.IsCancellationRequested, "The fuzz run did not finish within its time budget.");
        Assert.True(total >= 100_000, $"Only {total} requests were answered.");
        Assert.True(_bad.IsEmpty, $"{_bad.Count} imprecise answers, e.g.:\n{string.Join("\n", _bad.Take(10))}");

        // The sidecar is still up and still judging.
        var health = await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var verdict = await server.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = "after-fuzz", UserText = Phrases.Benign });
        Assert.Equal(TurnAction.Allow, verdict.Action);
    }

    private void Record(StatusCode code, string what)
    {
        _statuses.AddOrUpdate(code.ToString(), 1, (_, n) => n + 1);
        if (!Precise.Contains(code) && _bad.Count < 100)
        {
            _bad.Enqueue($"{code}: {what}");
        }
    }

    private async Task TypedAsync(TestSidecar server, Random random, IdPool ids)
    {
        var client = server.Client;
        var kind = random.Next(10);
        var what = "";
        try
        {
            switch (kind)
            {
                case < 6:
                    var turn = new EvaluateTurnRequest
                    {
                        ConversationId = ids.Next(),
                        UserText = HostileText.Next(random),
                        PreviousAssistantText = random.Next(3) == 0 ? HostileText.Next(random) : "",
                    };
                    if (random.Next(4) == 0)
                    {
                        turn.TurnId = ids.Next();
                    }

                    if (random.Next(5) == 0)
                    {
                        turn.PreviousAssistantRefused = random.Next(2) == 0;
                    }

                    what = $"EvaluateTurn id={Show(turn.ConversationId)}";
                    await client.EvaluateTurnAsync(turn);
                    break;
                case < 8:
                    var end = new EndConversationRequest
                    {
                        ConversationId = ids.Next(),
                        Reason = (EndReason)(random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(4)),
                        RequestId = random.Next(2) == 0 ? ids.Next() : "",
                    };
                    what = $"EndConversation reason={(int)end.Reason}";
                    await client.EndConversationAsync(end);
                    break;
                case 8:
                    what = "GetConversation";
                    await client.GetConversationAsync(new GetConversationRequest { ConversationId = ids.Next() });
                    break;
                default:
                    var branch = new BranchConversationRequest
                    {
                        ConversationId = ids.Next(),
                        TurnIndex = random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-2, 8),
                        NewConversationId = random.Next(2) == 0 ? ids.Next() : "",
                    };
                    what = $"BranchConversation turn_index={branch.TurnIndex}";
                    await client.BranchConversationAsync(branch);
                    break;
            }

            Record(StatusCode.OK, what);
        }
        catch (RpcException e)
        {
            Record(e.StatusCode, $"{what}: {e.Status.Detail}");
        }
    }

    private async Task MutatedBytesAsync(TestSidecar server, Random random, IdPool ids)
    {
        var method = Methods[random.Next(Methods.Length)];
        var payload = ProtobufMutator.Next(random, method, ids);
        var descriptor = new Method<byte[], byte[]>(MethodType.Unary, "sidecarguard.v1.GuardService", method, Bytes, Bytes);
        try
        {
            await server.Channel.CreateCallInvoker().AsyncUnaryCall(descriptor, null, new CallOptions(), payload);
            Record(StatusCode.OK, method);
        }
        catch (RpcException e)
        {
            Record(e.StatusCode, $"{method} bytes={Convert.ToHexString(payload.AsSpan(0, Math.Min(48, payload.Length)))}: {e.Status.Detail}");
        }
    }

    private async Task RawHttp2Async(HttpClient http, Random random, IdPool ids)
    {
        var method = Methods[random.Next(Methods.Length)];
        var body = FrameMutator.Next(random, ProtobufMutator.Valid(random, method, ids));
        using var request = new HttpRequestMessage(HttpMethod.Post, Service + method)
        {
            Content = new ByteArrayContent(body),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.Add(new System.Net.Http.Headers.TransferCodingWithQualityHeaderValue("trailers"));
        if (random.Next(8) == 0)
        {
            request.Headers.Add("grpc-encoding", random.Next(2) == 0 ? "gzip" : "zstd-nope");
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var statusHeader = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.First()
            : response.Headers.TryGetValues("grpc-status", out var early) ? early.First() : null;
        var message = response.TrailingHeaders.TryGetValues("grpc-message", out var m) ? m.First()
            : response.Headers.TryGetValues("grpc-message", out var em) ? em.First() : "";
        if (statusHeader is null)
        {
            message = $"no grpc-status; headers: {response.Headers} {response.Content.Headers} body: {await response.Content.ReadAsStringAsync()}";
        }

        var code = statusHeader is null ? StatusCode.Unknown : (StatusCode)int.Parse(statusHeader, System.Globalization.CultureInfo.InvariantCulture);
        Record(code, $"raw {method} http={(int)response.StatusCode} body={Convert.ToHexString(body.AsSpan(0, Math.Min(24, body.Length)))}: {Uri.UnescapeDataString(message)}");
    }

    private static string Show(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>Valid ids most of the time (a small pool, so conversations grow, end and branch), hostile ones otherwise.</summary>
    private sealed class IdPool(Random random)
    {
        private readonly string _prefix = "fz" + random.Next(1000) + "-";

        public string Next() => random.Next(10) switch
        {
            < 7 => _prefix + random.Next(40),
            7 => HostileText.Next(random, 200),
            8 => "",
            _ => new string('a', random.Next(120, 140)),
        };
    }

    /// <summary>Strings built to hurt: control and format characters, lone surrogates, huge and empty, real phrases.</summary>
    private static class HostileText
    {
        private static readonly string[] Pieces =
        [
            Phrases.Terror, Phrases.AtRisk, Phrases.EndRequest, Phrases.Confirm, Phrases.Benign, Phrases.Refusal,
            "\0", "\u0007", "\r\n", "\u200B", "\u200D", "\u202E", "\u2066", "\uFEFF", "\uFFFD", "\uD800", "\uDFFF", "\U0001F4A3",
            "k\u0336i\u0336l\u0336l", "ｋｉｌｌ", "%s%n", "' OR 1=1 --", "{\"a\":", "../../etc/passwd", "   ", "\t",
        ];

        public static string Next(Random random, int maxChars = 34_000)
        {
            switch (random.Next(20))
            {
                case 0:
                    return "";
                case 1:
                    return new string((char)random.Next(0x20, 0xFFFF), random.Next(1, maxChars));
                case 2:
                    var chars = new char[random.Next(1, 300)];
                    for (var i = 0; i < chars.Length; i++)
                    {
                        chars[i] = (char)random.Next(0, 0x10000);
                    }

                    return new string(chars);
            }

            var builder = new StringBuilder();
            for (var n = random.Next(1, 6); n > 0 && builder.Length < maxChars; n--)
            {
                builder.Append(Pieces[random.Next(Pieces.Length)]);
            }

            return builder.ToString();
        }
    }

    /// <summary>Serialised requests, then mutated: bit flips, truncation, garbage, invalid UTF-8, unknown fields and enums.</summary>
    private static class ProtobufMutator
    {
        public static byte[] Valid(Random random, string method, IdPool ids) => (method switch
        {
            "EvaluateTurn" => new EvaluateTurnRequest { ConversationId = ids.Next(), UserText = HostileText.Next(random, 2000) },
            "EndConversation" => new EndConversationRequest { ConversationId = ids.Next(), Reason = (EndReason)random.Next(-1, 5) },
            "GetConversation" => new GetConversationRequest { ConversationId = ids.Next() },
            _ => (IMessage)new BranchConversationRequest { ConversationId = ids.Next(), TurnIndex = random.Next(-3, 6) },
        }).ToByteArray();

        public static byte[] Next(Random random, string method, IdPool ids)
        {
            var bytes = Valid(random, method, ids);
            switch (random.Next(8))
            {
                case 0:
                    var garbage = new byte[random.Next(0, 200)];
                    random.NextBytes(garbage);
                    return garbage;
                case 1:
                    return bytes[..random.Next(0, bytes.Length + 1)];
                case 2:
                    for (var flips = random.Next(1, 6); flips > 0 && bytes.Length > 0; flips--)
                    {
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return bytes;
                case 3:
                    // Field 1 (conversation_id) or 3 (user_text) as a length-delimited string of invalid UTF-8.
                    var invalid = new byte[random.Next(1, 64)];
                    random.NextBytes(invalid);
                    invalid[0] = 0xC3;
                    return [.. bytes, (byte)((random.Next(2) == 0 ? 1 : 3) << 3 | 2), (byte)invalid.Length, .. invalid];
                case 4:
                    // An enum or int field (field 2) with a huge varint, then an unknown field.
                    return [.. bytes, 2 << 3, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, (byte)(99 << 3 & 0x7F | 0x80), 0x06, 0x01];
                case 5:
                    // A length prefix that promises more than follows.
                    return [.. bytes, 3 << 3 | 2, 0xFF, 0xFF, 0x03, 0x41];
                case 6:
                    // A field with the wrong wire type, and a group tag.
                    return [.. bytes, 1 << 3 | 0, 0x05, 3 << 3 | 3];
                default:
                    return bytes;
            }
        }
    }

    /// <summary>gRPC length-prefixed frames, broken: truncated, lying lengths, compressed flags, several frames, nothing.</summary>
    private static class FrameMutator
    {
        public static byte[] Next(Random random, byte[] message)
        {
            var frame = new byte[5 + message.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
            message.CopyTo(frame, 5);
            switch (random.Next(7))
            {
                case 0:
                    return frame[..random.Next(0, frame.Length)];
                case 1:
                    BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)(message.Length + random.Next(1, 100_000)));
                    return frame;
                case 2:
                    frame[0] = 1;
                    return frame;
                case 3:
                    frame[0] = (byte)random.Next(2, 256);
                    return frame;
                case 4:
                    return [.. frame, .. frame];
                case 5:
                    var garbage = new byte[random.Next(0, 64)];
                    random.NextBytes(garbage);
                    return garbage;
                default:
                    BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), uint.MaxValue - (uint)random.Next(100));
                    return frame;
            }
        }
    }
}
