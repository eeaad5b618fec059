using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SidecarGuard.Core.Guard;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.LoadTest;

/// <summary>
/// Fills the sidecar's store with many distinct conversations through the guard it hosts, then reports the
/// process's resident memory against its resident memory before the fill (same run, same process).
/// </summary>
internal static class MemoryProbe
{
    /// <param name="services">The hosted sidecar's services.</param>
    /// <param name="conversations">Conversations to store.</param>
    /// <param name="concurrency">Concurrent writers.</param>
    /// <param name="withEncoder">Whether the semantic stage (and so the encoder) is loaded: the target differs.</param>
    public static async Task RunAsync(IServiceProvider services, int conversations, int concurrency, bool withEncoder)
    {
        var target = withEncoder ? "<= 350 (with the encoder)" : "<= 200";
        // The guard the sidecar builds for its own tenant, over the store it serves, without the gRPC hop.
        var guard = services.GetRequiredService<ConversationGuardFactory>().Create(services.GetRequiredService<IConversationStore>());
        var before = ResidentMegabytes();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < conversations)
            {
                await guard.EvaluateTurnAsync(new TurnRequest($"mem-{n:0000000}", "Could you suggest a good stew recipe for a cold evening?"));
                if (n % 50_000 == 0 && n > 0)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {n:N0} conversations, {n / clock.Elapsed.TotalSeconds:0}/s, RSS {ResidentMegabytes():0} MB"));
                }
            }
        });
        await Task.WhenAll(workers);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var after = ResidentMegabytes();
        Console.WriteLine();
        Console.WriteLine("| measure | value | target |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| conversations stored | {conversations:N0} in {clock.Elapsed.TotalSeconds:0} s | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| RSS before fill (MB) | {before:0} | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| RSS after fill (MB) | {after:0} | {target} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| after / before | {after / before:0.00} | |"));
    }

    private static double ResidentMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / (1024.0 * 1024.0);
    }
}
