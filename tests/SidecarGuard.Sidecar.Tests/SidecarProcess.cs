using System.Diagnostics;
using Grpc.Net.Client;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>The sidecar as a child process (the real executable), so tests can kill it with SIGKILL.</summary>
internal sealed class SidecarProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SidecarProcess(Process process, string address, string readyLine)
    {
        _process = process;
        Address = address;
        ReadyLine = readyLine;
        Channel = GrpcChannel.ForAddress(address);
        Client = new GuardService.GuardServiceClient(Channel);
    }

    public string Address { get; }

    /// <summary>The line the sidecar printed when it was ready.</summary>
    public string ReadyLine { get; }

    /// <summary>The JSON/HTTP endpoint's address from the ready line, or null when it is off.</summary>
    public string? HttpAddress
    {
        get
        {
            const string Marker = "JSON/HTTP and /metrics on ";
            var at = ReadyLine.IndexOf(Marker, StringComparison.Ordinal);
            return at < 0 ? null : ReadyLine[(at + Marker.Length)..].Split(';', ' ')[0];
        }
    }

    public GrpcChannel Channel { get; }

    public GuardService.GuardServiceClient Client { get; }

    public static async Task<SidecarProcess> StartAsync(params string[] arguments)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "sidecarguard.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(executable);
        info.ArgumentList.Add("serve");
        info.ArgumentList.Add("--listen");
        info.ArgumentList.Add("127.0.0.1:0");
        info.ArgumentList.Add("--http-listen");
        info.ArgumentList.Add("127.0.0.1:0");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the sidecar.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var at = line.IndexOf("http://", StringComparison.Ordinal);
            if (line.StartsWith("sidecarguard ready on ", StringComparison.Ordinal) && at > 0)
            {
                var address = line[at..line.IndexOf(' ', at)];
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new SidecarProcess(process, address, line);
            }
        }

        var error = await process.StandardError.ReadToEndAsync(CancellationToken.None);
        throw new InvalidOperationException($"The sidecar exited before it was ready: {error}");
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed by the process.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
