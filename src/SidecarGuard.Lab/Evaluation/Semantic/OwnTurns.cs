namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>
/// Turns we wrote ourselves for what no public set has: insults aimed at the assistant, users at risk who are
/// angry or say it indirectly, intent to hurt a named person, plainly worded extreme requests with slang and
/// typos, follow-ups that press, everyday chat and end requests, in English, Spanish, French, German and
/// Portuguese; and requests across many topics and registers (<c>Training/own-requests.tsv</c>: fraud, intrusion,
/// theft, stalking, propaganda and other redirect-only requests, plain and wrapped in excuses, with a benign twin
/// for each kind and everyday requests to calibrate on). Format (both files embedded): <c>categories&lt;TAB&gt;text</c>, where categories
/// is <c>benign</c> or a comma-separated list of head categories; every head not listed is negative (the follow-up
/// signal only on benign lines). Lines starting
/// with <c>#</c> are comments. Kept apart from the conversation scenarios, which stay unseen by training.
/// </summary>
internal static class OwnTurns
{
    public const string Source = "own";

    /// <summary>The files, by name; each is embedded as <c>SidecarGuard.Training.{name}</c>.</summary>
    public static readonly string[] Files = ["own-turns.tsv", "own-requests.tsv"];

    public static List<SemanticRow> Load() => [.. Files.SelectMany(Load)];

    public static List<SemanticRow> Load(string file)
    {
        var resource = "SidecarGuard.Training." + file;
        using var stream = typeof(OwnTurns).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Resource {resource} is missing.");
        return Parse(new StreamReader(stream), file);
    }

    public static List<SemanticRow> Parse(TextReader reader, string file = "own-turns.tsv")
    {
        var rows = new List<SemanticRow>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new InvalidDataException($"{file} line {number}: expected 'categories<TAB>text'.");
            }

            var categories = line[..tab].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var unknown = categories.Where(c => c != "benign" && !SemanticHeadCategories.All.Contains(c)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidDataException($"{file} line {number}: unknown category '{unknown[0]}'.");
            }

            var labels = SemanticHeadCategories.All.ToDictionary(c => c, categories.Contains);
            labels[Core.Detection.HarmCategories.OtherHarm] |= categories.Any(SemanticHeadCategories.IsHarmfulRequest);
            if (!categories.Contains(SemanticHeadCategories.FollowUp) && !categories.SequenceEqual(["benign"]))
            {
                // Our pressing turns are labelled by their harm; whether they press on is not written down.
                labels.Remove(SemanticHeadCategories.FollowUp);
            }

            rows.Add(new SemanticRow(line[(tab + 1)..].Trim(), Source, 0, line[..tab], labels));
        }

        // Every other row is held out so the own turns can be measured like any file: first half trains.
        return [.. rows.Select((r, i) => r with { Half = i % 2 == 0 ? 1 : 2 })];
    }
}
