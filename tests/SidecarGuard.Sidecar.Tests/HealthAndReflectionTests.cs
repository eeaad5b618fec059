using Grpc.Health.V1;

namespace SidecarGuard.Sidecar.Tests;

public sealed class HealthAndReflectionTests : ServerTestBase
{
    [Fact]
    public async Task Health_Reports_Serving()
    {
        var health = new Health.HealthClient(Server.Channel);
        var response = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sidecarguard.v1.GuardService")]
    public async Task Health_Answers_For_The_Server_And_For_The_Guard_Service_By_Name(string service)
    {
        var health = new Health.HealthClient(Server.Channel);
        var response = await health.CheckAsync(new HealthCheckRequest { Service = service });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_Lists_The_Guard_Service()
    {
        var reflection = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(Server.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("sidecarguard.v1.GuardService", names);
    }
}
