using SidecarGuard.Semantic.Encoding;
using SidecarGuard.Sidecar.Cli;

namespace SidecarGuard.Lab.Cli;

/// <summary>The lab's <c>--encoder int8|float</c>.</summary>
internal static class EncoderPrecisionOption
{
    public static EncoderPrecision Parse(string option, string value) => value switch
    {
        "int8" => EncoderPrecision.Int8,
        "float" => EncoderPrecision.Float32,
        _ => throw new UsageException($"{option} must be int8 or float, not '{value}'."),
    };
}
