namespace SidecarGuard.Samples.ChatAgent;

/// <summary>What the sample runs against, from the command line and the environment.</summary>
internal sealed record AgentSettings
{
    public const string Usage = """
        usage: ChatAgent [--offline [TRANSCRIPT]] [--sidecar URL] [--fail-open]
                         [--base-url URL] [--api-key KEY] [--model NAME]

          no --base-url (and no OPENAI_BASE_URL)  OFFLINE: replay TRANSCRIPT (default transcript.json) with a scripted model
          --base-url URL   an OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (Ollama) or http://127.0.0.1:8000/v1 (vLLM);
                           env OPENAI_BASE_URL. Then chat on stdin; /new starts a new conversation, /quit leaves.
          --api-key KEY    env OPENAI_API_KEY; local servers accept any value (default "local")
          --model NAME     env OPENAI_MODEL (default llama3.1)
          --sidecar URL    use a running sidecar, e.g. http://127.0.0.1:50051; without it the guard runs in process
          --fail-open      with --sidecar: if it is unreachable, allow turns (flagged DEGRADED) instead of failing closed
        """;

    public bool Offline => BaseUrl is null;

    public string TranscriptPath { get; init; } = Path.Combine(AppContext.BaseDirectory, "transcript.json");

    public Uri? BaseUrl { get; init; }

    public string ApiKey { get; init; } = "local";

    public string Model { get; init; } = "llama3.1";

    public Uri? Sidecar { get; init; }

    public bool FailOpen { get; init; }

    public static AgentSettings Parse(string[] args)
    {
        var settings = new AgentSettings
        {
            BaseUrl = Environment.GetEnvironmentVariable("OPENAI_BASE_URL") is { Length: > 0 } envUrl ? new Uri(envUrl) : null,
            ApiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 } envKey ? envKey : "local",
            Model = Environment.GetEnvironmentVariable("OPENAI_MODEL") is { Length: > 0 } envModel ? envModel : "llama3.1",
        };
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--offline" => settings with
                {
                    BaseUrl = null,
                    TranscriptPath = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : settings.TranscriptPath,
                },
                "--base-url" => settings with { BaseUrl = new Uri(Value()) },
                "--api-key" => settings with { ApiKey = Value() },
                "--model" => settings with { Model = Value() },
                "--sidecar" => settings with { Sidecar = new Uri(Value()) },
                "--fail-open" => settings with { FailOpen = true },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return settings;
    }
}
