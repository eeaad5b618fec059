using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using SidecarGuard.Lab.Evaluation;
using SidecarGuard.Lab.Evaluation.Ablation;
using SidecarGuard.Semantic.Encoding;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Sidecar.Replay;

namespace SidecarGuard.Lab.Cli;

/// <summary><c>sidecarguard-lab eval</c>: measures the built-in detector on the public labelled sets, per half.</summary>
internal static class EvalCommand
{
    /// <param name="DataDirectory">Where the data sets are; null: found from the working directory.</param>
    /// <param name="Set">Only this set; null: every set.</param>
    /// <param name="Json">JSON instead of a table.</param>
    /// <param name="Obfuscate">Also score obfuscated copies of every row.</param>
    /// <param name="ModelPath">Weight file to evaluate instead of the embedded one; <c>none</c> for the lexicons alone.</param>
    /// <param name="Inner">Measure first halves only, split again into quarters (see <see cref="HalfSplitter.InnerSplit"/>).</param>
    /// <param name="Misses">Also list the first-half rows each measure gets wrong, for error analysis.</param>
    /// <param name="Detector">Which detector to measure: <c>semantic</c> (the default, as served) or <c>lexicon</c>.</param>
    /// <param name="HeadsPath">Semantic heads file to evaluate instead of the embedded one.</param>
    /// <param name="Ablate">Measure what each lexicon file, the hashed model and the heads add, instead of the usual report.</param>
    /// <param name="Precision">The semantic stage's encoder: 8-bit dense layers as served, or the float reference.</param>
    /// <param name="PolicyPath">Policy file (as <c>serve --policy</c>) the turns are judged under; null: the default policy.</param>
    public sealed record Options(
        string? DataDirectory, string? Set, bool Json, bool Obfuscate, string? ModelPath = null, bool Inner = false, bool Misses = false,
        DetectorKind Detector = DetectorKind.Semantic, string? HeadsPath = null, bool Ablate = false,
        EncoderPrecision Precision = EncoderPrecision.Int8, string? PolicyPath = null);

    /// <summary>Value of <c>--model</c> that evaluates the lexicons without any model.</summary>
    public const string NoModel = "none";

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options(null, null, false, false);
        var reader = new ArgumentReader(args);
        while (reader.TryNext(out var token, out var inline))
        {
            options = token switch
            {
                "--data" => options with { DataDirectory = reader.Value(token, inline) },
                "--set" => options with { Set = reader.Value(token, inline) },
                "--format" => reader.Value(token, inline) switch
                {
                    "json" => options with { Json = true },
                    "table" => options with { Json = false },
                    var other => throw new UsageException($"--format must be table or json, not '{other}'."),
                },
                "--obfuscate" => options with { Obfuscate = true },
                "--model" => options with { ModelPath = reader.Value(token, inline) },
                "--inner" => options with { Inner = true },
                "--misses" => options with { Misses = true },
                "--ablate" => options with { Ablate = true },
                "--detector" => options with { Detector = reader.Detector(token, inline) },
                "--heads" => options with { HeadsPath = reader.Value(token, inline), Detector = DetectorKind.Semantic },
                "--encoder" => options with { Precision = EncoderPrecisionOption.Parse(token, reader.Value(token, inline)) },
                "--policy" => options with { PolicyPath = reader.Value(token, inline) },
                _ => throw new UsageException($"Unknown argument '{token}' for eval."),
            };
        }

        if (options.Set is { } set && DataSetCatalog.Sets.All(s => s.Name != set))
        {
            throw new UsageException($"--set must be one of {string.Join(", ", DataSetCatalog.Sets.Select(s => s.Name))}, not '{set}'.");
        }

        return options;
    }

    public static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error, bool showProgress)
    {
        // The policy file is checked first: a typo in it should not wait for the data to load.
        var policy = new PolicyOptions();
        if (options.PolicyPath is { } policyPath)
        {
            try
            {
                policy = PolicyFile.Load(policyPath);
            }
            catch (PolicyFileException e)
            {
                await error.WriteLineAsync($"sidecarguard-lab: {e.Message}").ConfigureAwait(false);
                return 2;
            }
        }

        var data = options.DataDirectory ?? DataSetCatalog.FindDefault(Directory.GetCurrentDirectory());
        if (data is null || !Directory.Exists(data))
        {
            await error.WriteLineAsync(
                $"sidecarguard-lab: no data directory: pass --data DIR or run next to {DataSetCatalog.DefaultRelativePath}.").ConfigureAwait(false);
            return 2;
        }

        List<EvalSet> sets;
        try
        {
            sets = DataSetCatalog.Load(data, options.Set);
            if (options.Inner)
            {
                sets = [.. sets.Select(s => s with { Items = HalfSplitter.InnerSplit(s.Items) })];
            }
        }
        catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"sidecarguard-lab: cannot read the data in '{data}': {e.Message}").ConfigureAwait(false);
            return 2;
        }

        if (options.Ablate)
        {
            return await AblateAsync(sets, policy, output, error, showProgress).ConfigureAwait(false);
        }

        ITurnDetector detector = options.ModelPath switch
        {
            null => new LexiconDetector(),
            NoModel => new LexiconDetector(LexiconLoader.LoadEmbedded()),
            var path => LexiconDetector.WithModelFile(path),
        };
        if (options.Detector == DetectorKind.Semantic)
        {
            detector = options.HeadsPath is { } heads
                ? Semantic.SemanticDetector.CreateWithHeadsFile(detector, heads, options.Precision)
                : Semantic.SemanticDetector.Create(detector, options.Precision);
        }

        var evaluator = new Evaluator(detector, new PolicyEngine(policy), options.Obfuscate);
        var progress = new ProgressBar(error, showProgress);
        var reports = new List<SetReport>();
        foreach (var set in sets)
        {
            var report = evaluator.Run(set, done => progress.Report(set.Name, done, set.Items.Count));
            reports.Add(report);
            if (!options.Json)
            {
                await output.WriteLineAsync(TableReportWriter.Format(report)).ConfigureAwait(false);
            }

            if (options.Misses)
            {
                // Inner mode holds first-half rows only; otherwise the held-out half is never listed.
                var rows = set.Items.Where(i => options.Inner || i.Half == 1).ToList();
                var judgements = rows.Select(evaluator.Judge).ToList();
                await error.WriteLineAsync(MissWriter.Format(set, rows, judgements)).ConfigureAwait(false);
            }
        }

        if (options.Json)
        {
            await output.WriteLineAsync(JsonReportWriter.Format(reports)).ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> AblateAsync(List<EvalSet> sets, PolicyOptions policy, TextWriter output, TextWriter error, bool showProgress)
    {
        var scenarioPath = RepositoryRoot.FileFromWorkingDirectory(ScenarioConversation.RelativePath);
        var scenarios = scenarioPath is null ? [] : ScenarioConversation.Load(scenarioPath);
        if (scenarioPath is null)
        {
            await error.WriteLineAsync($"sidecarguard-lab: {ScenarioConversation.RelativePath} not found from here; scenarios left out.").ConfigureAwait(false);
        }

        var runner = new AblationRunner(sets, scenarios, policy);
        var configurations = AblationConfiguration.All(LexiconLoader.EmbeddedCategories());
        var results = new List<AblationResult>();
        var progress = new ProgressBar(error, showProgress);
        for (var i = 0; i < configurations.Count; i++)
        {
            var configuration = configurations[i];
            var label = $"{i + 1}/{configurations.Count} {configuration.Name}";
            results.Add(await runner.RunAsync(configuration, (set, done, total) => progress.Report($"{label}: {set}", done, total)).ConfigureAwait(false));
        }

        await output.WriteLineAsync(AblationReportWriter.Format(results)).ConfigureAwait(false);
        return 0;
    }
}
