using SidecarGuard.Core.Configuration;

namespace SidecarGuard.Sidecar.Cli;

/// <summary>
/// What both executables (the sidecar and the lab) do around a command: find the command and its arguments, and turn
/// failures into one clear line — a usage error prints the usage (exit 2), a bad settings file its problems (exit 2),
/// anything else what failed (exit 1; <c>--verbose</c> adds the stack trace).
/// </summary>
internal static class CommandRunner
{
    /// <param name="tool">The executable's name, which starts every error line.</param>
    /// <param name="usage">Printed after a usage error.</param>
    /// <param name="args">The command line; <c>--verbose</c> may appear anywhere.</param>
    /// <param name="defaultCommand">The command when the first argument is an option or missing.</param>
    /// <param name="dispatch">Runs a command ("help" when <c>--help</c> or <c>-h</c> is given, "version" for a leading <c>--version</c>) with its arguments.</param>
    /// <param name="error">Where errors go.</param>
    public static async Task<int> RunAsync(string tool, string usage, string[] args, string defaultCommand,
        Func<string, string[], Task<int>> dispatch, TextWriter error)
    {
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);
        args = [.. args.Where(a => a != "--verbose")];
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : defaultCommand;
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        if (rest.Any(a => a is "--help" or "-h"))
        {
            command = "help";
        }
        else if (args is ["--version", ..])
        {
            command = "version";
        }

        try
        {
            return await dispatch(command, rest).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"{tool}: {e.Message}").ConfigureAwait(false);
            await error.WriteLineAsync(usage).ConfigureAwait(false);
            return 2;
        }
        catch (SettingsFileException e)
        {
            await error.WriteLineAsync($"{tool}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Everything else is the environment's: a port in use, a store that cannot be reached, a missing model
            // file or data directory. One line says what failed; --verbose adds the stack trace.
            await error.WriteLineAsync($"{tool}: {command} failed: {Describe(e)}").ConfigureAwait(false);
            if (verbose)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return 1;
        }
    }

    /// <summary>The exception's message, with the innermost cause when the outer message does not already say it.</summary>
    private static string Describe(Exception e)
    {
        var inner = e.GetBaseException();
        return ReferenceEquals(inner, e) || e.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? e.Message
            : $"{e.Message} ({inner.Message})";
    }
}
