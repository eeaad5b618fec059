using Microsoft.CodeAnalysis;

namespace SidecarGuard.Analyzers;

/// <summary>The descriptors of every SidecarGuard rule.</summary>
internal static class RuleDescriptors
{
    private const string Category = "Reliability";

    public static readonly DiagnosticDescriptor UnguardedChatCall = Create(
        RuleIdentifiers.UnguardedChatCall,
        "Chat call is not guarded on every path",
        "'{0}' can be reached without evaluating the conversation guard",
        "Every path from the start of a method, lambda or local function to a chat call must evaluate the conversation guard first, so an ended conversation gets no reply.");

    public static readonly DiagnosticDescriptor KernelWithoutGuardFilters = Create(
        RuleIdentifiers.KernelWithoutGuardFilters,
        "Kernel used for chat without the guard filters",
        "This kernel is used for chat but was built without AddSidecarGuardFilters()",
        "A kernel that runs prompts, chat or agents must register SidecarGuard's filters, so every turn is evaluated before the model sees it.");

    public static readonly DiagnosticDescriptor IgnoredVerdict = Create(
        RuleIdentifiers.IgnoredVerdict,
        "Guard verdict is ignored",
        "The verdict of '{0}' is discarded, so nothing can act on an ended conversation",
        "A guard evaluation returns the action to take; discarding it means an ENDED conversation still gets a reply.");

    public static readonly DiagnosticDescriptor UnguardedGuardRequiringCall = Create(
        RuleIdentifiers.UnguardedGuardRequiringCall,
        "Call to a method that requires the guard is not guarded on every path",
        "'{0}' requires the conversation guard but can be reached without evaluating it",
        "A method marked [RequiresConversationGuard] leaves the guard to its callers: every call to it must be guarded on every path.");

    public static readonly DiagnosticDescriptor RegistrationWithoutGuard = Create(
        RuleIdentifiers.RegistrationWithoutGuard,
        "Chat client or kernel registered without the guard",
        "'{0}' registers {1} without SidecarGuard, so every class that gets it injected can reply to an ended conversation",
        "A chat client registered for dependency injection should carry the guard middleware (UseSidecarGuard), and a kernel the guard filters (AddSidecarGuardFilters), so the services that receive them are guarded.");

    private static DiagnosticDescriptor Create(string id, string title, string message, string description) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: description, helpLinkUri: RuleIdentifiers.GetHelpUri(id));
}
