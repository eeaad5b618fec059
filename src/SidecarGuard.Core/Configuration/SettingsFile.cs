using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SidecarGuard.Core.Configuration;

/// <summary>
/// The one way SidecarGuard reads its JSON settings files (the policy, the API keys, the model judges): read the file,
/// deserialize it with the file's contract (camelCase, comments and trailing commas allowed, unknown members refused
/// by the contract's options), and report every failure the same way — which file, which line, what is wrong — through
/// the file's own exception type, so each host can still tell a bad policy from a bad key file.
/// </summary>
/// <typeparam name="T">What the file holds.</typeparam>
/// <param name="contract">How the file maps to <typeparamref name="T"/>.</param>
/// <param name="kind">What the file is, for messages ("policy file", "auth file").</param>
/// <param name="fail">Makes the file's exception from a message and its cause.</param>
public sealed class SettingsFile<T>(JsonTypeInfo<T> contract, string kind, Func<string, Exception?, SettingsFileException> fail)
    where T : class
{
    /// <summary>Reads and deserializes <paramref name="path"/>.</summary>
    public T Read(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw fail($"Cannot read the {kind} '{path}': {e.Message}", e);
        }

        return Parse(json, path);
    }

    /// <summary>Deserializes settings text; <paramref name="source"/> names its origin in messages.</summary>
    public T Parse(string json, string source)
    {
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

    /// <summary>Throws the file's exception listing <paramref name="problems"/> when there are any.</summary>
    public void ThrowIfInvalid(IReadOnlyCollection<string> problems, string source)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count > 0)
        {
            throw fail($"The {kind} '{source}' is invalid: {string.Join("; ", problems)}", null);
        }
    }
}
