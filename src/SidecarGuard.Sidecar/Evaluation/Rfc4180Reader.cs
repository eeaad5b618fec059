using System.Text;

namespace SidecarGuard.Sidecar.Evaluation;

/// <summary>
/// Reads comma-separated records as RFC 4180 defines them: fields may be quoted, quotes inside quoted fields are
/// doubled, and quoted fields may span lines. Accepts CRLF, LF or CR line ends, a missing final line end and a
/// leading byte-order mark.
/// </summary>
internal static class Rfc4180Reader
{
    /// <summary>Every record of <paramref name="reader"/>, header included, in file order.</summary>
    /// <exception cref="FormatException">A quoted field is not closed, or text follows a closing quote.</exception>
    public static List<string[]> ReadAll(TextReader reader)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var fieldWasQuoted = false;
        var line = 1;
        var first = true;
        int next;
        while ((next = reader.Read()) >= 0)
        {
            var c = (char)next;
            if (first)
            {
                first = false;
                if (c == '\uFEFF')
                {
                    continue;
                }
            }

            if (inQuotes)
            {
                if (c != '"')
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    field.Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    fields.Add(field.ToString());
                    records.Add([.. fields]);
                    fields.Clear();
                    field.Clear();
                    fieldWasQuoted = false;
                    line++;
                    break;
                default:
                    if (fieldWasQuoted)
                    {
                        throw new FormatException($"Line {line}: text after the closing quote of a field.");
                    }

                    field.Append(c);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new FormatException($"Line {line}: a quoted field is not closed before the end of the file.");
        }

        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
