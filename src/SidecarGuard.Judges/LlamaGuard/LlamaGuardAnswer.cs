namespace SidecarGuard.Judges.LlamaGuard;

/// <summary>
/// Reads Llama Guard's answer: <c>safe</c>, or <c>unsafe</c> followed by a line of comma-separated category codes
/// (<c>S1,S9</c>). Anything else is malformed. Unsafe categories score 1; codes we do not map are dropped.
/// </summary>
internal static class LlamaGuardAnswer
{
    public static JudgeVerdict Parse(string answer)
    {
        var lines = answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var first = lines.Length > 0 ? lines[0] : "";
        if (first.Equals("safe", StringComparison.OrdinalIgnoreCase))
        {
            return JudgeVerdict.Safe;
        }

        if (!first.StartsWith("unsafe", StringComparison.OrdinalIgnoreCase))
        {
            throw new JudgeUnavailableException($"malformed answer: expected safe or unsafe, got '{Shorten(first)}'");
        }

        // Some servers put the codes on the first line ("unsafe S1"); the documented form has them on the second.
        var codes = first.Length > "unsafe".Length ? first["unsafe".Length..] : lines.Length > 1 ? lines[1] : "";
        return Verdict(codes);
    }

    private static JudgeVerdict Verdict(string codeLine)
    {
        var codes = codeLine.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length == 0)
        {
            throw new JudgeUnavailableException("malformed answer: unsafe without categories");
        }

        var scores = new List<CategoryScore>(codes.Length);
        var atRisk = false;
        foreach (var code in codes)
        {
            if (!IsCode(code))
            {
                throw new JudgeUnavailableException($"malformed answer: '{Shorten(code)}' is not a category code");
            }

            if (LlamaGuardCategories.Find(code) is { Category: { } name } category && !scores.Exists(s => s.Name == name))
            {
                scores.Add(new CategoryScore(name, 1.0));
                atRisk |= category.AtRisk;
            }
        }

        return new JudgeVerdict { Categories = scores, AtRisk = atRisk };
    }

    private static bool IsCode(string code) =>
        code.Length is 2 or 3 && code[0] is 'S' or 's' && code.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;

    private static string Shorten(string text) => text.Length <= 40 ? text : $"{text[..40]}…";
}
