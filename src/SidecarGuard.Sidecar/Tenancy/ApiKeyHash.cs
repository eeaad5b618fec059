using System.Security.Cryptography;
using System.Text;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>The one way an API key is hashed: SHA-256 of its UTF-8 bytes, lowercase hex.</summary>
internal static class ApiKeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
