using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Core.Detection;
using SidecarGuard.LoadTest;
using SidecarGuard.LoadTest.Bench;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Storage.Sqlite;
using SidecarGuard.Testing;

const string usage = """
    Usage: SidecarGuard.LoadTest [options]   (from the repository: dotnet run -c Release --project tests/SidecarGuard.LoadTest -- [options])
      --seconds N                 how long each phase drives calls (default 10)
      --streams N                 concurrent streams (default 64)
      --store sqlite|memory|redis the sidecar's store (default sqlite)
      --redis HOST:PORT           the Redis server for --store redis
      --db-sync safety|full       SQLite: flush to disk what an end depends on, or every write (default safety)
      --memory-conversations N    fill the store with N conversations and report RSS instead of throughput
      --same-text                 one text for every call instead of distinct mixed-length turns
      --harmful-percent P         that share of calls sends a harmful request, each in a new conversation (0-100)
      --detector semantic|lexicon|none  as served (default semantic); none finds nothing, to separate detection from the rest
      --help                      print this and exit
    """;
var seconds = 10;
var streams = 64;
var store = StoreKind.Sqlite;
string? redis = null;
var memoryConversations = 0;
var silentDetector = false;
var detector = DetectorKind.Semantic;
var sameText = false;
var harmfulPercent = 0;
var databaseSync = SqliteSync.Safety;
try
{
    for (var i = 0; i < args.Length; i++)
    {
        var option = args[i];
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value.");
        int Number(int min, int max) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{option} takes a whole number from {min} to {max}, not '{args[i]}'.");
        T OneOf<T>(params (string Name, T Value)[] choices)
        {
            var given = Value();
            foreach (var (name, value) in choices)
            {
                if (name == given)
                {
                    return value;
                }
            }

            throw new ArgumentException($"{option} takes {string.Join('|', choices.Select(c => c.Name))}, not '{given}'.");
        }

        switch (option)
        {
            case "--help" or "-h": Console.WriteLine(usage); return 0;
            case "--same-text": sameText = true; break;
            case "--harmful-percent": harmfulPercent = Number(0, 100); break;
            case "--seconds": seconds = Number(1, 3600); break;
            case "--streams": streams = Number(1, 4096); break;
            case "--store": store = OneOf(("sqlite", StoreKind.Sqlite), ("memory", StoreKind.Memory), ("redis", StoreKind.Redis)); break;
            case "--redis": redis = Value(); break;
            case "--db-sync": databaseSync = OneOf(("safety", SqliteSync.Safety), ("full", SqliteSync.Full)); break;
            case "--memory-conversations": memoryConversations = Number(1, 100_000_000); break;
            case "--detector":
                (detector, silentDetector) = OneOf(("semantic", (DetectorKind.Semantic, false)), ("lexicon", (DetectorKind.Lexicon, false)), ("none", (DetectorKind.Semantic, true)));
                break;
            default: throw new ArgumentException($"Unknown option '{option}'.");
        }
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(usage);
    return 2;
}

var directory = Directory.CreateTempSubdirectory("sg-load-").FullName;
try
{
    var options = new SidecarOptions
    {
        Store = store,
        DatabasePath = Path.Combine(directory, "load.db"),
        DatabaseSync = databaseSync,
        Redis = redis,
        Detector = detector,
    };
    await using var sidecar = await TestSidecar.StartAsync(options, logging => logging.ClearProviders(),
        new SidecarExtension(services =>
        {
            services.AddSingleton<NoOpBenchService>();
            if (silentDetector)
            {
                services.AddSingleton<ITurnDetector, SilentDetector>();
            }
        }, endpoints => endpoints.MapGrpcService<NoOpBenchService>()));
    if (memoryConversations > 0)
    {
        Console.Error.WriteLine($"filling the {store} store with {memoryConversations:N0} conversations...");
        await MemoryProbe.RunAsync(sidecar.Services, memoryConversations, streams, detector == DetectorKind.Semantic && !silentDetector);
        return 0;
    }

    var address = sidecar.Address;
    var guard = sidecar.Client;
    var noop = new BenchService.BenchServiceClient(sidecar.Channel);

    // Benign turns of mixed length (about 70, 200 and 600 bytes), each one different (a process-wide counter and
    // a rotating topic), so no cache answers a repeat: the cost measured is the cost of new text. --same-text sends one text
    // over and over instead (retries, repeated spam). Each worker keeps 16 conversations going.
    // With --harmful-percent, that share of calls sends a harmful request instead, each in a conversation of its own
    // (a first harmful turn: REDIRECT), so streaks never end a conversation the benign turns go on using.
    bool Harmful(long n) => n % 100 < harmfulPercent;
    string TextOf(int worker, long n) => Harmful(n) ? LoadTurns.HarmfulOf(n) : sameText ? LoadTurns.Fixed : LoadTurns.Next();
    string ConversationOf(int worker, long n) => Harmful(n) ? $"harm-{worker:00}-{n}" : $"load-{worker:00}-{n % 16:000}";
    Task CallGuard(int worker, long n) => guard.EvaluateTurnAsync(new EvaluateTurnRequest
    {
        ConversationId = ConversationOf(worker, n),
        UserText = TextOf(worker, n),
    }).ResponseAsync;
    Task CallNoOp(int worker, long n) => noop.EchoAsync(new EvaluateTurnRequest
    {
        ConversationId = ConversationOf(worker, n),
        UserText = TextOf(worker, n),
    }).ResponseAsync;

    var duration = TimeSpan.FromSeconds(seconds);
    Console.Error.WriteLine($"sidecar on {address} (store: {options.Store.Describe(options)}); warming up...");
    await LoadDriver.MaxThroughputAsync(CallGuard, streams, TimeSpan.FromSeconds(2));
    await LoadDriver.MaxThroughputAsync(CallNoOp, streams, TimeSpan.FromSeconds(2));

    // Alternate the two in rounds and keep each one's median, so neither gains from running later (JIT tiers,
    // thread pool growth) or loses to a burst of other work on the machine.
    const int Rounds = 3;
    var round = TimeSpan.FromSeconds(Math.Max(1.0, seconds / (double)Rounds));
    Console.Error.WriteLine($"max throughput, {streams} concurrent streams, {Rounds} alternating rounds of {round.TotalSeconds:0.#} s each...");
    var noopRounds = new List<double>();
    var guardRounds = new List<double>();
    for (var r = 0; r < Rounds; r++)
    {
        noopRounds.Add(await LoadDriver.MaxThroughputAsync(CallNoOp, streams, round));
        guardRounds.Add(await LoadDriver.MaxThroughputAsync(CallGuard, streams, round));
    }

    var noopMax = noopRounds.Order().ElementAt(Rounds / 2);
    var guardMax = guardRounds.Order().ElementAt(Rounds / 2);

    var rate = guardMax / 2;
    Console.Error.WriteLine($"latency at a fixed {rate:0} calls/s (half the guard's maximum)...");
    var noopLatency = await LoadDriver.FixedRateAsync(CallNoOp, rate, duration);
    var guardLatency = await LoadDriver.FixedRateAsync(CallGuard, rate, duration);

    Console.WriteLine();
    Console.WriteLine($"| measure ({streams} streams, {store}) | EvaluateTurn | no-op RPC | ratio | target |");
    Console.WriteLine("|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| throughput (calls/s) | {guardMax:0} | {noopMax:0} | {guardMax / noopMax:0.000} | >= 0.80 |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| p50 latency at {rate:0}/s (ms) | {guardLatency.PercentileMilliseconds(50):0.00} | {noopLatency.PercentileMilliseconds(50):0.00} | | |"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| p99 latency at {rate:0}/s (ms) | {guardLatency.PercentileMilliseconds(99):0.00} | {noopLatency.PercentileMilliseconds(99):0.00} | | <= 3 ms |"));
    await sidecar.StopAsync();
    return 0;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
