using System.Diagnostics;
using System.Net.Sockets;

namespace SidecarGuard.Testing;

/// <summary>
/// A real redis-server child process on a free loopback port, with its own data folder and AOF persistence
/// (<c>appendfsync always</c>), so tests can stop, kill and restart it. Needs the redis-server binary (Debian package
/// redis-server; tests/run.sh installs it).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisServer(string directory, int port, string[] extraArguments)
    {
        _directory = directory;
        Port = port;
        _extraArguments = extraArguments;
    }

    /// <summary>The port Redis listens on.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>The redis-server binary, or <see langword="null"/> when none is installed.</summary>
    public static string? Binary { get; } = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    /// <param name="extraArguments">More redis-server options, e.g. <c>--cluster-enabled yes</c>.</param>
    public static async Task<RedisServer> StartAsync(params string[] extraArguments)
    {
        if (Binary is null)
        {
            throw new InvalidOperationException("redis-server is not installed: run tests/run.sh, or apt-get install redis-server.");
        }

        var server = new RedisServer(Directory.CreateTempSubdirectory("sg-redis-").FullName, FreePort.Next(), extraArguments);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the process again (after <see cref="Stop"/> or <see cref="Kill"/>), keeping its data.</summary>
    public async Task RestartAsync()
    {
        var info = new ProcessStartInfo(Binary!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--dir", _directory, "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                     "--protected-mode", "yes", "--daemonize", "no", "--logfile", "",
                 }.Concat(_extraArguments))
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}.");
            }

            if (await AcceptsConnectionsAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server did not accept connections on port {Port} within 20 s.");
    }

    /// <summary>Whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>SIGKILL: Redis gets no chance to flush anything beyond what appendfsync already wrote.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    /// <summary>
    /// SIGSTOP: the process stays alive but answers nothing (its connections stay open), like a replica that hangs or
    /// falls behind; <see cref="Resume"/> lets it go on where it was.
    /// </summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>Stops the server (it is killed; AOF with appendfsync always has every acknowledged write).</summary>
    public void Stop() => Kill();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is only temp space; the OS cleans it.
        }

        return ValueTask.CompletedTask;
    }

    private void Signal(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("redis-server is not running.");
        }

        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} exited with {kill.ExitCode}.");
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
