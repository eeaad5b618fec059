using System.Text.RegularExpressions;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// A pattern regex that is usable at once and fast later. The non-backtracking engine matches these
/// alternation-heavy patterns in linear time and many times faster than the interpreter, but takes milliseconds
/// to build each one (seconds for all of them); so the first use of a pattern builds the cheap interpreted regex
/// (with a timeout) and queues the non-backtracking build on one background thread of below-normal priority (not
/// the thread pool, whose workers the host needs for I/O), which replaces it when done. No turn waits for an
/// automaton. Patterns too large for the automaton limit stay interpreted.
/// </summary>
internal sealed class LazyPattern
{
    private const RegexOptions Common = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private static readonly TimeSpan InterpreterTimeout = TimeSpan.FromMilliseconds(200);

    private readonly string _source;
    private readonly Lazy<Regex> _interpreted;
    private volatile Regex? _fast;
    private int _fastQueued;

    public LazyPattern(string source)
    {
        _source = source;
        _interpreted = new Lazy<Regex>(() => new Regex(source, Common, InterpreterTimeout), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Validates <paramref name="source"/> eagerly (cheap parse, no automaton), so bad data fails at load.</summary>
    public static void Validate(string source) => _ = new Regex(source, Common);

    /// <summary>The fastest regex available now; the first access starts building the non-backtracking one.</summary>
    public Regex Regex
    {
        get
        {
            if (_fast is { } fast)
            {
                return fast;
            }

            if (Interlocked.Exchange(ref _fastQueued, 1) == 0)
            {
                AutomatonBuilder.Enqueue(this);
            }

            return _interpreted.Value;
        }
    }

    /// <summary>Builds the non-backtracking regex now and uses it from then on (tests and benchmarks).</summary>
    internal Regex BuildFast()
    {
        if (_fast is null)
        {
            try
            {
                _fast = new Regex(_source, Common | RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                _fast = _interpreted.Value;
            }
        }

        return _fast;
    }
}
