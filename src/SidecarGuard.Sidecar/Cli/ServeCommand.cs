using System.Globalization;
using System.Net;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Sidecar.Cli;

/// <summary><c>sidecarguard serve</c>: runs the gRPC sidecar until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public static SidecarOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SidecarOptions();
        var reader = new ArgumentReader(args);
        while (reader.TryNext(out var token, out var inline))
        {
            options = token switch
            {
                "--listen" => options with { Listen = ParseEndpoint(reader.Value(token, inline)) },
                "--store" => options with { Store = ParseStore(reader.Value(token, inline)) },
                "--db" => options with { DatabasePath = reader.Value(token, inline) },
                "--policy" => options with { PolicyPath = reader.Value(token, inline) },
                "--max-text-bytes" => options with { MaxTextBytes = ParsePositive(token, reader.Value(token, inline)) },
                "--store-text" => options with { StoreText = true },
                _ => throw new UsageException($"Unknown option '{token}' for serve."),
            };
        }

        return options;
    }

    public static async Task<int> RunAsync(SidecarOptions options, TextWriter output)
    {
        await using var app = SidecarHost.Build(options);
        await app.StartAsync().ConfigureAwait(false);
        var store = options.Store == StoreKind.Sqlite ? $"sqlite {Path.GetFullPath(options.DatabasePath)}" : "memory";
        await output.WriteLineAsync(
            $"sidecarguard ready on {SidecarHost.BoundAddress(app)} (h2c gRPC; store: {store}; policy: {options.PolicyPath ?? "built-in"})")
            .ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    internal static IPEndPoint ParseEndpoint(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new UsageException($"--listen expects HOST:PORT (for example 127.0.0.1:50051), not '{value}'.");
        }

        var host = value[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            throw new UsageException($"--listen expects an IP address or localhost as HOST, not '{host}'.");
        }

        return new IPEndPoint(address, port);
    }

    private static StoreKind ParseStore(string value) => value switch
    {
        "sqlite" => StoreKind.Sqlite,
        "memory" => StoreKind.Memory,
        _ => throw new UsageException($"--store must be sqlite or memory, not '{value}'."),
    };

    private static int ParsePositive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{option} expects a positive whole number, not '{value}'.");
}
