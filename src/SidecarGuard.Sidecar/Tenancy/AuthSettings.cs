using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SidecarGuard.Core.Configuration;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>
/// The <c>--auth</c> file: tenants, the SHA-256 hashes (hex) of their API keys, and their rate limits. Keys
/// themselves are never stored; <c>sidecarguard hash-key</c> prints a key's hash.
/// </summary>
internal sealed partial record AuthSettings
{
    /// <summary>Tenants by name (1..64 of [A-Za-z0-9._-]).</summary>
    public Dictionary<string, TenantSettings> Tenants { get; init; } = [];

    private static readonly SettingsFile<AuthSettings> Reader =
        new(AuthJsonContext.Default.AuthSettings, "auth file", (message, _) => new AuthSettingsException(message));

    public static AuthSettings Load(string path)
    {
        var settings = Reader.Read(path);
        settings.Validate(path);
        return settings;
    }

    private void Validate(string path)
    {
        var problems = new List<string>();
        if (Tenants.Count == 0)
        {
            problems.Add("tenants: at least one tenant is needed");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tenant) in Tenants)
        {
            if (!TenantName.IsValid(name))
            {
                problems.Add($"tenants.{name}: a tenant name is {TenantName.Rule}");
            }

            if (tenant is null || tenant.Keys.Count == 0)
            {
                problems.Add($"tenants.{name}.keys: at least one key is needed");
                continue;
            }

            foreach (var key in tenant.Keys)
            {
                if (key is null || !Sha256Hex().IsMatch(key.Sha256 ?? ""))
                {
                    problems.Add($"tenants.{name}.keys: sha256 must be 64 lowercase hex digits (sidecarguard hash-key prints it)");
                }
                else if (!seen.Add(key.Sha256!))
                {
                    problems.Add($"tenants.{name}.keys: the hash {key.Sha256![..8]}… is listed twice");
                }
                else if (key.ReadOnly && key.Operator)
                {
                    problems.Add($"tenants.{name}.keys: the key {key.Sha256![..8]}… is both readOnly and operator; an operator gives feedback, so choose one");
                }
            }

            if (tenant.RateLimit is { } limit && (limit.RequestsPerSecond <= 0 || limit.Burst <= 0))
            {
                problems.Add($"tenants.{name}.rateLimit: requestsPerSecond and burst must be positive");
            }
        }

        Reader.ThrowIfInvalid(problems, path);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}

/// <summary>One tenant: its keys and its rate limit.</summary>
internal sealed record TenantSettings
{
    public List<ApiKeySettings> Keys { get; init; } = [];

    /// <summary>Token bucket; null means unlimited.</summary>
    public RateLimitSettings? RateLimit { get; init; }
}

/// <summary>One API key, by hash.</summary>
internal sealed record ApiKeySettings
{
    /// <summary>SHA-256 of the key's UTF-8 bytes, lowercase hex.</summary>
    public string? Sha256 { get; init; }

    /// <summary>A read-only key may call GetConversation, ListEnds and GetStats only; other calls get PERMISSION_DENIED.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>An operator's key may give feedback as an operator (SubmitFeedback with source OPERATOR); other keys as users only.</summary>
    public bool Operator { get; init; }
}

/// <summary>A token bucket: <see cref="Burst"/> calls at once, refilled at <see cref="RequestsPerSecond"/>.</summary>
internal sealed record RateLimitSettings
{
    public double RequestsPerSecond { get; init; }

    public int Burst { get; init; }
}

/// <summary>An auth file that cannot be used; the message names the problem.</summary>
internal sealed class AuthSettingsException(string message) : SettingsFileException(message);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(AuthSettings))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
