namespace SidecarGuard;

/// <summary>How statistics are grouped in time. Values match the wire enum <c>StatsBucket</c>.</summary>
public enum StatsBucket
{
    /// <summary>Not set: days.</summary>
    Unspecified = 0,

    /// <summary>One period per hour (UTC).</summary>
    Hour = 1,

    /// <summary>One period per day (UTC).</summary>
    Day = 2,
}
