using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// Writes a <c>google.rpc.Status</c> as a JSON body, the way JSON transcoding renders errors, for the middleware that
/// answers before transcoding runs (request gates).
/// </summary>
internal static class JsonStatus
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default
        .WithTypeRegistry(TypeRegistry.FromMessages(ErrorInfo.Descriptor)));

    public static async Task WriteAsync(HttpContext context, int httpStatus, Status status)
    {
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Formatter.Format(status), context.RequestAborted).ConfigureAwait(false);
    }
}
