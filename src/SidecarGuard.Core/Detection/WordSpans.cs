namespace SidecarGuard.Core.Detection;

/// <summary>
/// Enumerates the words of normalised text — maximal runs of letters and digits — as (start, end) offsets, with no
/// allocation. The one definition of "word" shared by the anchors, the model's features and the lexicon gate.
/// </summary>
internal ref struct WordSpans(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _next;

    /// <summary>Start offset of the current word.</summary>
    public int Start { get; private set; }

    /// <summary>End offset (exclusive) of the current word.</summary>
    public int End { get; private set; }

    /// <summary>The current word.</summary>
    public readonly ReadOnlySpan<char> Current => _text[Start..End];

    /// <summary>Moves to the next word; false at the end of the text.</summary>
    public bool MoveNext()
    {
        var i = _next;
        while (i < _text.Length && !char.IsLetterOrDigit(_text[i]))
        {
            i++;
        }

        if (i >= _text.Length)
        {
            _next = i;
            return false;
        }

        Start = i;
        while (i < _text.Length && char.IsLetterOrDigit(_text[i]))
        {
            i++;
        }

        End = i;
        _next = i;
        return true;
    }
}
