namespace SidecarGuard.Sidecar.Evaluation.Training;

/// <summary>
/// The rows the model learns from: the FIRST half of every labelled file (the second halves stay held out for
/// <c>sidecarguard eval</c>), plus the first half of DiaSafety's train split, the hand-written figurative
/// turns in <c>benign-idioms.txt</c> (embedded), which teach that "killing it" and "this code is killing me" are
/// not harm, and the hand-written labelled turns in <c>handwritten.tsv</c> (embedded). Adversarial jailbreak
/// prompts are not used.
/// </summary>
internal static class TrainingData
{
    private const string IdiomsResource = "SidecarGuard.Training.benign-idioms.txt";
    private const string HandwrittenResource = "SidecarGuard.Training.handwritten.tsv";

    /// <summary>
    /// The training rows; with <paramref name="inner"/> only the first quarter of every file (the first half of its
    /// first half, see <see cref="HalfSplitter.InnerSplit"/>), for validating settings on the second quarter.
    /// </summary>
    public static List<EvalItem> Load(string dataDirectory, bool inner = false)
    {
        var sets = new[]
        {
            XsTestReader.Read(dataDirectory),
            OpenAiModerationReader.Read(dataDirectory),
            JailbreakBenchReader.Read(dataDirectory),
            HarmBenchReader.Read(dataDirectory),
            SimpleSafetyTestsReader.Read(dataDirectory),
            DiaSafetyReader.Read(dataDirectory, "train"),
        };
        var rows = sets.SelectMany(s => inner ? HalfSplitter.InnerSplit(s.Items) : s.Items);
        return [.. rows.Where(i => i.Half == 1 && i.Targets.Count > 0), .. Idioms(), .. Handwritten()];
    }

    /// <summary>The embedded figurative benign turns, negative for every category.</summary>
    public static IEnumerable<EvalItem> Idioms()
    {
        using var reader = ReadResource(IdiomsResource);
        var items = new List<EvalItem>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                items.Add(new EvalItem(line, 1, "idiom", new Dictionary<string, bool>(), TrainingTargets.Benign()));
            }
        }

        return items;
    }

    /// <summary>
    /// The embedded hand-written labelled turns: one per line, <c>category TAB text</c>, where category is one of
    /// <see cref="TrainingTargets.Categories"/> (positive for it, negative for the others) or <c>benign</c>
    /// (negative for all). Blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    public static List<EvalItem> Handwritten()
    {
        using var reader = ReadResource(HandwrittenResource);
        return ParseHandwritten(reader);
    }

    /// <summary>Parses <see cref="Handwritten"/>'s format; a malformed line throws with its number.</summary>
    public static List<EvalItem> ParseHandwritten(TextReader reader)
    {
        var items = new List<EvalItem>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var category = tab > 0 ? line[..tab] : "";
            var text = tab > 0 ? line[(tab + 1)..].Trim() : "";
            var targets = category == "benign"
                ? TrainingTargets.Benign()
                : TrainingTargets.Categories.Contains(category) ? TrainingTargets.Positive(category) : null;
            if (targets is null || text.Length == 0)
            {
                throw new InvalidDataException(
                    $"handwritten.tsv line {number}: expected 'category<TAB>text' with category 'benign' or one of {string.Join(", ", TrainingTargets.Categories)}.");
            }

            items.Add(new EvalItem(text, 1, "handwritten:" + category, new Dictionary<string, bool>(), targets));
        }

        return items;
    }

    private static StreamReader ReadResource(string name) =>
        new(typeof(TrainingData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing."));
}
