using System.ComponentModel.DataAnnotations;

namespace SidecarGuard.Core.Policy;

/// <summary>How the policy treats one harm category.</summary>
public sealed class CategoryPolicy
{
    /// <summary>Whether persistent requests in this category may end the conversation. Defaults to <see langword="false"/>.</summary>
    public bool EndEligible { get; set; }

    /// <summary>
    /// Redirects given before the explicit warning; <see langword="null"/> takes
    /// <see cref="PolicyOptions.RedirectsBeforeWarning"/>.
    /// </summary>
    [Range(0, 100)]
    public int? RedirectsBeforeWarning { get; set; }
}
