namespace SidecarGuard.Lab.Evaluation;

/// <summary>A one-line progress bar redrawn in place on a terminal; silent when disabled.</summary>
internal sealed class ProgressBar(TextWriter output, bool enabled)
{
    private const int Width = 30;
    private int _lastDrawn = -1;

    /// <summary>Shows <paramref name="done"/> of <paramref name="total"/> rows of <paramref name="label"/>.</summary>
    public void Report(string label, int done, int total)
    {
        if (!enabled || total <= 0)
        {
            return;
        }

        var filled = done * Width / total;
        if (filled == _lastDrawn && done != total)
        {
            return;
        }

        _lastDrawn = filled;
        output.Write($"\r{label,-24} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total}");
        if (done == total)
        {
            output.Write('\r' + new string(' ', Width + 48) + '\r');
            _lastDrawn = -1;
        }

        output.Flush();
    }
}
