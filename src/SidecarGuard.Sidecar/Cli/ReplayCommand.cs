using SidecarGuard.Core.Policy;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Sidecar.Replay;

namespace SidecarGuard.Sidecar.Cli;

/// <summary><c>sidecarguard replay FILE|-</c>: judges JSONL conversations with the same engine and an in-memory store.</summary>
internal static class ReplayCommand
{
    /// <param name="Input">The JSONL file, or <c>-</c> for standard input.</param>
    /// <param name="Table">A table for people instead of JSON lines.</param>
    /// <param name="PolicyPath">A policy file; null: the built-in policy.</param>
    /// <param name="Detector">The built-in detector.</param>
    /// <param name="JudgesPath">Model-judge settings, as <c>serve --judges</c> reads them (SIDECARGUARD_JUDGE_* variables too).</param>
    public sealed record Options(string Input, bool Table, string? PolicyPath, DetectorKind Detector = DetectorKind.Semantic,
        string? JudgesPath = null);

    public static Options Parse(IReadOnlyList<string> args, bool outputRedirected)
    {
        string? input = null;
        bool? table = null;
        string? policy = null;
        string? judges = null;
        var detector = DetectorKind.Semantic;
        var reader = new ArgumentReader(args);
        while (reader.TryNext(out var token, out var inline))
        {
            switch (token)
            {
                case "--format":
                    var format = reader.Value(token, inline);
                    table = format switch
                    {
                        "json" => false,
                        "table" => true,
                        _ => throw new UsageException($"--format must be json or table, not '{format}'."),
                    };
                    break;
                case "--detector":
                    detector = reader.Detector(token, inline);
                    break;
                case "--policy":
                    policy = reader.Value(token, inline);
                    break;
                case "--judges":
                    judges = reader.Value(token, inline);
                    break;
                case var positional when !positional.StartsWith("--", StringComparison.Ordinal) && input is null:
                    input = positional;
                    break;
                default:
                    throw new UsageException($"Unknown argument '{token}' for replay.");
            }
        }

        return new Options(input ?? throw new UsageException("replay needs a JSONL file, or - for standard input."),
            table ?? !outputRedirected, policy, detector, judges);
    }

    public static async Task<int> RunAsync(Options options, TextReader stdin, TextWriter output, TextWriter error)
    {
        var policy = options.PolicyPath is null ? new PolicyOptions() : PolicyFile.Load(options.PolicyPath);
        // The same composition as the sidecar's (detector, judges, policy), over an in-memory store.
        var services = new ServiceCollection()
            .AddSingleton(DetectorKinds.Create(options.Detector))
            .AddSidecarGuardJudges(options.JudgesPath)
            .AddConversationGuard(policy);
        await using var provider = services.BuildServiceProvider();
        var runner = new ReplayRunner(provider.GetRequiredService<IConversationGuard>());
        TextReader input;
        try
        {
            input = options.Input == "-" ? stdin : new StreamReader(options.Input);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"sidecarguard: cannot read '{options.Input}': {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var lineNumber = 0;
        var failed = 0;
        using (input == stdin ? null : input)
        {
            while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var result = await ReplayLineAsync(runner, line).ConfigureAwait(false);
                if (result.Error is not null)
                {
                    failed++;
                    await error.WriteLineAsync($"sidecarguard: line {lineNumber}: {result.Error}").ConfigureAwait(false);
                }

                await output.WriteLineAsync(options.Table ? TableReplayWriter.Format(result) : JsonReplayWriter.Format(result))
                    .ConfigureAwait(false);
            }
        }

        await output.FlushAsync().ConfigureAwait(false);
        return failed == 0 ? 0 : 1;
    }

    private static async Task<ReplayResult> ReplayLineAsync(ReplayRunner runner, string line)
    {
        ReplayConversation conversation;
        try
        {
            conversation = ReplayReader.Parse(line);
        }
        catch (FormatException e)
        {
            return new ReplayResult { Conversation = new ReplayConversation(null, []), Error = e.Message };
        }

        try
        {
            return await runner.RunAsync(conversation, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or InvalidGuardRequestException)
        {
            return new ReplayResult { Conversation = conversation, Error = e.Message };
        }
    }
}
