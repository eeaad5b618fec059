using SidecarGuard.Sidecar.Grpc;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>
/// Refuses requests addressed to a host name that is not allowed (400, the DNS-rebinding defence) and requests a
/// browser sends from a foreign page (an <c>Origin</c> header naming another site: 403). Clients that are not
/// browsers send no Origin and are not affected. Both refusals are logged with the name, never the body.
/// </summary>
internal sealed partial class HostAndOriginGate(RequestDelegate next, AllowedHosts allowed, ILogger<HostAndOriginGate> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        if (!allowed.Allows(host))
        {
            HostRefused(logger, host);
            await RefuseAsync(context, StatusCodes.Status400BadRequest,
                $"Requests addressed to '{host}' are refused (DNS-rebinding protection); allow the name with --allowed-hosts.").ConfigureAwait(false);
            return;
        }

        if (context.Request.Headers.Origin.ToString() is { Length: > 0 } origin && !allowed.AllowsOrigin(origin, host))
        {
            OriginRefused(logger, origin, host);
            await RefuseAsync(context, StatusCodes.Status403Forbidden,
                $"Requests from the web page origin '{origin}' are refused; browsers may only call from an allowed host.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, int status, string message) =>
        JsonStatus.WriteAsync(context, status, new Google.Rpc.Status
        {
            Code = (int)(status == StatusCodes.Status403Forbidden ? Google.Rpc.Code.PermissionDenied : Google.Rpc.Code.InvalidArgument),
            Message = message,
        });

    [LoggerMessage(40, LogLevel.Warning, "Request addressed to host {Host} refused: not an allowed host name (see --allowed-hosts)")]
    private static partial void HostRefused(ILogger logger, string host);

    [LoggerMessage(41, LogLevel.Warning, "Request from origin {Origin} to host {Host} refused: foreign web page")]
    private static partial void OriginRefused(ILogger logger, string origin, string host);
}

