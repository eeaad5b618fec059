using System.Globalization;
using SidecarGuard.Lab.Evaluation;
using SidecarGuard.Lab.Evaluation.Semantic;
using SidecarGuard.Semantic.Encoding;
using SidecarGuard.Sidecar.Cli;

namespace SidecarGuard.Lab.Cli;

/// <summary>
/// <c>sidecarguard-lab train-semantic</c>: fits the semantic heads on the first halves of every source and writes them
/// (by default into the Semantic project, where they are embedded). It then measures, on rows never trained on, the
/// second halves and every source held out whole (leave-one-source-out: trained on all the other sources).
/// </summary>
internal static class TrainSemanticCommand
{
    /// <summary>Where the trained file goes unless <c>--out</c> says otherwise: beside the working directory, never into the sources.</summary>
    public const string DefaultOutput = "lab-output/heads.json";

    /// <summary>The file the product embeds; a trained file is copied there deliberately, after its numbers are read.</summary>
    public const string ShippedPath = "src/SidecarGuard.Semantic/Heads/heads.json";

    /// <param name="DataDirectory">Where the data sets are; null: found from the working directory.</param>
    /// <param name="Output">Heads file to write; null: the embedded heads' source file.</param>
    /// <param name="Trainer">Training settings.</param>
    /// <param name="EvaluateOnly">Measure without writing a file.</param>
    /// <param name="SkipSourceHoldOut">Skip the leave-one-source-out runs (one fit per source).</param>
    /// <param name="Precision">
    /// The encoder whose embeddings the heads learn: the float model (the default, which the shipped heads were fitted
    /// on and which the served 8-bit encoder follows within a cosine of 0.985), or the 8-bit encoder as served.
    /// </param>
    public sealed record Options(string? DataDirectory, string? Output, HeadTrainerOptions Trainer, bool EvaluateOnly = false, bool SkipSourceHoldOut = false,
        EncoderPrecision Precision = EncoderPrecision.Float32);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options(null, null, new HeadTrainerOptions());
        var reader = new ArgumentReader(args);
        while (reader.TryNext(out var token, out var inline))
        {
            options = token switch
            {
                "--data" => options with { DataDirectory = reader.Value(token, inline) },
                "--out" => options with { Output = reader.Value(token, inline) },
                "--evaluate-only" => options with { EvaluateOnly = true },
                "--no-loso" => options with { SkipSourceHoldOut = true },
                "--encoder" => options with { Precision = EncoderPrecisionOption.Parse(token, reader.Value(token, inline)) },
                "--iterations" => options with { Trainer = options.Trainer with { Iterations = (int)Number(token, reader.Value(token, inline)) } },
                "--l2" => options with { Trainer = options.Trainer with { L2 = Number(token, reader.Value(token, inline)) } },
                "--benign-rate" => options with { Trainer = options.Trainer with { BenignRate = Number(token, reader.Value(token, inline)) } },
                "--categories" => options with { Trainer = options.Trainer with { Categories = reader.Value(token, inline).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) } },
                "--folds" => options with { Trainer = options.Trainer with { Folds = Math.Max(2, (int)Number(token, reader.Value(token, inline))) } },
                "--at-risk-rate" => options with { Trainer = options.Trainer with { AtRiskRate = Number(token, reader.Value(token, inline)) } },
                "--own-weight" => options with { Trainer = options.Trainer with { OwnWeight = Number(token, reader.Value(token, inline)) } },
                "--min-threshold" => options with { Trainer = options.Trainer with { MinThreshold = Number(token, reader.Value(token, inline)) } },
                _ => throw new UsageException($"Unknown argument '{token}' for train-semantic."),
            };
        }

        return options;
    }

    public static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error)
    {
        var data = options.DataDirectory ?? DataSetCatalog.FindDefault(Directory.GetCurrentDirectory());
        if (data is null || !Directory.Exists(data))
        {
            await error.WriteLineAsync("sidecarguard-lab: no data directory: pass --data DIR.").ConfigureAwait(false);
            return 2;
        }

        var target = options.EvaluateOnly ? null : Path.GetFullPath(options.Output ?? DefaultOutput);
        var rows = SemanticTrainingData.Load(data);
        await output.WriteLineAsync($"{rows.Count} labelled rows from {rows.Select(r => r.Source).Distinct().Count()} sources in {data} and our own turns").ConfigureAwait(false);
        float[][] embeddings;
        using (var encoder = SentenceEncoder.LoadDefault(Environment.ProcessorCount, options.Precision))
        {
            embeddings = EmbeddingCache.Open(options.Precision).Get([.. rows.Select(r => EncoderInput.Of(r.Text))], encoder, output);
        }

        var trainer = new HeadTrainer(options.Trainer);
        // Our own turns all train the shipped heads: they are measured by the conversation scenarios and the judge
        // probes, which are never trained on. The public sets keep their second halves held out.
        var firstHalves = Enumerable.Range(0, rows.Count).Where(i => rows[i].Half == 1 || rows[i].Source == OwnTurns.Source).ToArray();
        var heads = trainer.Train([.. firstHalves.Select(i => rows[i])], [.. firstHalves.Select(i => embeddings[i])],
            $"first halves of {string.Join(", ", rows.Select(r => r.Source).Distinct().Where(s => s != OwnTurns.Source))} and all our own turns ({firstHalves.Length} rows)");
        await output.WriteLineAsync("heads (threshold): " + string.Join(", ", heads.Heads.Select(h =>
            string.Create(CultureInfo.InvariantCulture, $"{h.Category} {h.Threshold:0.00}")))).ConfigureAwait(false);

        await output.WriteLineAsync("\nsecond halves (trained on first halves):").ConfigureAwait(false);
        foreach (var source in rows.Select(r => r.Source).Distinct().Where(s => s != OwnTurns.Source))
        {
            var held = Enumerable.Range(0, rows.Count).Where(i => rows[i].Source == source && rows[i].Half == 2).ToArray();
            if (held.Length > 0)
            {
                await output.WriteLineAsync(SplitEvaluation.Of(source, heads, [.. held.Select(i => rows[i])], [.. held.Select(i => embeddings[i])]).Line()).ConfigureAwait(false);
            }
        }

        if (!options.SkipSourceHoldOut)
        {
            await output.WriteLineAsync("\nleave one source out (trained on every other source, both halves):").ConfigureAwait(false);
            foreach (var source in rows.Select(r => r.Source).Distinct())
            {
                var train = Enumerable.Range(0, rows.Count).Where(i => rows[i].Source != source).ToArray();
                var test = Enumerable.Range(0, rows.Count).Where(i => rows[i].Source == source).ToArray();
                var held = trainer.Train([.. train.Select(i => rows[i])], [.. train.Select(i => embeddings[i])], "all but " + source);
                await output.WriteLineAsync(SplitEvaluation.Of(source, held, [.. test.Select(i => rows[i])], [.. test.Select(i => embeddings[i])]).Line()).ConfigureAwait(false);
            }
        }

        if (target is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var file = File.Create(target))
            {
                heads.Write(file);
            }

            await output.WriteLineAsync($"\nwrote {target} ({new FileInfo(target).Length} bytes); to ship it, copy it over {ShippedPath} and rebuild").ConfigureAwait(false);
        }

        return 0;
    }

    private static double Number(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0
            ? x
            : throw new UsageException($"{option} expects a non-negative number, not '{value}'.");
}
