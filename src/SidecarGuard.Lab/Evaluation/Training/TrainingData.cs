namespace SidecarGuard.Lab.Evaluation.Training;

/// <summary>
/// The rows the model learns from: the FIRST half of every labelled file (the second halves stay held out for
/// <c>sidecarguard-lab eval</c>), plus the first half of DiaSafety's train split and the hand-written figurative
/// turns in <c>benign-idioms.txt</c> (embedded), which teach that "killing it" and "this code is killing me" are
/// not harm. Adversarial jailbreak prompts are not used.
/// </summary>
internal static class TrainingData
{
    private const string IdiomsResource = "SidecarGuard.Training.benign-idioms.txt";

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
        return [.. rows.Where(i => i.Half == 1 && i.Targets.Count > 0), .. Idioms()];
    }

    /// <summary>The embedded figurative benign turns, negative for every category.</summary>
    public static IEnumerable<EvalItem> Idioms()
    {
        using var stream = typeof(TrainingData).Assembly.GetManifestResourceStream(IdiomsResource)
            ?? throw new InvalidOperationException($"Resource {IdiomsResource} is missing.");
        using var reader = new StreamReader(stream);
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
}
