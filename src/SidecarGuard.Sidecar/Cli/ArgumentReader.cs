namespace SidecarGuard.Sidecar.Cli;

/// <summary>Walks <c>--name value</c> and <c>--name=value</c> options and positional arguments.</summary>
internal sealed class ArgumentReader(IReadOnlyList<string> args)
{
    private int _next;

    /// <summary>Reads the next token; for <c>--name=value</c> the value comes back in <paramref name="inlineValue"/>.</summary>
    public bool TryNext(out string token, out string? inlineValue)
    {
        inlineValue = null;
        if (_next >= args.Count)
        {
            token = "";
            return false;
        }

        token = args[_next++];
        var equals = token.IndexOf('=', StringComparison.Ordinal);
        if (token.StartsWith("--", StringComparison.Ordinal) && equals > 0)
        {
            inlineValue = token[(equals + 1)..];
            token = token[..equals];
        }

        return true;
    }

    /// <summary>The value of <paramref name="option"/>: inline or the following token.</summary>
    public string Value(string option, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (_next >= args.Count)
        {
            throw new UsageException($"{option} needs a value.");
        }

        return args[_next++];
    }

    /// <summary>The value of <c>--detector</c>: <c>semantic</c> or <c>lexicon</c>.</summary>
    public Hosting.DetectorKind Detector(string option, string? inlineValue)
    {
        var value = Value(option, inlineValue);
        return Hosting.DetectorKinds.FromName(value)
            ?? throw new UsageException($"{option} must be semantic or lexicon, not '{value}'.");
    }
}
