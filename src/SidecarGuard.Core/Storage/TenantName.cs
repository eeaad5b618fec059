namespace SidecarGuard.Core.Storage;

/// <summary>
/// The name of a tenant: whose conversations a store reads and writes. Every store keeps tenants apart by putting
/// the name in its keys, so a name is 1 to 64 of <c>A-Z a-z 0-9 . _ -</c> — nothing that could reach into another
/// tenant's keys.
/// </summary>
public static class TenantName
{
    /// <summary>The tenant of a sidecar without API keys, and of a store nobody named a tenant for.</summary>
    public const string Default = "default";

    /// <summary>The longest name.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule as a regular expression, for validation attributes and settings checks.</summary>
    public const string Pattern = "^[A-Za-z0-9._-]{1,64}$";

    /// <summary>What a name may be, in the words error messages use.</summary>
    public const string Rule = "1 to 64 of the characters A-Z a-z 0-9 . _ -";

    /// <summary>Whether <paramref name="name"/> is a valid tenant name.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: >= 1 and <= MaxLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Returns <paramref name="name"/>, or throws when it is not a valid tenant name.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not <see cref="Rule"/>.</exception>
    public static string Require(string? name, string paramName) =>
        IsValid(name) ? name! : throw new ArgumentException($"A tenant name is {Rule}, not '{name}'.", paramName);
}
