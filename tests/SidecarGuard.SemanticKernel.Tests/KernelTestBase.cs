using SidecarGuard.Client;
using SidecarGuard.Tests.Shared;

namespace SidecarGuard.SemanticKernel.Tests;

/// <summary>One real sidecar, a client of it, a scripted model and a guarded Kernel conversation per test.</summary>
public abstract class KernelTestBase(bool decorate) : IAsyncLifetime
{
    internal ScriptedChatClient Model { get; } = new();

    internal TestSidecar Sidecar { get; private set; } = null!;

    internal GrpcConversationGuard Guard { get; private set; } = null!;

    internal KernelConversation Chat { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sidecar = await TestSidecar.StartAsync();
        Guard = Sidecar.Guard();
        Chat = new KernelConversation(Guard, Model, decorate);
    }

    public async Task DisposeAsync() => await Sidecar.DisposeAsync();
}
