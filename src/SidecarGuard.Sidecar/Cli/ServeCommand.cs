using System.Globalization;
using System.Net;
using SidecarGuard.Core.Storage;
using SidecarGuard.Semantic;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Storage.Sqlite;

namespace SidecarGuard.Sidecar.Cli;

/// <summary><c>sidecarguard serve</c>: runs the gRPC sidecar until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    /// <summary>Reads options from SIDECARGUARD_* environment variables, then from the command line (which wins).</summary>
    public static SidecarOptions Parse(IReadOnlyList<string> args, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var fromEnvironment = new List<string>();
        foreach (var (variable, option) in EnvironmentOptions)
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                fromEnvironment.AddRange(option is "--store-text" or "--console" ? (value is "1" or "true" ? [option] : []) : [option, value]);
            }
        }

        var options = new SidecarOptions();
        var reader = new ArgumentReader([.. fromEnvironment, .. args]);
        while (reader.TryNext(out var token, out var inline))
        {
            options = token switch
            {
                "--listen" => options with { Listen = ParseEndpoint(token, reader.Value(token, inline)) },
                "--http-listen" => options with { HttpListen = ParseOptionalEndpoint(token, reader.Value(token, inline)) },
                "--store" => options with { Store = ParseStore(reader.Value(token, inline)) },
                "--db" => options with { DatabasePath = reader.Value(token, inline) },
                "--db-sync" => options with { DatabaseSync = ParseDatabaseSync(token, reader.Value(token, inline)) },
                "--policy" => options with { PolicyPath = reader.Value(token, inline) },
                "--max-text-bytes" => options with { MaxTextBytes = ParsePositive(token, reader.Value(token, inline)) },
                "--store-text" => options with { StoreText = true },
                "--console" => options with { Console = true },
                "--judges" => options with { JudgesPath = reader.Value(token, inline) },
                "--detector" => options with { Detector = reader.Detector(token, inline) },
                "--auth" => options with { AuthPath = reader.Value(token, inline) },
                "--allowed-hosts" => options with { AllowedHosts = ParseHosts(token, reader.Value(token, inline)) },
                "--tls-cert" => options with { TlsCertPath = reader.Value(token, inline) },
                "--tls-key" => options with { TlsKeyPath = reader.Value(token, inline) },
                "--client-ca" => options with { ClientCaPath = reader.Value(token, inline) },
                "--redis" => options with { Redis = reader.Value(token, inline) },
                "--redis-replica-acks" => options with { RedisReplicaAcks = ParseReplicaAcks(token, reader.Value(token, inline)) },
                "--tenant" => options with { Tenant = ParseTenant(token, reader.Value(token, inline)) },
                "--conversation-ttl" => options with { ConversationTtl = ParseDuration(token, reader.Value(token, inline)) },
                _ => throw new UsageException($"Unknown option '{token}' for serve."),
            };
        }

        if (options.TlsCertPath is null && (options.TlsKeyPath is not null || options.ClientCaPath is not null))
        {
            throw new UsageException("--tls-key and --client-ca need --tls-cert.");
        }

        return options;
    }

    /// <summary>Environment variables that stand for options, for containers and service managers.</summary>
    public static readonly (string Variable, string Option)[] EnvironmentOptions =
    [
        ("SIDECARGUARD_LISTEN", "--listen"),
        ("SIDECARGUARD_HTTP_LISTEN", "--http-listen"),
        ("SIDECARGUARD_STORE", "--store"),
        ("SIDECARGUARD_DB", "--db"),
        ("SIDECARGUARD_DB_SYNC", "--db-sync"),
        ("SIDECARGUARD_REDIS", "--redis"),
        ("SIDECARGUARD_REDIS_REPLICA_ACKS", "--redis-replica-acks"),
        ("SIDECARGUARD_TENANT", "--tenant"),
        ("SIDECARGUARD_CONVERSATION_TTL", "--conversation-ttl"),
        ("SIDECARGUARD_POLICY", "--policy"),
        ("SIDECARGUARD_MAX_TEXT_BYTES", "--max-text-bytes"),
        ("SIDECARGUARD_STORE_TEXT", "--store-text"),
        ("SIDECARGUARD_CONSOLE", "--console"),
        ("SIDECARGUARD_JUDGES", "--judges"),
        ("SIDECARGUARD_DETECTOR", "--detector"),
        ("SIDECARGUARD_AUTH", "--auth"),
        ("SIDECARGUARD_ALLOWED_HOSTS", "--allowed-hosts"),
        ("SIDECARGUARD_TLS_CERT", "--tls-cert"),
        ("SIDECARGUARD_TLS_KEY", "--tls-key"),
        ("SIDECARGUARD_CLIENT_CA", "--client-ca"),
    ];

    public static async Task<int> RunAsync(SidecarOptions options, TextWriter output)
    {
        await using var app = await SidecarHost.BuildAsync(options).ConfigureAwait(false);
        if (options.Detector == DetectorKind.Semantic)
        {
            // "Ready" should mean the first turn is answered at full speed, not after the model loads.
            SemanticDetector.Preload();
        }

        await app.StartAsync().ConfigureAwait(false);
        var store = options.Store.Describe(options);
        var http = SidecarHost.BoundHttpAddress(app) is { } address ? $"JSON/HTTP and /metrics on {address}" : "JSON/HTTP off";
        await output.WriteLineAsync(
            $"sidecarguard ready on {SidecarHost.BoundAddress(app)} ({(options.TlsCertPath is null ? "h2c" : options.ClientCaPath is null ? "TLS" : "mTLS")} gRPC; {http}; store: {store}; detector: {options.Detector.ToString().ToLowerInvariant()}; policy: {options.PolicyPath ?? "built-in"}; auth: {options.AuthPath ?? "off"})")
            .ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    internal static IPEndPoint? ParseOptionalEndpoint(string option, string value) =>
        value == "off" ? null : ParseEndpoint(option, value);

    internal static IPEndPoint ParseEndpoint(string option, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new UsageException($"{option} expects HOST:PORT (for example 127.0.0.1:50051), not '{value}'.");
        }

        var host = value[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            throw new UsageException($"{option} expects an IP address or localhost as HOST, not '{host}'.");
        }

        return new IPEndPoint(address, port);
    }

    /// <summary>Comma-separated host names (no ports, no schemes), or <c>*</c>.</summary>
    private static string[] ParseHosts(string option, string value)
    {
        var hosts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var host in hosts)
        {
            if (host != "*" && Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
            {
                throw new UsageException($"{option} expects host names separated by commas (for example sidecar.internal,10.0.0.5), not '{host}'.");
            }
        }

        return hosts.Length > 0 ? hosts : throw new UsageException($"{option} needs at least one host name, or *.");
    }

    /// <summary>The tenant of calls without an API key: a <see cref="TenantName"/>.</summary>
    private static string ParseTenant(string option, string value) =>
        TenantName.IsValid(value) ? value : throw new UsageException($"{option} expects {TenantName.Rule}, not '{value}'.");

    private static int ParseReplicaAcks(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 16
            ? n
            : throw new UsageException($"{option} expects a number of replicas from 0 to 16, not '{value}'.");

    private static SqliteSync ParseDatabaseSync(string option, string value) => value switch
    {
        "safety" => SqliteSync.Safety,
        "full" => SqliteSync.Full,
        _ => throw new UsageException($"{option} must be safety or full, not '{value}'."),
    };

    private static StoreKind ParseStore(string value) =>
        StoreKind.Named(value) ?? throw new UsageException($"--store must be {string.Join(", ", StoreKind.All.SkipLast(1).Select(k => k.Name))} or {StoreKind.All[^1].Name}, not '{value}'.");

    /// <summary>Parses durations such as 90s, 45m, 12h or 30d.</summary>
    internal static TimeSpan ParseDuration(string option, string value)
    {
        if (value.Length >= 2 && int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (value[^1])
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }

        throw new UsageException($"{option} expects a duration such as 90s, 45m, 12h or 30d, not '{value}'.");
    }

    private static int ParsePositive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{option} expects a positive whole number, not '{value}'.");
}
