using System.Buffers;
using System.Globalization;
using System.Text;

namespace SidecarGuard.Core.Guard;

/// <summary>Checks ids and texts before anything reaches the engine or the store.</summary>
public static class RequestValidator
{
    /// <summary>Longest accepted id.</summary>
    public const int MaxIdLength = 128;

    private static readonly SearchValues<char> IdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    /// <summary>Throws <see cref="InvalidGuardRequestException"/> unless <paramref name="id"/> is 1..128 of <c>[A-Za-z0-9._:-]</c>.</summary>
    public static void RequireId(string? id, string field)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidGuardRequestException(field, $"{field} is required.");
        }

        if (id.Length > MaxIdLength)
        {
            throw new InvalidGuardRequestException(field, $"{field} is {id.Length} characters long; the limit is {MaxIdLength}.");
        }

        var bad = id.AsSpan().IndexOfAnyExcept(IdChars);
        if (bad >= 0)
        {
            throw new InvalidGuardRequestException(field,
                $"{field} has a character outside [A-Za-z0-9._:-] at position {bad}.");
        }
    }

    /// <summary>Like <see cref="RequireId"/>, but an empty id is accepted.</summary>
    public static void OptionalId(string? id, string field)
    {
        if (!string.IsNullOrEmpty(id))
        {
            RequireId(id, field);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is one of its enum's named values.</summary>
    public static void RequireDefined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new InvalidGuardRequestException(field, $"{field} {Convert.ToInt64(value, CultureInfo.InvariantCulture)} is not a known value.");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is one of its enum's named values other than the unspecified zero.</summary>
    public static void RequireChosen<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        RequireDefined(value, field);
        if (Convert.ToInt64(value, CultureInfo.InvariantCulture) == 0)
        {
            throw new InvalidGuardRequestException(field, $"{field} is required.");
        }
    }

    /// <summary>The page size a listing uses for <paramref name="requested"/> (0 for the default); throws when out of range.</summary>
    public static int PageSize(int requested) => requested switch
    {
        0 => EndQuery.DefaultPageSize,
        >= 1 and <= EndQuery.MaxPageSize => requested,
        _ => throw new InvalidGuardRequestException("page_size", $"page_size {requested} is out of range; use 1..{EndQuery.MaxPageSize}, or 0 for {EndQuery.DefaultPageSize}."),
    };

    /// <summary>Throws unless <paramref name="text"/> is present, at most <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static void RequireText(string? text, string field, int maxBytes)
    {
        if (text is null || IsBlank(text))
        {
            throw new InvalidGuardRequestException(field,
                $"{field} is required and must not be blank (white space, control and invisible characters do not count).");
        }

        LimitText(text, field, maxBytes);
    }

    /// <summary>
    /// Whether <paramref name="text"/> has nothing a reader could see: only white space, control characters
    /// (<c>\u0000</c>), format characters (zero-width spaces and joiners, the byte-order mark, bidirectional marks) and
    /// the fillers that render as nothing (Hangul fillers, the blank Braille pattern).
    /// </summary>
    public static bool IsBlank(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsInvisible(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c)
        || c is >= '\uFE00' and <= '\uFE0F' || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u034F'
        || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format;

    /// <summary>Throws when <paramref name="text"/> is longer than <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    public static void LimitText(string? text, string field, int maxBytes)
    {
        // Each char is at most three UTF-8 bytes, so short texts skip the exact count.
        if (text is null || text.Length * 3 <= maxBytes)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > maxBytes)
        {
            throw new InvalidGuardRequestException(field, $"{field} is {bytes} bytes of UTF-8; the limit is {maxBytes}.");
        }
    }

    /// <summary>Throws unless <paramref name="reason"/> names an end.</summary>
    public static void RequireEndReason(EndReason reason)
    {
        if (reason is not (EndReason.Abuse or EndReason.UserRequested))
        {
            throw new InvalidGuardRequestException("reason", "reason must be END_REASON_ABUSE or END_REASON_USER_REQUESTED.");
        }
    }
}
