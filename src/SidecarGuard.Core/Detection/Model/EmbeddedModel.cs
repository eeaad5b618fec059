namespace SidecarGuard.Core.Detection.Model;

/// <summary>The linear model embedded in this assembly, loaded once per process (null when none is embedded).</summary>
internal static class EmbeddedModel
{
    /// <summary>Resource name of the weight file (set as LogicalName in the project file).</summary>
    public const string ResourceName = "SidecarGuard.Model.weights.bin.gz";

    private static readonly Lazy<LinearModel?> Instance = new(Load);

    /// <summary>The shared model.</summary>
    public static LinearModel? Value => Instance.Value;

    private static LinearModel? Load()
    {
        using var stream = typeof(EmbeddedModel).Assembly.GetManifestResourceStream(ResourceName);
        return stream is null ? null : LinearModel.Read(stream);
    }
}
