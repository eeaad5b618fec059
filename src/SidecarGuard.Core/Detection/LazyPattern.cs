using System.Text.RegularExpressions;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// A pattern regex built on first use. The non-backtracking engine matches these alternation-heavy patterns in
/// linear time and many times faster than the interpreter, but takes milliseconds to build each one; building
/// only the patterns whose anchors a turn actually hits keeps start-up under a second. Patterns too large for
/// its automaton limit fall back to the interpreter with a timeout.
/// </summary>
internal sealed class LazyPattern
{
    private const RegexOptions Common = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly TimeSpan FallbackTimeout = TimeSpan.FromMilliseconds(200);

    private readonly Lazy<Regex> regex;

    public LazyPattern(string source) =>
        regex = new Lazy<Regex>(() => Build(source), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Validates <paramref name="source"/> eagerly (cheap parse, no automaton), so bad data fails at load.</summary>
    public static void Validate(string source) => _ = new Regex(source, Common);

    /// <summary>The regex, built on first access.</summary>
    public Regex Regex => regex.Value;

    private static Regex Build(string source)
    {
        try
        {
            return new Regex(source, Common | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            return new Regex(source, Common, FallbackTimeout);
        }
    }
}
