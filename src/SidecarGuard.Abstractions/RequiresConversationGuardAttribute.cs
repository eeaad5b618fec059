namespace SidecarGuard;

/// <summary>
/// Moves the guard obligation of a method to its callers: the method may call chat APIs without evaluating the guard
/// itself, and the SidecarGuard analyzer instead requires every call to it to be guarded (rule SG1004).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = true, AllowMultiple = false)]
public sealed class RequiresConversationGuardAttribute : Attribute;
