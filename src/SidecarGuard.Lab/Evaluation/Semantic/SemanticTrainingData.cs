using SidecarGuard.Lab.Evaluation.Training;

namespace SidecarGuard.Lab.Evaluation.Semantic;

/// <summary>
/// Every labelled row the semantic heads may learn from, with its source: the public sets in <c>../shared/data</c>
/// (both halves; callers choose which to train on) and our own turns. Jailbreak prompts are left out: they wrap a
/// request in pages of role-play and would teach the heads the wrapper rather than the request.
/// </summary>
internal static class SemanticTrainingData
{
    /// <summary>Davidson's offensive tweets are three quarters of that set; every sixth is plenty to learn what they are not.</summary>
    private const int OffensiveStride = 6;

    public static List<SemanticRow> Load(string dataDirectory)
    {
        var sets = new[]
        {
            XsTestReader.Read(dataDirectory),
            OpenAiModerationReader.Read(dataDirectory),
            JailbreakBenchReader.Read(dataDirectory),
            HarmBenchReader.Read(dataDirectory),
            SimpleSafetyTestsReader.Read(dataDirectory),
            DiaSafetyReader.Read(dataDirectory, "train") with { Name = DiaSafetyReader.Name },
            DavidsonReader.Read(dataDirectory),
        };
        var rows = new List<SemanticRow>();
        foreach (var set in sets)
        {
            rows.AddRange(set.Items
                .Where((i, n) => i.Targets.Count > 0 && (i.Group != "offensive" || n % OffensiveStride == 0))
                .Select(i => new SemanticRow(i.Text, set.Name, i.Half, i.Group, SemanticHeadCategories.LabelsOf(i, set.Name)))
                .Where(r => r.Labels.Count > 0));
        }

        rows.AddRange(FollowUpRows(dataDirectory));
        rows.AddRange(TrainingData.Idioms().Select(i => new SemanticRow(i.Text, "idioms", 1, "idiom", SemanticHeadCategories.LabelsOf(i, "idioms"))));
        rows.AddRange(OwnTurns.Load());
        return rows;
    }

    /// <summary>
    /// What teaches the follow-up signal and nothing else: HH-RLHF second turns (pressing on, or harmless) and the
    /// benign first turns of the same dialogues, as everyday chat. Only the follow-up head is told about them, so every
    /// other head is fitted exactly as without them.
    /// </summary>
    private static IEnumerable<SemanticRow> FollowUpRows(string dataDirectory)
    {
        var followUps = HhRlhfFollowUpReader.Read(dataDirectory);
        foreach (var item in followUps.Items)
        {
            yield return new SemanticRow(item.Text, followUps.Name, item.Half, item.Group,
                new Dictionary<string, bool> { [SemanticHeadCategories.FollowUp] = item.Label(HhRlhfFollowUpReader.Presses) == true });
        }

        var firstTurns = HhRlhfReader.Read(dataDirectory);
        foreach (var item in firstTurns.Items.Where(i => i.Group == HhRlhfReader.Benign))
        {
            yield return new SemanticRow(item.Text, firstTurns.Name, item.Half, item.Group,
                new Dictionary<string, bool> { [SemanticHeadCategories.FollowUp] = false });
        }
    }
}
