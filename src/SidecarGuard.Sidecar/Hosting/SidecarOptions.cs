using SidecarGuard.Core.Storage;
using System.Net;
using SidecarGuard.Storage.Sqlite;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>Settings of <c>sidecarguard serve</c>, from the command line.</summary>
public sealed record SidecarOptions
{
    /// <summary>Address to listen on. Defaults to 127.0.0.1:50051; port 0 picks a free port.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 50051);

    /// <summary>
    /// Address of the HTTP/1.1 endpoint for JSON/HTTP (gRPC JSON transcoding) and /metrics. Defaults to
    /// 127.0.0.1:50052; port 0 picks a free port; <see langword="null"/> turns the endpoint off.
    /// </summary>
    public IPEndPoint? HttpListen { get; init; } = new(IPAddress.Loopback, 50052);

    /// <summary>Conversation store. Defaults to SQLite.</summary>
    public StoreKind Store { get; init; } = StoreKind.Sqlite;

    /// <summary>SQLite database path. Defaults to ./sidecarguard.db.</summary>
    public string DatabasePath { get; init; } = "sidecarguard.db";

    /// <summary>
    /// When SQLite writes reach the disk before they are acknowledged: <see cref="SqliteSync.Safety"/> (default: the
    /// writes an end depends on, ordinary turns within a second) or <see cref="SqliteSync.Full"/> (every write).
    /// </summary>
    public SqliteSync DatabaseSync { get; init; } = SqliteSync.Safety;

    /// <summary>Redis configuration (HOST:PORT, or several nodes separated by commas) for the Redis store.</summary>
    public string? Redis { get; init; }

    /// <summary>
    /// The tenant of calls without an API key (every call, when auth is off): its conversations are kept apart from
    /// every other tenant's in any store. Defaults to <c>default</c>.
    /// </summary>
    public string Tenant { get; init; } = TenantName.Default;

    /// <summary>
    /// How many Redis replicas must confirm each write before it is acknowledged (0: the primary alone). With
    /// replicas and failover (a Redis Cluster), 1 keeps every acknowledged end through the loss of a primary.
    /// </summary>
    public int RedisReplicaAcks { get; init; }

    /// <summary>How long an inactive, not-ended conversation is kept in Redis; null keeps it forever.</summary>
    public TimeSpan? ConversationTtl { get; init; }

    /// <summary>Policy file; <see langword="null"/> uses the built-in policy.</summary>
    public string? PolicyPath { get; init; }

    /// <summary>How often the policy file is checked for changes besides file-system events. Defaults to 5 seconds.</summary>
    public TimeSpan PolicyPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Host names requests may be addressed to besides loopback names and specific listen addresses (<c>*</c>: any);
    /// empty: those only, or any name when listening on a wildcard address. See <see cref="AllowedHosts"/>.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Largest accepted turn text in UTF-8 bytes. Defaults to 32 KiB.</summary>
    public int MaxTextBytes { get; init; } = 32 * 1024;

    /// <summary>
    /// Largest accepted request, gRPC message or JSON body: room for two texts of <see cref="MaxTextBytes"/> even when
    /// JSON escapes every character (<c>\u00e9</c> is six bytes), at least 256 KiB. 512 KiB by default.
    /// </summary>
    public int MaxRequestBytes => Math.Max(256 * 1024, MaxTextBytes * 16);

    /// <summary>Auth file (tenants and API key hashes); <see langword="null"/> leaves the sidecar open, for loopback use.</summary>
    public string? AuthPath { get; init; }

    /// <summary>Server certificate (PEM) for TLS on both listeners; <see langword="null"/> serves plaintext.</summary>
    public string? TlsCertPath { get; init; }

    /// <summary>Private key (PEM) of <see cref="TlsCertPath"/>, when it is not in the same file.</summary>
    public string? TlsKeyPath { get; init; }

    /// <summary>CA certificates (PEM) that client certificates must chain to; set for mutual TLS.</summary>
    public string? ClientCaPath { get; init; }

    /// <summary>Whether raw turn text is stored. Defaults to false.</summary>
    public bool StoreText { get; init; }

    /// <summary>Whether the operator console is served at <c>/console</c> on the HTTP endpoint. Defaults to false.</summary>
    public bool Console { get; init; }

    /// <summary>Model judge settings file (JSON); <see langword="null"/> uses SIDECARGUARD_JUDGE_* variables only, if any.</summary>
    public string? JudgesPath { get; init; }

    /// <summary>
    /// The built-in detector. Defaults to <see cref="DetectorKind.Semantic"/>: the sentence encoder's heads beside the
    /// lexicons (about 200 MB more memory and a few milliseconds a turn); <see cref="DetectorKind.Lexicon"/> runs the
    /// lexicons and the hashed model only.
    /// </summary>
    public DetectorKind Detector { get; init; } = DetectorKind.Semantic;
}
