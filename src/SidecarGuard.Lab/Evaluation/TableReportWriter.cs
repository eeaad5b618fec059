using System.Globalization;
using System.Text;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>Writes evaluation reports as fixed-width text tables, one block per data set.</summary>
internal static class TableReportWriter
{
    private static readonly string[] HalfNames = ["1st", "2nd"];

    public static string Format(SetReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {report.Name} ({report.Rows} rows; 1st half = tuning/training, 2nd half = held out) ==");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{"measure",-46} {"half",-4} {"pos",5} {"neg",5} {"recall",7} {"falseflag",9} {"F1",5}  {"target",-30} {"met",-4} {"obf-kept",8}");
        foreach (var measure in report.Measures)
        {
            for (var h = 0; h < 2; h++)
            {
                var c = measure.Halves[h];
                var met = measure.Measure.Target is { } target ? c.Meets(target) switch { true => "yes", false => "NO", null => "-" } : "";
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{(h == 0 ? measure.Measure.Name : ""),-46} {HalfNames[h],-4} {c.Positives,5} {c.Negatives,5} {Percent(c.Recall),7} {Percent(c.FalseFlagRate),9} {Ratio(c.F1),5}  {(h == 0 ? measure.Measure.Target?.ToString() ?? "" : ""),-30} {met,-4} {Percent(measure.KeptShare(h)),8}");
            }
        }

        foreach (var measure in report.Measures.Where(m => m.FalseFlagCategories.Count > 0))
        {
            var counts = string.Join(", ", measure.FalseFlagCategories.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"  false flags of '{measure.Measure.Name}' by top category: {counts}");
        }

        text.AppendLine("  per group: rows, not ALLOW, SUPPORT (1st half | 2nd half)");
        foreach (var group in report.Groups)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {Truncate(group.Group, 44),-44} {Cell(group, 0),-24} | {Cell(group, 1)}");
        }

        return text.ToString();
    }

    private static string Cell(GroupReport group, int h) =>
        group.Rows[h] == 0 ? "-" : FormattableString.Invariant($"{group.Rows[h],4} {group.Flagged[h],4} ({Percent((double)group.Flagged[h] / group.Rows[h])}) {group.Supported[h],4}");

    private static string Percent(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "-";

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
