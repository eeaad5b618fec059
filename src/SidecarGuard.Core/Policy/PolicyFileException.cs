using SidecarGuard.Core.Configuration;

namespace SidecarGuard.Core.Policy;

/// <summary>A policy file that cannot be read or fails validation.</summary>
public sealed class PolicyFileException : SettingsFileException
{
    /// <summary>Creates the exception with a message that names the file and the problem.</summary>
    public PolicyFileException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
