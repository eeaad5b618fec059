using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SidecarGuard.Core.Configuration;

/// <summary>
/// The one way SidecarGuard reads its JSON settings files (the policy, the API keys, the model judges): read the file,
/// deserialize it with the caller's contract (camelCase, comments and trailing commas allowed, unknown members refused
/// by the caller's options), and report every failure the same way — which file, which line, what is wrong — through
/// the caller's exception type, so each host can still tell a bad policy from a bad key file.
/// </summary>
public static class SettingsFile
{
    /// <summary>Reads and deserializes <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="contract">How the file maps to <typeparamref name="T"/>.</param>
    /// <param name="kind">What the file is, for messages ("policy file", "auth file").</param>
    /// <param name="fail">Makes the caller's exception from a message and its cause.</param>
    public static T Read<T>(string path, JsonTypeInfo<T> contract, string kind, Func<string, Exception?, SettingsFileException> fail)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(fail);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw fail($"Cannot read the {kind} '{path}': {e.Message}", e);
        }

        return Parse(json, path, contract, kind, fail);
    }

    /// <summary>Deserializes settings text; <paramref name="source"/> names its origin in messages.</summary>
    public static T Parse<T>(string json, string source, JsonTypeInfo<T> contract, string kind, Func<string, Exception?, SettingsFileException> fail)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(fail);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, contract);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw fail($"The {kind} '{source}' is not valid JSON{where}: {e.Message}", e);
        }

        return value ?? throw fail($"The {kind} '{source}' is empty; expected a JSON object.", null);
    }

    /// <summary>Throws the caller's exception listing <paramref name="problems"/> when there are any.</summary>
    public static void ThrowIfInvalid(IReadOnlyCollection<string> problems, string source, string kind, Func<string, Exception?, SettingsFileException> fail)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(fail);
        if (problems.Count > 0)
        {
            throw fail($"The {kind} '{source}' is invalid: {string.Join("; ", problems)}", null);
        }
    }
}
