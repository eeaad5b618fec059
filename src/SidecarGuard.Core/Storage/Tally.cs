namespace SidecarGuard.Core.Storage;

/// <summary>
/// One event to count in the statistics, in the hour it happened: an end, a refused end, a SUPPORT turn, feedback.
/// Written with the update it belongs to (SQLite and memory in the same transaction; Redis right after it commits).
/// </summary>
/// <param name="Hour">Hours since the Unix epoch (UTC).</param>
/// <param name="Kind">What happened: one of the <see cref="Tally"/> kind constants.</param>
/// <param name="Label">Its reason, category, refusal or verdict; empty when the kind has none.</param>
public readonly record struct Tally(long Hour, string Kind, string Label)
{
    /// <summary>An end, labelled by its reason.</summary>
    public const string End = "end";

    /// <summary>An end, labelled by its harm category (<c>none</c> without one).</summary>
    public const string EndCategory = "end_category";

    /// <summary>A refused end, labelled by its refusal.</summary>
    public const string EndRefused = "end_refused";

    /// <summary>A turn answered SUPPORT.</summary>
    public const string Support = "support";

    /// <summary>Feedback, labelled by its verdict.</summary>
    public const string Feedback = "feedback";

    /// <summary>
    /// The label of an enum value as the contract spells it, without the enum's prefix: <c>AtRiskVeto</c> is
    /// <c>AT_RISK_VETO</c>, <c>UserRequested</c> is <c>USER_REQUESTED</c>.
    /// </summary>
    public static string LabelOf<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var label = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                label.Append('_');
            }

            label.Append(char.ToUpperInvariant(name[i]));
        }

        return label.ToString();
    }

    private const long MillisecondsPerHour = 3_600_000;

    /// <summary>The hour <paramref name="time"/> falls in (times before 1970 do not occur here).</summary>
    public static long HourOf(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / MillisecondsPerHour;

    /// <summary>The start of <paramref name="hour"/>.</summary>
    public static DateTimeOffset StartOf(long hour) => DateTimeOffset.FromUnixTimeMilliseconds(hour * MillisecondsPerHour);
}

/// <summary>How many of one kind and label happened in one hour.</summary>
/// <param name="Hour">Hours since the Unix epoch (UTC).</param>
/// <param name="Kind">The <see cref="Tally"/> kind.</param>
/// <param name="Label">The label.</param>
/// <param name="Count">How many.</param>
public readonly record struct TallyCount(long Hour, string Kind, string Label, long Count);
