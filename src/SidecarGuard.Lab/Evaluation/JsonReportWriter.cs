using System.Text;
using System.Text.Json;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>Writes evaluation reports as one JSON document (an array of sets) for scripts and CI.</summary>
internal static class JsonReportWriter
{
    public static string Format(IReadOnlyList<SetReport> reports)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var report in reports)
            {
                WriteSet(json, report);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSet(Utf8JsonWriter json, SetReport report)
    {
        json.WriteStartObject();
        json.WriteString("set", report.Name);
        json.WriteNumber("rows", report.Rows);
        json.WriteStartArray("measures");
        foreach (var measure in report.Measures)
        {
            json.WriteStartObject();
            json.WriteString("name", measure.Measure.Name);
            json.WriteString("outcome", measure.Measure.Outcome.Name);
            if (measure.Measure.Target is { } target)
            {
                json.WriteString("target", target.ToString());
            }

            for (var h = 0; h < 2; h++)
            {
                json.WriteStartObject(h == 0 ? "first_half" : "second_half");
                WriteCounts(json, measure.Halves[h], measure.Measure.Target);
                if (measure.ObfuscatedHalves.Length > 0)
                {
                    json.WriteStartObject("obfuscated");
                    WriteCounts(json, measure.ObfuscatedHalves[h], null);
                    json.WriteEndObject();
                    WriteNumber(json, "obfuscated_kept_share", measure.KeptShare(h));
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("groups");
        foreach (var group in report.Groups)
        {
            json.WriteStartObject();
            json.WriteString("group", group.Group);
            for (var h = 0; h < 2; h++)
            {
                json.WriteStartObject(h == 0 ? "first_half" : "second_half");
                json.WriteNumber("rows", group.Rows[h]);
                json.WriteNumber("not_allow", group.Flagged[h]);
                json.WriteNumber("support", group.Supported[h]);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, ConfusionCounts counts, Target? target)
    {
        json.WriteNumber("positives", counts.Positives);
        json.WriteNumber("negatives", counts.Negatives);
        json.WriteNumber("true_positives", counts.TruePositives);
        json.WriteNumber("false_positives", counts.FalsePositives);
        WriteNumber(json, "recall", counts.Recall);
        WriteNumber(json, "false_flag_rate", counts.FalseFlagRate);
        WriteNumber(json, "f1", counts.F1);
        if (target is not null && counts.Meets(target) is { } met)
        {
            json.WriteBoolean("target_met", met);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
