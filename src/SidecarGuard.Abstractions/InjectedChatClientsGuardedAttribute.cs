namespace SidecarGuard;

/// <summary>
/// Tells the SidecarGuard analyzer whether the <c>IChatClient</c> and <c>Kernel</c> instances this assembly gets
/// injected carry the guard, for wiring it cannot see: registrations in another assembly, factories, configuration.
/// Without it the analyzer judges injected instances by the registrations in the same compilation (rule SG1001);
/// <c>dotnet_code_quality.SG1001.injected_clients</c> in .editorconfig overrides it per file.
/// </summary>
/// <param name="guarded">True: injected clients and kernels are guarded; false: they are not, whatever is registered.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class InjectedChatClientsGuardedAttribute(bool guarded = true) : Attribute
{
    /// <summary>Whether injected clients and kernels are guarded.</summary>
    public bool Guarded { get; } = guarded;
}
