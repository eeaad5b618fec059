namespace SidecarGuard.Sidecar.OperatorConsole;

/// <summary>
/// The operator console: one static page, its script and its style, embedded in the sidecar and served on the HTTP
/// endpoint at <c>/console</c> when <c>--console</c> is on. The page holds no data; it reads the sidecar's JSON API from
/// the same origin with the operator's API key (when the sidecar has keys), so every list and every write stays behind
/// the keys, tenants and read-only rules of the API. Responses forbid everything the page does not need (CSP), are
/// never cached and never framed.
/// </summary>
internal static class ConsolePages
{
    /// <summary>Where the console lives.</summary>
    public const string Path = "/console";

    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Maps the page and its two assets.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        Serve(endpoints, Path, "index.html", "text/html; charset=utf-8");
        Serve(endpoints, Path + "/console.js", "console.js", "text/javascript; charset=utf-8");
        Serve(endpoints, Path + "/console.css", "console.css", "text/css; charset=utf-8");
    }

    private static void Serve(IEndpointRouteBuilder endpoints, string route, string asset, string contentType)
    {
        var content = Read(asset);
        endpoints.MapGet(route, (HttpContext context) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Results.Bytes(content, contentType);
        });
    }

    private static byte[] Read(string asset)
    {
        using var stream = typeof(ConsolePages).Assembly.GetManifestResourceStream("console/" + asset)
            ?? throw new InvalidOperationException($"The console asset '{asset}' is missing from the sidecar assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
