using System.ComponentModel.DataAnnotations;

namespace SidecarGuard.Judges;

/// <summary>Settings shared by every HTTP judge: where it is, how long to wait, when to stop asking, how much to trust it.</summary>
public abstract class JudgeOptions : IValidatableObject
{
    /// <summary>Longest accepted <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Root address of the server, without <c>/v1</c> (for example <c>http://127.0.0.1:11434</c>). Required.</summary>
    [Required]
    [Url]
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Name of the environment variable that holds the API key, sent as a bearer token. The key itself never goes in
    /// the settings file. When the variable is empty no Authorization header is sent, which suits local servers.
    /// </summary>
    public string? ApiKeyVariable { get; set; }

    /// <summary>Model name sent with each request. Required; each judge has its own default.</summary>
    [Required]
    public string Model { get; set; } = "";

    /// <summary>Time allowed per call, connection included. Defaults to 1.5 seconds; at most one minute.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Consecutive failures (errors, timeouts, malformed answers) that open the circuit. Defaults to 3.</summary>
    [Range(1, 1000)]
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How long an open circuit skips the judge before one probe call is let through. Defaults to 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Multiplies the judge's scores (the result is capped at 1). Defaults to 1.</summary>
    [Range(0.0, 1.0)]
    public double Weight { get; set; } = 1.0;

    /// <summary>Weighted scores below this are ignored. Defaults to 0.2. At-risk signals are never ignored.</summary>
    [Range(0.0, 1.0)]
    public double Threshold { get; set; } = 0.2;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
        {
            yield return new ValidationResult($"Timeout must be above zero and at most {MaxTimeout}, not {Timeout}.", [nameof(Timeout)]);
        }

        if (BreakDuration <= TimeSpan.Zero || BreakDuration > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult($"BreakDuration must be above zero and at most one hour, not {BreakDuration}.",
                [nameof(BreakDuration)]);
        }

        if (BaseUrl is not null && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"BaseUrl must be an absolute http or https address, not '{BaseUrl}'.", [nameof(BaseUrl)]);
        }
    }

    /// <summary>The endpoint <paramref name="path"/> (such as <c>v1/moderations</c>) under <see cref="BaseUrl"/>.</summary>
    internal Uri Endpoint(string path) => new($"{BaseUrl!.TrimEnd('/')}/{path}", UriKind.Absolute);
}
