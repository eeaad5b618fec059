using System.IO.Pipelines;
using Google.Rpc;
using SidecarGuard.Sidecar.Tenancy;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// The JSON/HTTP counterpart of <see cref="GrpcFrameGate"/>, in front of gRPC JSON transcoding: with <c>--auth</c>, a
/// request without a known API key gets 401 before its body is read; a body longer than the request limit gets 413
/// with a <c>google.rpc.Status</c> of RESOURCE_EXHAUSTED (transcoding alone answers 400 after reading up to Kestrel's
/// limit). A declared Content-Length is checked first; a chunked body is read up to the limit and left unconsumed,
/// so transcoding reads the same bytes.
/// </summary>
internal sealed class JsonBodyGate(RequestDelegate next, int maxRequestBytes, IServiceProvider services)
{
    private readonly TenantDirectory? _directory = services.GetService<TenantDirectory>();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/v1", StringComparison.Ordinal)
            || request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (_directory is not null && ApiKeyHeaders.Refusal(_directory, request.Headers) is { } refusal)
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, refusal).ConfigureAwait(false);
            return;
        }

        if (request.ContentLength > maxRequestBytes
            || (request.ContentLength is null && HttpMethods.IsPost(request.Method)
                && await LongerThanAsync(request.BodyReader, maxRequestBytes, context.RequestAborted).ConfigureAwait(false)))
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, new Status
            {
                Code = (int)Code.ResourceExhausted,
                Message = $"The request body is larger than the limit of {maxRequestBytes} bytes.",
            }).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Whether the body is longer than <paramref name="limit"/>; consumes nothing.</summary>
    private static async Task<bool> LongerThanAsync(PipeReader reader, long limit, CancellationToken cancellationToken)
    {
        var body = await RequestBodyPeek.ReadUpToAsync(reader, limit, cancellationToken).ConfigureAwait(false);
        reader.AdvanceTo(body.Start);
        return body.Length > limit;
    }

    private static Task RejectAsync(HttpContext context, int httpStatus, Status status)
    {
        if (httpStatus == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.Headers.Connection = "close"; // The unread rest of the body is not worth draining.
        }

        return JsonStatus.WriteAsync(context, httpStatus, status);
    }
}
