using System.Security.Cryptography;
using SidecarGuard.Core.Policy;
using SidecarGuard.Sidecar.Observability;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>
/// Reloads the --policy file when it changes. A file that does not load or validate is rejected with a log line
/// naming the problem, and the policy in force stays. Changes are noticed by a file watcher and, for editors and
/// mounted config maps that swap files in ways watchers miss, by comparing the file's hash on a timer. A file that
/// would make a category the running policy could end for no longer end-eligible is rejected too, unless it says
/// <c>"allowFewerEnds": true</c> (<see cref="PolicyFile.CheckReplacement"/>).
/// </summary>
internal sealed partial class PolicyFileWatcher(string path, PolicyHolder holder, TimeSpan pollInterval, GuardMetrics metrics,
    ILogger<PolicyFileWatcher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);

    // Taken when the host loaded the file, so a change made while the host starts is not mistaken for the original.
    private byte[]? _loadedHash = HashOf(path);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = CreateWatcher();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(pollInterval, stoppingToken).ConfigureAwait(false);
                // Let a writer finish: editors often write a file in several steps.
                await Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            ReloadIfChanged();
        }
    }

    /// <summary>Loads the file if its content changed since the last load or rejection.</summary>
    internal void ReloadIfChanged()
    {
        var hash = HashOf(path);
        if (hash is null || (_loadedHash is not null && hash.AsSpan().SequenceEqual(_loadedHash)))
        {
            return;
        }

        _loadedHash = hash;
        var previous = holder.Current.Options.Version;
        try
        {
            var options = PolicyFile.Load(path);
            PolicyFile.CheckReplacement(holder.Current.Options, options, path);
            holder.Replace(options);
            metrics.PolicyReload(applied: true);
            Reloaded(logger, path, previous, options.Version);
        }
        catch (PolicyFileException e)
        {
            metrics.PolicyReload(applied: false);
            Rejected(logger, path, previous, e.Message);
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private FileSystemWatcher? CreateWatcher()
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null || !Directory.Exists(directory))
        {
            return null;
        }

        var watcher = new FileSystemWatcher(directory, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        FileSystemEventHandler signal = (_, _) => _changed.Release();
        watcher.Changed += signal;
        watcher.Created += signal;
        watcher.Renamed += (_, _) => _changed.Release();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private static byte[]? HashOf(string file)
    {
        try
        {
            return SHA256.HashData(File.ReadAllBytes(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // Mid-replace or briefly missing: try again on the next change or tick.
        }
    }

    [LoggerMessage(20, LogLevel.Information, "Policy file {Path} reloaded: version {Previous} replaced by {Version}")]
    private static partial void Reloaded(ILogger logger, string path, string previous, string version);

    [LoggerMessage(21, LogLevel.Error, "Policy file {Path} rejected, version {Previous} stays in force: {Problem}")]
    private static partial void Rejected(ILogger logger, string path, string previous, string problem);
}
