using Grpc.Core;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Sidecar.Tenancy;

namespace SidecarGuard.Sidecar.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using ConversationStatus = SidecarGuard.Contracts.V1.ConversationStatus;
using EndReason = SidecarGuard.Contracts.V1.EndReason;

/// <summary>
/// One meaning of tenant: the tenant of an API key and the sidecar's own <c>--tenant</c> (the tenant of calls without a
/// key) name the same namespace in the durable store, and an end stays with its tenant across restarts.
/// </summary>
public sealed class TenantsInTheStoreTests : IAsyncLifetime
{
    private const string AcmeKey = "acme-secret-1";
    private const string GlobexKey = "globex-secret-1";
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-tenants-").FullName;

    private string AuthFile => Path.Combine(_directory, "auth.json");

    private string Database => Path.Combine(_directory, "guard.db");

    public Task InitializeAsync() => File.WriteAllTextAsync(AuthFile, $$"""
        {
          "tenants": {
            "acme": { "keys": [ { "sha256": "{{ApiKeyHash.Of(AcmeKey)}}" } ] },
            "globex": { "keys": [ { "sha256": "{{ApiKeyHash.Of(GlobexKey)}}" } ] }
          }
        }
        """);

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    [Fact]
    public async Task An_End_Stays_With_Its_Tenant_Across_Restarts_With_And_Without_Keys()
    {
        await using (var keyed = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Sqlite, DatabasePath = Database, AuthPath = AuthFile }))
        {
            foreach (var text in new[] { Phrases.EndRequest, Phrases.Confirm })
            {
                await keyed.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = "c1", UserText = text }, Bearer(AcmeKey));
            }

            await keyed.Client.EndConversationAsync(new EndConversationRequest { ConversationId = "c1", Reason = EndReason.UserRequested }, Bearer(AcmeKey));
            await keyed.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = "c1", UserText = Phrases.Benign }, Bearer(GlobexKey));
        }

        // Without keys, a sidecar whose own tenant is acme serves acme's conversations; one whose tenant is another does not.
        await using (var asAcme = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Sqlite, DatabasePath = Database, Tenant = "acme" }))
        {
            var acme = await asAcme.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "c1" });
            Assert.Equal(ConversationStatus.Ended, acme.State.Status);
            Assert.Equal("c1", acme.EndRecord.ConversationId);
        }

        await using (var asOther = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Sqlite, DatabasePath = Database }))
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => asOther.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "c1" }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
        }

        await using var again = await TestSidecar.StartAsync(new SidecarOptions { Store = StoreKind.Sqlite, DatabasePath = Database, AuthPath = AuthFile });
        var globex = await again.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "c1" }, Bearer(GlobexKey));
        Assert.Equal((ConversationStatus.Active, 1), (globex.State.Status, globex.State.TurnCount));
        Assert.Equal(ConversationStatus.Ended,
            (await again.Client.GetConversationAsync(new GetConversationRequest { ConversationId = "c1" }, Bearer(AcmeKey))).State.Status);
    }
}
