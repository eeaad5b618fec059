using SidecarGuard.Core.Storage;
using SidecarGuard.Testing;

namespace SidecarGuard.Core.Tests.Storage;

public sealed class InMemoryConversationStoreTests : ConversationStoreConformanceTests
{
    protected override Task<IConversationStore> CreateStoreAsync() => Task.FromResult<IConversationStore>(new InMemoryConversationStore());
}
