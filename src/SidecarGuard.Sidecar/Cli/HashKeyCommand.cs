using SidecarGuard.Sidecar.Tenancy;

namespace SidecarGuard.Sidecar.Cli;

/// <summary><c>sidecarguard hash-key</c>: reads one API key from standard input and prints its SHA-256 for the auth file.</summary>
internal static class HashKeyCommand
{
    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error)
    {
        // Read from stdin, not argv, so the key stays out of shell history and process listings.
        var key = (await input.ReadLineAsync().ConfigureAwait(false))?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            await error.WriteLineAsync("sidecarguard: hash-key reads an API key from standard input, e.g. 'printf %s \"$KEY\" | sidecarguard hash-key'.")
                .ConfigureAwait(false);
            return 2;
        }

        await output.WriteLineAsync(ApiKeyHash.Of(key)).ConfigureAwait(false);
        return 0;
    }
}
