using System.Diagnostics;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>A Node.js gRPC client (@grpc/grpc-js) drives the real sidecar executable over loopback h2c.</summary>
public sealed class NodeClientTests
{
    [Fact]
    public async Task Node_Client_Passes_Its_Contract_Checks()
    {
        var clientDirectory = Path.Combine(RepositoryPaths.Root, "tests", "interop", "node");
        Assert.True(Directory.Exists(Path.Combine(clientDirectory, "node_modules")),
            $"Node modules are missing: run 'npm ci' in {clientDirectory} (tests/run.sh does this).");

        await using var sidecar = await SidecarProcess.StartAsync("--store", "memory");
        var info = new ProcessStartInfo("node") { WorkingDirectory = clientDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--test");
        info.ArgumentList.Add("guard.test.mjs");
        info.Environment["SIDECAR_ADDRESS"] = new Uri(sidecar.Address).Authority;
        info.Environment["GOOGLE_API_PROTOS"] = GoogleApiProtos.Directory;
        using var node = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);
        var report = await output + await error;

        Assert.True(node.ExitCode == 0, report);
        Assert.Contains("# pass 5", report, StringComparison.Ordinal);
        Assert.Contains("# fail 0", report, StringComparison.Ordinal);
    }
}
