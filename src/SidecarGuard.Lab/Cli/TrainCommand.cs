using SidecarGuard.Lab.Evaluation;
using SidecarGuard.Lab.Evaluation.Training;
using SidecarGuard.Sidecar.Cli;

namespace SidecarGuard.Lab.Cli;

/// <summary>
/// <c>sidecarguard-lab train</c>: fits the built-in linear model on the first halves of the labelled sets and writes
/// its weight file (by default into the Core project, where it is embedded).
/// </summary>
internal static class TrainCommand
{
    /// <summary>Where the trained file goes unless <c>--out</c> says otherwise: beside the working directory, never into the sources.</summary>
    public const string DefaultOutput = "lab-output/weights.bin.gz";

    /// <summary>The file the product embeds; a trained file is copied there deliberately, after its numbers are read.</summary>
    public const string ShippedPath = "src/SidecarGuard.Core/Detection/Model/weights.bin.gz";

    /// <param name="DataDirectory">Where the data sets are; null: found from the working directory.</param>
    /// <param name="Output">Weight file to write; null: the embedded model's source file.</param>
    /// <param name="Trainer">Training settings.</param>
    /// <param name="Inner">Train on each file's first quarter only, to validate settings on the second (<c>eval --inner</c>).</param>
    public sealed record Options(string? DataDirectory, string? Output, TrainerOptions Trainer, bool Inner = false);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options(null, null, new TrainerOptions());
        var reader = new ArgumentReader(args);
        while (reader.TryNext(out var token, out var inline))
        {
            options = token switch
            {
                "--data" => options with { DataDirectory = reader.Value(token, inline) },
                "--out" => options with { Output = reader.Value(token, inline) },
                "--inner" => options with { Inner = true },
                "--epochs" => options with { Trainer = options.Trainer with { Epochs = Positive(token, reader.Value(token, inline)) } },
                "--bits" => options with { Trainer = options.Trainer with { Bits = Positive(token, reader.Value(token, inline)) } },
                "--l2" => options with { Trainer = options.Trainer with { L2 = Fraction(token, reader.Value(token, inline)) } },
                "--learning-rate" => options with { Trainer = options.Trainer with { LearningRate = Fraction(token, reader.Value(token, inline)) } },
                "--threshold" => options with { Trainer = options.Trainer with { Threshold = Fraction(token, reader.Value(token, inline)) } },
                "--max-class-weight" => options with { Trainer = options.Trainer with { MaxClassWeight = Fraction(token, reader.Value(token, inline)) } },
                _ => throw new UsageException($"Unknown argument '{token}' for train."),
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

        var target = Path.GetFullPath(options.Output ?? DefaultOutput);
        var items = TrainingData.Load(data, options.Inner);
        await output.WriteLineAsync($"training on {items.Count} first-{(options.Inner ? "quarter" : "half")} rows from {data}").ConfigureAwait(false);
        var model = new LogisticTrainer(options.Trainer).Train(items, TrainingTargets.Categories, output);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var file = File.Create(target))
        {
            model.Write(file);
        }

        await output.WriteLineAsync($"wrote {target} ({new FileInfo(target).Length} bytes); to ship it, copy it over {ShippedPath} and rebuild").ConfigureAwait(false);
        return 0;
    }

    private static float Fraction(string option, string value) =>
        float.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) && x > 0
            ? x
            : throw new UsageException($"{option} expects a positive number, not '{value}'.");

    private static int Positive(string option, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{option} expects a positive whole number, not '{value}'.");
}
