namespace SidecarGuard.Sidecar.Evaluation.Training;

/// <summary>
/// The rows the model learns from: the FIRST half of every labelled file (the second halves stay held out for
/// <c>sidecarguard eval</c>), plus the first half of DiaSafety's train split. Adversarial jailbreak prompts are
/// not used.
/// </summary>
internal static class TrainingData
{
    public static List<EvalItem> Load(string dataDirectory)
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
        return [.. sets.SelectMany(s => s.Items).Where(i => i.Half == 1 && i.Targets.Count > 0)];
    }
}
