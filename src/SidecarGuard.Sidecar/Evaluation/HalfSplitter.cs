namespace SidecarGuard.Sidecar.Evaluation;

/// <summary>Splits a file's rows, in file order, into a first half (tuning) and a second half (held out).</summary>
internal static class HalfSplitter
{
    /// <summary>1 when row <paramref name="index"/> of <paramref name="count"/> is in the first half, else 2.</summary>
    public static int HalfOf(int index, int count) => index < count / 2 ? 1 : 2;
}
