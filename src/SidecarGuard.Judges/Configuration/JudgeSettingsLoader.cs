using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SidecarGuard.Core.Configuration;

namespace SidecarGuard.Judges;

/// <summary>Reads <see cref="JudgeSettings"/> from a JSON file and SIDECARGUARD_JUDGE_* variables, then validates them.</summary>
internal static class JudgeSettingsLoader
{
    internal const string LlamaGuardUrl = "SIDECARGUARD_JUDGE_LLAMAGUARD_URL";
    internal const string LlamaGuardModel = "SIDECARGUARD_JUDGE_LLAMAGUARD_MODEL";
    internal const string OpenAIUrl = "SIDECARGUARD_JUDGE_OPENAI_URL";
    internal const string OpenAIModel = "SIDECARGUARD_JUDGE_OPENAI_MODEL";
    internal const string Combine = "SIDECARGUARD_JUDGE_COMBINE";

    private static readonly JsonSerializerOptions Json = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt setting must not silently fall back to a default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static JudgeSettings Load(string? path, Func<string, string?> environment)
    {
        var settings = path is null ? new JudgeSettings() : ReadFile(path);
        ApplyEnvironment(settings, environment);
        Validate(settings, path ?? "environment");
        return settings;
    }

    private static readonly SettingsFile<JudgeSettings> Reader = new((JsonTypeInfo<JudgeSettings>)Json.GetTypeInfo(typeof(JudgeSettings)),
        "judge settings", (message, inner) => inner is null ? new JudgeSettingsException(message) : new JudgeSettingsException(message, inner));

    private static JudgeSettings ReadFile(string path) => Reader.Read(path);

    private static void ApplyEnvironment(JudgeSettings settings, Func<string, string?> environment)
    {
        if (environment(LlamaGuardUrl) is { Length: > 0 } llamaUrl)
        {
            settings.LlamaGuard ??= new LlamaGuardOptions();
            settings.LlamaGuard.BaseUrl = llamaUrl;
        }

        if (environment(LlamaGuardModel) is { Length: > 0 } llamaModel && settings.LlamaGuard is not null)
        {
            settings.LlamaGuard.Model = llamaModel;
        }

        if (environment(OpenAIUrl) is { Length: > 0 } openAIUrl)
        {
            settings.OpenAIModeration ??= new OpenAIModerationOptions();
            settings.OpenAIModeration.BaseUrl = openAIUrl;
        }

        if (environment(OpenAIModel) is { Length: > 0 } openAIModel && settings.OpenAIModeration is not null)
        {
            settings.OpenAIModeration.Model = openAIModel;
        }

        if (environment(Combine) is { Length: > 0 } combine)
        {
            settings.Combine = Enum.TryParse<CombinationRule>(combine, ignoreCase: true, out var rule) && Enum.IsDefined(rule)
                ? rule
                : throw new JudgeSettingsException($"{Combine} must be strongest or corroborated, not '{combine}'.");
        }
    }

    private static void Validate(JudgeSettings settings, string source)
    {
        var problems = new List<string>();
        Check("llamaGuard", settings.LlamaGuard, problems);
        Check("openAIModeration", settings.OpenAIModeration, problems);
        if (!Enum.IsDefined(settings.Combine))
        {
            problems.Add($"combine: {settings.Combine} is not a combination rule.");
        }

        Reader.ThrowIfInvalid(problems, source);
    }

    private static void Check(string section, JudgeOptions? options, List<string> problems)
    {
        if (options is null)
        {
            return;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            problems.AddRange(results.Select(r => $"{section}: {r.ErrorMessage}"));
        }
    }
}
