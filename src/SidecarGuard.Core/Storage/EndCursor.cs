using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SidecarGuard.Core.Storage;

/// <summary>
/// A position in a listing of ends, newest first: the end's time and a key that orders ends of the same millisecond
/// (each store chooses it; ordinal order of keys must be the store's order). Travels to callers as an opaque page
/// token.
/// </summary>
/// <param name="EndedAtMs">The end's time, Unix milliseconds.</param>
/// <param name="Key">The store's tiebreak key.</param>
public readonly record struct EndCursor(long EndedAtMs, string Key)
{
    private const string Version = "e1";

    /// <summary>Whether an end at (<paramref name="endedAtMs"/>, <paramref name="key"/>) comes after this position, newest first.</summary>
    public bool IsFollowedBy(long endedAtMs, string key) =>
        endedAtMs < EndedAtMs || (endedAtMs == EndedAtMs && string.CompareOrdinal(key, Key) < 0);

    /// <summary>A position whose tiebreak is a store's sequence number (zero-padded, so ordinal order is numeric order).</summary>
    public static EndCursor At(long endedAtMs, long sequence) =>
        new(endedAtMs, sequence.ToString("D19", CultureInfo.InvariantCulture));

    /// <summary>The sequence number of a position made by <see cref="At"/>.</summary>
    /// <exception cref="InvalidGuardRequestException">The key is not a sequence number (a token from elsewhere).</exception>
    public long Sequence => long.TryParse(Key, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : throw InvalidToken();

    /// <summary>The error for a page token this service did not issue.</summary>
    public static InvalidGuardRequestException InvalidToken() =>
        new("page_token", "page_token is not a token this service issued; start again without one.");

    /// <summary>The page token for this position.</summary>
    public string ToToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}|{EndedAtMs}|{Key}")));

    /// <summary>Reads a page token, or returns <see langword="null"/> when it is not one <see cref="ToToken"/> made.</summary>
    public static EndCursor? FromToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > 512 || !Base64Url.IsValid(token))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = text.Split('|', 3);
        return parts.Length == 3 && parts[0] == Version && parts[2].Length > 0
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var at)
            ? new EndCursor(at, parts[2])
            : null;
    }
}
