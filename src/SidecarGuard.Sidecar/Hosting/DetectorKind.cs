using SidecarGuard.Core.Detection;
using SidecarGuard.Semantic;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>Which built-in detector scores turns (<c>--detector</c>).</summary>
public enum DetectorKind
{
    /// <summary>The sentence encoder's heads beside the lexicons (the default).</summary>
    Semantic,

    /// <summary>The lexicons and the hashed linear model only: no encoder loaded, microseconds a turn.</summary>
    Lexicon,
}

/// <summary>Names and construction of <see cref="DetectorKind"/>.</summary>
internal static class DetectorKinds
{
    /// <summary>The kind called <paramref name="name"/> (<c>semantic</c> or <c>lexicon</c>), or null.</summary>
    public static DetectorKind? FromName(string name) => name switch
    {
        "semantic" => DetectorKind.Semantic,
        "lexicon" => DetectorKind.Lexicon,
        _ => null,
    };

    /// <summary>
    /// The built-in detector of this kind. The semantic one shares one encoder per process (loaded on first use), so
    /// every host, replay and evaluation in a process pays for the model once.
    /// </summary>
    public static ITurnDetector Create(DetectorKind kind) => kind switch
    {
        DetectorKind.Lexicon => new LexiconDetector(),
        _ => SemanticDetector.Create(new LexiconDetector()),
    };
}
