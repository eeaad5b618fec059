using System.Reflection;

namespace SidecarGuard.Sidecar.Cli;

/// <summary>Entry point of the <c>sidecarguard</c> executable: picks the subcommand and reports usage errors.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: sidecarguard [serve] [options]       run the gRPC sidecar (default)
               sidecarguard replay FILE|- [options] judge JSONL conversations offline
               sidecarguard hash-key < KEY           print the SHA-256 of an API key for the --auth file
               sidecarguard help | --version         (--help after any command prints this; --verbose adds stack traces to errors)

        serve options:
          --listen HOST:PORT     address to listen on (default 127.0.0.1:50051; port 0 picks a free one)
          --http-listen HOST:PORT  JSON/HTTP and /metrics endpoint, HTTP/1.1 (default 127.0.0.1:50052; off disables)
          --store sqlite|memory|redis  conversation store (default sqlite)
          --db PATH              SQLite database file (default ./sidecarguard.db)
          --db-sync safety|full  when SQLite writes reach the disk before their reply (default safety: every write an
                                 end depends on, ordinary turns within a second; full: every write)
          --redis HOST:PORT      Redis server(s) for --store redis (comma-separated for a cluster)
          --redis-replica-acks N  Redis replicas that must confirm each write (default 0; 1 on a cluster keeps
                                 acknowledged ends through a failover)
          --tenant NAME          tenant of calls without an API key (default "default")
          --conversation-ttl D   drop inactive, not-ended conversations from Redis after D (90s, 45m, 12h, 30d)
          --policy PATH          policy file (JSON); default: the built-in policy
          --judges PATH          model-judge settings (JSON): Llama Guard or OpenAI moderation beside the built-in detector
          --detector semantic|lexicon  built-in detector (default semantic: sentence encoder + lexicons; lexicon: no encoder)
          --max-text-bytes N     largest accepted turn text in UTF-8 bytes (default 32768)
          --store-text           also store raw turn text (default: hashes and signals only)
          --console              serve the operator console at /console on the HTTP endpoint (default off)
          --auth PATH            tenants and API key hashes (JSON); every call then needs a key
          --allowed-hosts H,H    host names requests may be addressed to besides loopback and the listen addresses
                                 (* for any; default any when listening on 0.0.0.0); foreign browser Origins get 403
          --tls-cert PATH        server certificate (PEM) for TLS on both endpoints; --tls-key PATH if the key is apart
          --client-ca PATH       CA certificates (PEM) client certificates must chain to (mutual TLS)
          Every serve option can also come from SIDECARGUARD_<OPTION> (e.g. SIDECARGUARD_REDIS); options win.

        replay options:
          --format json|table    output format (default: json when stdout is not a terminal, else table)
          --policy PATH          policy file (JSON)
          --detector semantic|lexicon  as for serve
          --judges PATH          model-judge settings, as for serve (SIDECARGUARD_JUDGE_* variables too)
        """;

    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error) =>
        CommandRunner.RunAsync("sidecarguard", Usage, args, "serve", async (command, rest) =>
        {
            switch (command)
            {
                case "serve":
                    return await ServeCommand.RunAsync(ServeCommand.Parse(rest), output).ConfigureAwait(false);
                case "replay":
                    return await ReplayCommand.RunAsync(ReplayCommand.Parse(rest, Console.IsOutputRedirected), input, output, error)
                        .ConfigureAwait(false);
                case "hash-key":
                    return await HashKeyCommand.RunAsync(input, output, error).ConfigureAwait(false);
                case "eval" or "train" or "train-semantic":
                    // The lab left the production tool; say where it went rather than "unknown command".
                    await error.WriteLineAsync(
                        $"sidecarguard: '{command}' is a lab command: run it with 'dotnet run --project src/SidecarGuard.Lab -c Release -- {command}' from the repository.")
                        .ConfigureAwait(false);
                    return 2;
                case "help":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                case "version":
                    await output.WriteLineAsync(Version).ConfigureAwait(false);
                    return 0;
                default:
                    throw new UsageException($"Unknown command '{command}'.");
            }
        }, error);

    private static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
