namespace SidecarGuard.Judges;

/// <summary>Llama Guard 3 served by an OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server and others).</summary>
public sealed class LlamaGuardOptions : JudgeOptions
{
    /// <summary>The environment variable read for the API key unless <see cref="JudgeOptions.ApiKeyVariable"/> is set.</summary>
    public const string DefaultApiKeyVariable = "SIDECARGUARD_JUDGE_LLAMAGUARD_KEY";

    /// <summary>Creates options with the defaults: model <c>llama-guard3</c>, key from SIDECARGUARD_JUDGE_LLAMAGUARD_KEY.</summary>
    public LlamaGuardOptions()
    {
        Model = "llama-guard3";
        ApiKeyVariable = DefaultApiKeyVariable;
    }

    /// <summary>
    /// Send only the user's turn and let the server's chat template build the Llama Guard prompt. Defaults to
    /// <see langword="false"/>: the judge builds the full prompt itself and sends it as one user message. Set it when
    /// the server applies Llama Guard's own template (Ollama's <c>llama-guard3</c> and Hugging Face's template do).
    /// </summary>
    public bool PromptFromServerTemplate { get; set; }
}
