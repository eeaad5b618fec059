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

    /// <summary>
    /// Other categories that, while this category's streak is active, count as this category: a follow-up of the
    /// same request often carries only part of it ("describe her body" after a request about a child is detected
    /// as <c>sexual</c>). Defaults to none.
    /// </summary>
    public List<string> FollowUps { get; set; } = [];
}
