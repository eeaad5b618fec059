using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SidecarGuard.Core.Guard;

/// <summary>SHA-256 of a text's UTF-8 bytes, as lower-case hex: what the store keeps instead of the text.</summary>
public static class TextHash
{
    /// <summary>One reusable hasher per thread: a one-shot hash sets up and tears down a native context every call.</summary>
    [ThreadStatic]
    private static IncrementalHash? _hasher;

    /// <summary>Hashes <paramref name="text"/>.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = max > 1024 ? ArrayPool<byte>.Shared.Rent(max) : null;
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[max];
            var count = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            var hasher = _hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hasher.AppendData(buffer[..count]);
            hasher.GetHashAndReset(hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
