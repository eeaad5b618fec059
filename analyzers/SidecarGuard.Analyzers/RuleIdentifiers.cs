namespace SidecarGuard.Analyzers;

/// <summary>The identifiers of every SidecarGuard rule, in one place so docs, release tracking and fixes agree.</summary>
public static class RuleIdentifiers
{
    /// <summary>A chat call is not guarded on every path.</summary>
    public const string UnguardedChatCall = "SG1001";

    /// <summary>A kernel used for chat was built without the SidecarGuard filters.</summary>
    public const string KernelWithoutGuardFilters = "SG1002";

    /// <summary>The verdict of a guard evaluation is discarded.</summary>
    public const string IgnoredVerdict = "SG1003";

    /// <summary>A call to a method that moved its guard obligation to callers is not guarded on every path.</summary>
    public const string UnguardedGuardRequiringCall = "SG1004";

    /// <summary>A chat client or kernel is registered for dependency injection without the guard.</summary>
    public const string RegistrationWithoutGuard = "SG1005";

    /// <summary>Builds the documentation link of a rule.</summary>
    public static string GetHelpUri(string id) =>
        "https://github.com/sidecarguard/sidecarguard/blob/main/analyzers/docs/" + id + ".md";
}
