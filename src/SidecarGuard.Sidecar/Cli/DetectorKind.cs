namespace SidecarGuard.Sidecar.Cli;

/// <summary>Which built-in detector scores turns.</summary>
internal enum DetectorKind
{
    /// <summary>The sentence encoder's heads beside the lexicons (the default).</summary>
    Semantic,

    /// <summary>The lexicons and the hashed linear model only: no encoder loaded, microseconds a turn.</summary>
    Lexicon,
}

/// <summary>Parsing of <see cref="DetectorKind"/> from the command line and the environment.</summary>
internal static class DetectorKinds
{
    public static DetectorKind Parse(string value) => value switch
    {
        "semantic" => DetectorKind.Semantic,
        "lexicon" => DetectorKind.Lexicon,
        _ => throw new UsageException($"--detector must be semantic or lexicon, not '{value}'."),
    };
}
