using System.Collections.Frozen;

namespace SidecarGuard.Core.Detection;

/// <summary>
/// Decides whether a turn needs the regex lexicons, which cost hundreds of microseconds on a long turn, after the
/// linear model (a few microseconds) has scored it. The lexicons run when the model finds any category at least
/// <see cref="ModelProbability"/> likely, when the turn has a non-ASCII letter, or when it contains a word of
/// <c>Lexicons/_gate.txt</c> (function words of the other lexicon languages and English words the model may
/// underrate). Everything else is plain English the model calls clearly benign.
/// </summary>
internal sealed class LexiconGate
{
    /// <summary>Resource name of the word list.</summary>
    public const string ResourceName = "SidecarGuard.Lexicons._gate.txt";

    /// <summary>Lowest model probability, in any category, at which the lexicons run. Defaults to 0.1.</summary>
    public const float ModelProbability = 0.1f;

    private static readonly Lazy<LexiconGate> Embedded = new(LoadEmbedded);

    private readonly FrozenSet<string> _words;

    public LexiconGate(IEnumerable<string> words) => _words = words.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The gate over the embedded word list.</summary>
    public static LexiconGate Default => Embedded.Value;

    /// <summary>Whether <paramref name="normalized"/> contains a non-ASCII letter or a listed word.</summary>
    public bool Opens(ReadOnlySpan<char> normalized)
    {
        foreach (var c in normalized)
        {
            if (c > 0x7F && char.IsLetter(c))
            {
                return true;
            }
        }

        var lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = new WordSpans(normalized);
        while (words.MoveNext())
        {
            if (lookup.Contains(words.Current))
            {
                return true;
            }
        }

        return false;
    }

    private static LexiconGate LoadEmbedded()
    {
        using var stream = typeof(LexiconGate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return new LexiconGate(words);
    }
}
