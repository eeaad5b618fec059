namespace SidecarGuard;

/// <summary>
/// Marks a method whose call evaluates the conversation guard. The SidecarGuard analyzer treats a call to such a
/// method as passing the guard (rule SG1001).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class ConversationGuardAttribute : Attribute;
