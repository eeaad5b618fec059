using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// A pattern regex that is usable at once and fast later where that pays. The non-backtracking engine matches these
/// alternation-heavy patterns in linear time and many times faster than the interpreter, but takes milliseconds to
/// build each one, and every automaton keeps what it was built with (its character-set solver's caches, a 64 K-entry
/// class table, its DFA arrays: 1.5–2.5 MB each, about 1 GB for every pattern of the lexicons). So a pattern starts
/// interpreted (with a timeout) and its matches are timed; once they have cost the interpreter
/// <see cref="AutomatonAfter"/> in all, because the pattern is slow or because it is hot, an automaton is built on one
/// background thread of below-normal priority (not the thread pool, whose workers the host needs for I/O) and used from
/// then on. Patterns that traffic rarely opens keep no automaton. No turn waits for one; the two engines match the same
/// texts. Patterns too large for the automaton limit stay interpreted.
/// </summary>
internal sealed class LazyPattern
{
    private const RegexOptions Common = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// The interpreter time after which a pattern gets its automaton. Measured (docs/performance.md, session 22): after
    /// 24 000 varied turns, the automata so earned hold 166–173 MB, against 892 MB when every pattern opened gets one
    /// at once, at the same cost per turn within the noise; 1 ms gave 354 MB, 20 ms 63 MB.
    /// </summary>
    internal static readonly TimeSpan AutomatonAfter = TimeSpan.FromMilliseconds(5);

    /// <summary>Interpreted calls per timed one (a power of two).</summary>
    private const int SampleEvery = 8;

    private static readonly long AutomatonAfterTicks = (long)(AutomatonAfter.TotalSeconds * Stopwatch.Frequency);

    private static readonly TimeSpan InterpreterTimeout = TimeSpan.FromMilliseconds(200);

    private readonly string _source;
    private readonly Lazy<Regex> _interpreted;
    private volatile Regex? _fast;
    private long _interpretedTicks;
    private int _interpretedCalls;

    public LazyPattern(string source)
    {
        _source = source;
        _interpreted = new Lazy<Regex>(() => new Regex(source, Common, InterpreterTimeout), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Validates <paramref name="source"/> eagerly (cheap parse, no automaton), so bad data fails at load.</summary>
    public static void Validate(string source) => _ = new Regex(source, Common);

    /// <summary>Whether an automaton was built for this pattern (tests and diagnostics).</summary>
    internal bool HasAutomaton => _fast is { } fast && (fast.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>
    /// Whether <paramref name="text"/> contains a match, with the automaton once there is one; a pattern that times out
    /// counts as not matching, so a slow pattern cannot stall the turn.
    /// </summary>
    public bool IsMatch(ReadOnlySpan<char> text)
    {
        if (_fast is { } fast)
        {
            return RegexMatching.IsMatch(fast, text);
        }

        var interpreted = _interpreted.Value;
        if ((Interlocked.Increment(ref _interpretedCalls) & (SampleEvery - 1)) != 0)
        {
            return RegexMatching.IsMatch(interpreted, text);
        }

        // One call in SampleEvery is timed and stands for the others, so cheap patterns do not pay for the clock.
        var started = Stopwatch.GetTimestamp();
        var matched = RegexMatching.IsMatch(interpreted, text);
        var elapsed = (Stopwatch.GetTimestamp() - started) * SampleEvery;
        var total = Interlocked.Add(ref _interpretedTicks, elapsed);
        if (total >= AutomatonAfterTicks && total - elapsed < AutomatonAfterTicks)
        {
            // Exactly one call crosses the budget, so the pattern is queued once.
            AutomatonBuilder.Enqueue(this);
        }

        return matched;
    }

    /// <summary>Builds the non-backtracking regex now and uses it from then on (the builder thread, tests and benchmarks).</summary>
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
