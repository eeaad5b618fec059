using SidecarGuard.Core.Detection;

namespace SidecarGuard.Lab.Evaluation.Ablation;

/// <summary>One detector of the ablation: which lexicon files it loads, whether the hashed model and the heads run.</summary>
/// <param name="Name">Label in the report, e.g. "shipped" or "- violence.json".</param>
/// <param name="KeepLexicon">Which lexicon categories load.</param>
/// <param name="Model">Whether the hashed linear model runs.</param>
/// <param name="Heads">Whether the semantic heads run beside the lexicons.</param>
internal sealed record AblationConfiguration(string Name, Func<string, bool> KeepLexicon, bool Model, bool Heads)
{
    /// <summary>
    /// The signal lexicons (refusal, end request, confirmation, insistence, continuation) are kept in every configuration: no data
    /// set measures them and the policy cannot work without them; the scenarios exercise them.
    /// </summary>
    public static readonly IReadOnlySet<string> Signals = new HashSet<string>(StringComparer.Ordinal)
    {
        LexiconDetector.RefusalSignal, LexiconDetector.EndRequestSignal, LexiconDetector.EndConfirmationSignal,
        LexiconDetector.InsistenceSignal, LexiconDetector.ContinuationSignal, LexiconDetector.DeclinesHelpSignal,
    };

    /// <summary>The shipped detector, the two halves alone, the detector without the hashed model, and without each category file.</summary>
    public static IReadOnlyList<AblationConfiguration> All(IEnumerable<string> lexiconCategories)
    {
        var list = new List<AblationConfiguration>
        {
            new("shipped (lexicons + model + heads)", _ => true, Model: true, Heads: true),
            new("lexicons + model, no heads", _ => true, Model: true, Heads: false),
            new("heads + signal lexicons only", Signals.Contains, Model: false, Heads: true),
            new("- hashed model", _ => true, Model: false, Heads: true),
        };
        foreach (var category in lexiconCategories.Where(c => !Signals.Contains(c)).Order(StringComparer.Ordinal))
        {
            list.Add(new($"- {category}.json", c => c != category, Model: true, Heads: true));
        }

        return list;
    }

    /// <summary>The inner (lexicon) detector of this configuration.</summary>
    public LexiconDetector CreateLexiconDetector() => LexiconDetector.With(LexiconLoader.LoadEmbedded(KeepLexicon), Model);
}
