using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;
using Grpc.Core;
using SidecarGuard.Sidecar.Tenancy;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// Checks the gRPC framing of every unary GuardService request before grpc-dotnet reads it. grpc-dotnet answers a
/// broken frame (truncated, trailing bytes, a compressed flag without grpc-encoding, an unknown flag, gzip that
/// does not inflate) with INTERNAL or UNKNOWN; a malformed request is the caller's error, so it gets
/// INVALID_ARGUMENT here, and an oversized one RESOURCE_EXHAUSTED. The body is read once from the request pipe and
/// left unconsumed, so grpc-dotnet reads the same bytes without a copy. With <c>--auth</c>, a request without a known
/// API key is answered UNAUTHENTICATED before any of its body is read.
/// </summary>
internal sealed class GrpcFrameGate(RequestDelegate next, int maxMessageBytes, IServiceProvider services)
{
    private readonly TenantDirectory? _directory = services.GetService<TenantDirectory>();

    private const string GuardServicePath = "/sidecarguard.v1.GuardService";
    private const int HeaderBytes = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(GuardServicePath, StringComparison.Ordinal)
            || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (_directory is not null && ApiKeyHeaders.Refusal(_directory, context.Request.Headers) is { } refusal)
        {
            // The interceptor would say the same after the body was buffered; say it first and read nothing.
            Reject(context, new Status((StatusCode)refusal.Code, refusal.Message));
            context.Response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(refusal.ToByteArray()).TrimEnd('=');
            return;
        }

        var reader = context.Request.BodyReader;
        var body = await RequestBodyPeek.ReadUpToAsync(reader, HeaderBytes + (long)maxMessageBytes, context.RequestAborted).ConfigureAwait(false);
        var problem = Check(body, context.Request.Headers["grpc-encoding"].ToString());
        reader.AdvanceTo(body.Start); // Consume nothing: the gRPC handler reads the body from the start.
        if (problem is { } status)
        {
            Reject(context, status);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private Status? Check(ReadOnlySequence<byte> body, string encoding)
    {
        if (body.Length > HeaderBytes + (long)maxMessageBytes)
        {
            return new Status(StatusCode.ResourceExhausted, $"The request is larger than the limit of {maxMessageBytes} bytes.");
        }

        if (body.Length < HeaderBytes)
        {
            return Invalid($"The request body is {body.Length} bytes: a gRPC frame needs a 5-byte header.");
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        body.Slice(0, HeaderBytes).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxMessageBytes)
        {
            return new Status(StatusCode.ResourceExhausted, $"The request message is {length} bytes; the limit is {maxMessageBytes}.");
        }

        if (length != body.Length - HeaderBytes)
        {
            return Invalid($"The frame header announces {length} bytes but {body.Length - HeaderBytes} follow; send exactly one message.");
        }

        return header[0] switch
        {
            0 => null,
            1 when encoding is "" or "identity" => Invalid("The message is flagged compressed but the request has no grpc-encoding."),
            1 when encoding == "gzip" && !Inflates(body.Slice(HeaderBytes)) => Invalid("The message is flagged gzip but does not inflate."),
            1 => null, // Other encodings: grpc-dotnet answers UNIMPLEMENTED for those it does not support.
            _ => Invalid($"The frame's compressed flag is {header[0]}; only 0 and 1 are defined."),
        };
    }

    private bool Inflates(ReadOnlySequence<byte> compressed)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                long total = 0;
                int read;
                while ((read = gzip.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > maxMessageBytes)
                    {
                        return false;
                    }
                }

                return true;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static Status Invalid(string message) => new(StatusCode.InvalidArgument, message);

    /// <summary>A trailers-only gRPC response: HTTP 200 with the status in the headers.</summary>
    private static void Reject(HttpContext context, Status status)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(status.Detail);
    }
}
