namespace SidecarGuard.Core.Configuration;

/// <summary>
/// A settings file (policy, auth, judges) that cannot be read or fails validation. The message names the file and
/// every problem found; hosts print it and refuse to start (or, for a reload, keep the running settings).
/// </summary>
public class SettingsFileException : Exception
{
    /// <summary>Creates the exception with a message that names the file and the problem.</summary>
    public SettingsFileException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SettingsFileException()
        : base("Invalid settings file.")
    {
    }
}
