namespace SidecarGuard.Lab.Evaluation;

/// <summary>Splits a file's rows, in file order, into a first half (tuning) and a second half (held out).</summary>
internal static class HalfSplitter
{
    /// <summary>1 when row <paramref name="index"/> of <paramref name="count"/> is in the first half, else 2.</summary>
    public static int HalfOf(int index, int count) => index < count / 2 ? 1 : 2;

    /// <summary>
    /// The first-half rows of <paramref name="items"/> only, re-split the same way: each file's first half becomes
    /// "half 1" (its first quarter) and "half 2" (its second quarter). Training on the new half 1 and measuring the
    /// new half 2 estimates held-out quality without reading a single second-half row. A set read from several
    /// files lists each file's rows in order, so a file starts wherever half 1 follows half 2.
    /// </summary>
    public static List<EvalItem> InnerSplit(IReadOnlyList<EvalItem> items)
    {
        var result = new List<EvalItem>();
        var file = new List<EvalItem>();
        var previousHalf = 1;
        foreach (var item in items)
        {
            if (item.Half == 1 && previousHalf == 2)
            {
                AddInner(file, result);
                file.Clear();
            }

            if (item.Half == 1)
            {
                file.Add(item);
            }

            previousHalf = item.Half;
        }

        AddInner(file, result);
        return result;
    }

    private static void AddInner(List<EvalItem> firstHalf, List<EvalItem> result)
    {
        for (var i = 0; i < firstHalf.Count; i++)
        {
            result.Add(firstHalf[i] with { Half = HalfOf(i, firstHalf.Count) });
        }
    }
}
