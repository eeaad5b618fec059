using System.Globalization;
using System.Text;
using SidecarGuard.Core.Detection;
using SidecarGuard.Semantic.Encoding;
using SidecarGuard.Sidecar.Cli;

namespace SidecarGuard.Lab.Cli;

/// <summary>
/// <c>sidecarguard-lab score</c>: for error analysis, reads turns one per line and prints, for each, what the lexicon
/// stage saw (with <c>[named ...]</c>: what its patterns alone read, <see cref="TurnSignals.NamedOutright"/>), every
/// semantic head's score (on the detector's scale, where 0.5 is the head's threshold) and the signals the two stages
/// give together. Each line is judged alone, as a first turn; nothing is written.
/// </summary>
internal static class ScoreCommand
{
    /// <param name="Input">File of turns, one per line; null or <c>-</c>: standard input.</param>
    /// <param name="HeadsPath">Semantic heads file to read with instead of the embedded one.</param>
    /// <param name="Precision">The encoder: 8-bit dense layers as served, or the float reference.</param>
    /// <param name="MinScore">Head scores under this are not printed.</param>
    public sealed record Options(string? Input, string? HeadsPath = null, EncoderPrecision Precision = EncoderPrecision.Int8, double MinScore = 0.1);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options(null);
        var reader = new ArgumentReader(args);
        while (reader.TryNext(out var token, out var inline))
        {
            options = token switch
            {
                "--heads" => options with { HeadsPath = reader.Value(token, inline) },
                "--encoder" => options with { Precision = EncoderPrecisionOption.Parse(token, reader.Value(token, inline)) },
                "--min-score" => options with { MinScore = MinScore(token, reader.Value(token, inline)) },
                _ when !token.StartsWith("--", StringComparison.Ordinal) && options.Input is null => options with { Input = token },
                _ => throw new UsageException($"Unknown argument '{token}' for score."),
            };
        }

        return options;
    }

    public static async Task<int> RunAsync(Options options, TextReader standardInput, TextWriter output, TextWriter error)
    {
        if (options.Input is { } path && path != "-" && !File.Exists(path))
        {
            await error.WriteLineAsync($"sidecarguard-lab: no such file: {path}").ConfigureAwait(false);
            return 2;
        }

        var lexicons = new LexiconDetector();
        var semantic = options.HeadsPath is { } headsPath
            ? Semantic.SemanticDetector.CreateWithHeadsFile(lexicons, headsPath, options.Precision)
            : Semantic.SemanticDetector.Create(lexicons, options.Precision);
        var categories = semantic.Categories.ToArray();
        using var file = options.Input is { } name && name != "-" ? new StreamReader(name) : null;
        var input = file ?? standardInput;
        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }

            var text = line.Contains('\t', StringComparison.Ordinal) ? line[(line.LastIndexOf('\t') + 1)..] : line;
            var encoderInput = EncoderInput.Of(text);
            var scores = semantic.Score(encoderInput);
            var heads = string.Join(' ', categories.Select((c, i) => (c, s: scores[i]))
                .Where(p => p.s >= options.MinScore).OrderByDescending(p => p.s)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.c}:{p.s:0.00}")));
            await output.WriteLineAsync(text).ConfigureAwait(false);
            await output.WriteLineAsync($"  lexicons  {Describe(lexicons.AnalyzeUserTurn(text))}").ConfigureAwait(false);
            await output.WriteLineAsync($"  heads     {(heads.Length == 0 ? "-" : heads)}").ConfigureAwait(false);
            await output.WriteLineAsync($"  together  {Describe(semantic.AnalyzeUserTurn(text))}").ConfigureAwait(false);
        }

        return 0;
    }

    private static string Describe(TurnSignals signals)
    {
        var text = new StringBuilder();
        foreach (var category in signals.Categories.OrderByDescending(c => c.Score))
        {
            text.Append(CultureInfo.InvariantCulture, $"{category.Name}:{category.Score:0.00} ");
        }

        foreach (var (flag, name) in new[]
        {
            (signals.AtRisk, "at-risk"), (signals.EndRequest, "end-request"), (signals.EndConfirmation, "end-confirmation"),
            (signals.Insistence, "insistence"), (signals.Continuation, "continuation"), (signals.DeclinesHelp, "declines-help"), (signals.PressesOn, "presses-on"),
            (signals.AtRiskFromWordStatistics, "at-risk-from-word-statistics"),
        })
        {
            if (flag)
            {
                text.Append('[').Append(name).Append("] ");
            }
        }

        if (signals.NamedOutright.Count > 0)
        {
            text.Append("[named ").AppendJoin(' ', signals.NamedOutright.OrderByDescending(c => c.Score)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name}:{c.Score:0.00}"))).Append("] ");
        }

        return text.Length == 0 ? "-" : text.ToString().TrimEnd();
    }

    private static double MinScore(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x is >= 0 and <= 1
            ? x
            : throw new UsageException($"{option} expects a number from 0 to 1, not '{value}'.");
}
