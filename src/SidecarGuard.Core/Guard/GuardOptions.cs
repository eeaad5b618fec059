using System.ComponentModel.DataAnnotations;

namespace SidecarGuard.Core.Guard;

/// <summary>Limits and privacy settings of the guard.</summary>
public sealed class GuardOptions
{
    /// <summary>Largest accepted turn text, in UTF-8 bytes. Defaults to 32 KiB.</summary>
    [Range(1, 16 * 1024 * 1024)]
    public int MaxTextBytes { get; set; } = 32 * 1024;

    /// <summary>Whether turn records keep the user's raw text. Defaults to <see langword="false"/>: only hashes and signals.</summary>
    public bool StoreText { get; set; }
}
