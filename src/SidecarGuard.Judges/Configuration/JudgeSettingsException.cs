using SidecarGuard.Core.Configuration;

namespace SidecarGuard.Judges;

/// <summary>A judges settings file or SIDECARGUARD_JUDGE_* variable is unreadable or invalid.</summary>
public sealed class JudgeSettingsException : SettingsFileException
{
    /// <summary>Creates the exception with a message that names the file or variable and the problem.</summary>
    public JudgeSettingsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public JudgeSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public JudgeSettingsException()
        : base("Invalid judge settings.")
    {
    }
}
