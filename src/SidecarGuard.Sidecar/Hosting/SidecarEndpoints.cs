using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>
/// The sidecar's two listeners: h2c gRPC, and HTTP/1.1 for JSON/HTTP and /metrics. Plaintext HTTP/2 cannot be
/// negotiated on a port that also speaks HTTP/1.1, hence two ports. Kestrel writes the bound port back into the
/// listen options, so the addresses are exact after start even for port 0.
/// </summary>
internal sealed class SidecarEndpoints
{
    public ListenOptions? Grpc { get; set; }

    public ListenOptions? Http { get; set; }

    /// <summary>Whether both listeners use TLS.</summary>
    public bool Tls { get; set; }

    /// <summary>The gRPC address, e.g. http://127.0.0.1:50051.</summary>
    public string GrpcAddress => Describe(Grpc);

    /// <summary>The JSON/HTTP address, or null when that endpoint is off.</summary>
    public string? HttpAddress => Http is null ? null : Describe(Http);

    private string Describe(ListenOptions? listen) =>
        listen is null ? "(unknown)" : $"{(Tls ? "https" : "http")}://{listen.IPEndPoint}";
}
