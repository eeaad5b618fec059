using SidecarGuard.Sidecar.Cli;

namespace SidecarGuard.Lab.Cli;

/// <summary>Entry point of the lab: measures the judge on labelled data and fits its models. Not part of the product.</summary>
internal static class LabCommandLine
{
    public const string Usage = """
        Usage: sidecarguard-lab eval [options]            measure the built-in detector on ../shared/data
               sidecarguard-lab train [options]           refit the hashed linear model on the first halves of the data
               sidecarguard-lab train-semantic [options]  refit the semantic heads; measure halves and sources held out
               sidecarguard-lab score [FILE|-] [options]  print what each stage reads of turns, one per line (error analysis)
               sidecarguard-lab help                      (--help after any command prints this; --verbose adds stack traces)
        Run from the repository: dotnet run --project src/SidecarGuard.Lab -c Release -- COMMAND [options]
        Trained files are written under ./lab-output unless --out says otherwise; the product embeds only what is
        copied into src/ deliberately.

        eval options:
          --data DIR             labelled data sets (default: ../shared/data from here or from the repository root)
          --set NAME             only this set (xstest, openai-moderation, jailbreakbench, jailbreakbench-prompts,
                                 harmbench, simplesafetytests, diasafety, hh-rlhf, hh-rlhf-follow-ups)
          --format table|json    output format (default table)
          --obfuscate            also score obfuscated copies of every row and report the share of detection kept
          --model PATH|none      use this weight file (from train --out) instead of the embedded model; none: lexicons only
          --inner                first halves only, split again: 1st = each file's first quarter, 2nd = its second
          --misses               list the first-half rows each measure gets wrong (to stderr), for error analysis
          --detector semantic|lexicon  as for serve (default semantic);  --heads PATH  semantic heads file to measure
          --encoder int8|float   the semantic stage's encoder: 8-bit dense layers as served (default), or the float model
          --policy PATH          judge under this policy file (as serve --policy), e.g. another atRiskDoubtThreshold
          --ablate               measure what each lexicon file, the hashed model and the heads add (held-out halves
                                 and the scenario conversations), as a Markdown table

        train options:
          --data DIR             labelled data sets (default as for eval)
          --out PATH             weight file (default lab-output/weights.bin.gz; copy it over
                                 src/SidecarGuard.Core/Detection/Model/weights.bin.gz to ship it)
          --inner                train on each file's first quarter only (validate with eval --inner --model PATH)
          --epochs N, --bits N   training passes (default 30), log2 hash buckets (default 17)
          --l2 X, --learning-rate X, --threshold P, --max-class-weight X   tuning knobs (defaults in TrainerOptions)

        train-semantic options:
          --data DIR             labelled data sets (default as for eval)
          --out PATH             heads file (default lab-output/heads.json; copy it over
                                 src/SidecarGuard.Semantic/Heads/heads.json to ship it)
          --evaluate-only        measure, write nothing;  --no-loso  skip the leave-one-source-out fits
          --encoder float|int8   embeddings to learn from: the float model (default; the shipped heads) or the
                                 8-bit encoder as served
          --iterations N, --l2 X, --benign-rate X, --at-risk-rate X, --min-threshold P, --folds N,
                                 --categories a,b, --own-weight X   tuning knobs (defaults in HeadTrainerOptions)

        score options (turns from FILE, one per line, or from standard input; text after the last tab of a line):
          --heads PATH           semantic heads file to read with;  --encoder int8|float  as for eval
          --min-score X          head scores printed from X (default 0.1; 0.5 is each head's threshold)
        """;

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        CommandRunner.RunAsync("sidecarguard-lab", Usage, args, "help", async (command, rest) =>
        {
            switch (command)
            {
                case "eval":
                    return await EvalCommand.RunAsync(EvalCommand.Parse(rest), output, error, !Console.IsErrorRedirected).ConfigureAwait(false);
                case "train":
                    return await TrainCommand.RunAsync(TrainCommand.Parse(rest), output, error).ConfigureAwait(false);
                case "train-semantic":
                    return await TrainSemanticCommand.RunAsync(TrainSemanticCommand.Parse(rest), output, error).ConfigureAwait(false);
                case "score":
                    return await ScoreCommand.RunAsync(ScoreCommand.Parse(rest), Console.In, output, error).ConfigureAwait(false);
                case "help":
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 0;
                default:
                    throw new UsageException($"Unknown command '{command}'.");
            }
        }, error);
}
