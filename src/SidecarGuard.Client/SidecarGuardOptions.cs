using System.ComponentModel.DataAnnotations;

namespace SidecarGuard.Client;

/// <summary>Settings of <see cref="GrpcConversationGuard"/>, the client of a running sidecar.</summary>
public sealed class SidecarGuardOptions
{
    /// <summary>The sidecar's address. Defaults to <c>http://127.0.0.1:50051</c> (plaintext HTTP/2, as the sidecar serves).</summary>
    [Required]
    public Uri Address { get; set; } = new("http://127.0.0.1:50051");

    /// <summary>Deadline of each gRPC call attempt. Defaults to 2 seconds.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many times a call that failed with UNAVAILABLE is retried; no other status is retried. Defaults to 2
    /// (three attempts in all). Turn evaluations carry a turn id, so a retry never counts a turn twice.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Delay before the first retry; it doubles for each further retry. Defaults to 100 milliseconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// What turn evaluation does when the sidecar cannot be reached. Defaults to <see cref="GuardFailMode.FailClosed"/>.
    /// Ending, reading and branching conversations always throw <see cref="GuardUnavailableException"/> then.
    /// </summary>
    public GuardFailMode FailMode { get; set; } = GuardFailMode.FailClosed;

    /// <summary>Checks the values and throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (Address is null || !Address.IsAbsoluteUri || (Address.Scheme != Uri.UriSchemeHttp && Address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("SidecarGuardOptions.Address must be an absolute http:// or https:// URI, such as http://127.0.0.1:50051.", nameof(Address));
        }

        if (Deadline <= TimeSpan.Zero)
        {
            throw new ArgumentException("SidecarGuardOptions.Deadline must be positive.", nameof(Deadline));
        }

        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException("SidecarGuardOptions.MaxRetries must be between 0 and 10.", nameof(MaxRetries));
        }

        if (RetryBaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("SidecarGuardOptions.RetryBaseDelay must not be negative.", nameof(RetryBaseDelay));
        }

        if (!Enum.IsDefined(FailMode))
        {
            throw new ArgumentException($"SidecarGuardOptions.FailMode {FailMode} is not a known mode.", nameof(FailMode));
        }
    }
}
