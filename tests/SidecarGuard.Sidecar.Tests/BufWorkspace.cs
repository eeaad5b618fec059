using System.Diagnostics;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>
/// A throw-away buf workspace: protos/ copied from the repository, googleapis/ holding google/api/*.proto copied from
/// the Google.Api.CommonProtos package (buf's remote modules are out of reach), and tests/contract/buf.yaml.
/// </summary>
internal sealed class BufWorkspace : IDisposable
{
    private static readonly string ContractDirectory = Path.Combine(RepositoryPaths.Root, "tests", "contract");

    private BufWorkspace(string root) => Root = root;

    public string Root { get; }

    /// <summary>The released v1 contract image (buf build output of the contract as first released).</summary>
    public static string ReleasedImage => Path.Combine(ContractDirectory, "released", "guard-v1.binpb");

    public string GuardProto => Path.Combine(Root, "protos", "sidecarguard", "v1", "guard.proto");

    public static BufWorkspace Create()
    {
        var root = Directory.CreateTempSubdirectory("sg-buf-").FullName;
        File.Copy(Path.Combine(ContractDirectory, "buf.yaml"), Path.Combine(root, "buf.yaml"));
        Copy(Path.Combine(RepositoryPaths.Root, "protos"), Path.Combine(root, "protos"));
        var googleApi = Path.Combine(root, "googleapis", "google", "api");
        Directory.CreateDirectory(googleApi);
        foreach (var name in new[] { "annotations.proto", "http.proto" })
        {
            File.Copy(Path.Combine(GoogleApiProtos.Directory, "google", "api", name), Path.Combine(googleApi, name));
        }

        return new BufWorkspace(root);
    }

    public Task<(int ExitCode, string Output)> LintAsync() => RunAsync("lint");

    /// <summary>Builds an image of the contract (with its imports) and compares it with the released one.</summary>
    public async Task<(int ExitCode, string Output)> BreakingAsync()
    {
        var image = Path.Combine(Root, "current.binpb");
        var build = await RunAsync("build", "--path", "protos/sidecarguard", "-o", image);
        if (build.ExitCode != 0)
        {
            return build;
        }

        return await RunAsync("breaking", image, "--against", ReleasedImage);
    }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var buf = Path.Combine(ContractDirectory, "node_modules", ".bin", "buf");
        if (!File.Exists(buf))
        {
            throw new InvalidOperationException($"buf is missing: run 'npm ci' in {ContractDirectory} (tests/run.sh does this).");
        }

        var info = new ProcessStartInfo(buf) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // buf must not try the network: no remote modules are named, and its cache lives in the workspace.
        info.Environment["BUF_CACHE_DIR"] = Path.Combine(Root, ".cache");
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.proto", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
