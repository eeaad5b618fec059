using System.Text.Json.Serialization;

namespace SidecarGuard.Judges;

/// <summary>
/// Which judges to consult and how to combine them with the built-in detector: the content of a judges settings file
/// (<c>--judges PATH</c>), completed by SIDECARGUARD_JUDGE_* environment variables. No judge is configured by default.
/// </summary>
public sealed class JudgeSettings
{
    /// <summary>Llama Guard over an OpenAI-compatible chat endpoint; <see langword="null"/> when not used.</summary>
    [JsonPropertyName("llamaGuard")]
    public LlamaGuardOptions? LlamaGuard { get; set; }

    /// <summary>The OpenAI moderation API; <see langword="null"/> when not used.</summary>
    [JsonPropertyName("openAIModeration")]
    public OpenAIModerationOptions? OpenAIModeration { get; set; }

    /// <summary>How scores are combined. Defaults to <see cref="CombinationRule.Strongest"/>.</summary>
    [JsonPropertyName("combine")]
    public CombinationRule Combine { get; set; } = CombinationRule.Strongest;

    /// <summary>Whether any judge is configured.</summary>
    [JsonIgnore]
    public bool HasJudges => LlamaGuard is not null || OpenAIModeration is not null;

    /// <summary>
    /// Reads settings from <paramref name="path"/> (optional) and then from environment variables, which win:
    /// SIDECARGUARD_JUDGE_LLAMAGUARD_URL, SIDECARGUARD_JUDGE_LLAMAGUARD_MODEL, SIDECARGUARD_JUDGE_OPENAI_URL,
    /// SIDECARGUARD_JUDGE_OPENAI_MODEL and SIDECARGUARD_JUDGE_COMBINE. A URL variable alone enables its judge.
    /// </summary>
    /// <param name="path">JSON settings file, or <see langword="null"/> for environment variables only.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    /// <exception cref="JudgeSettingsException">The file cannot be read or the settings are invalid.</exception>
    public static JudgeSettings Load(string? path, Func<string, string?>? environment = null) =>
        JudgeSettingsLoader.Load(path, environment ?? Environment.GetEnvironmentVariable);
}
