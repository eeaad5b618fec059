using System.ComponentModel.DataAnnotations;

namespace SidecarGuard.Judges;

/// <summary>The OpenAI moderation API (<c>POST /v1/moderations</c>) or a server that speaks it.</summary>
public sealed class OpenAIModerationOptions : JudgeOptions
{
    /// <summary>The environment variable read for the API key unless <see cref="JudgeOptions.ApiKeyVariable"/> is set.</summary>
    public const string DefaultApiKeyVariable = "SIDECARGUARD_JUDGE_OPENAI_KEY";

    /// <summary>
    /// Creates options with the defaults: base URL <c>https://api.openai.com</c>, model <c>omni-moderation-latest</c>,
    /// key from SIDECARGUARD_JUDGE_OPENAI_KEY.
    /// </summary>
    public OpenAIModerationOptions()
    {
        BaseUrl = "https://api.openai.com";
        Model = "omni-moderation-latest";
        ApiKeyVariable = DefaultApiKeyVariable;
    }

    /// <summary>
    /// Score of <c>self-harm/intent</c> or <c>self-harm/instructions</c> at which the user counts as at risk.
    /// Defaults to 0.5. A category the API flags counts whatever its score.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AtRiskThreshold { get; set; } = 0.5;
}
