using nietras.SeparatedValues;

namespace SidecarGuard.Lab.Evaluation;

/// <summary>
/// A comma-separated file read with Sep (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes): named
/// columns and the data rows in file order.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(IReadOnlyList<string> header, List<string[]> rows)
    {
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            _columns.TryAdd(header[i].Trim(), i);
        }

        Rows = rows;
    }

    /// <summary>Data rows (the header excluded); blank lines are skipped.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads a table whose first record is the header.</summary>
    /// <exception cref="FormatException">The text has no header line.</exception>
    public static CsvTable Read(TextReader reader)
    {
        using var csv = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(reader);
        if (csv.Header.IsEmpty)
        {
            throw new FormatException("The CSV file is empty: it needs a header line.");
        }

        var rows = new List<string[]>();
        foreach (var row in csv)
        {
            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }

            if (!(fields.Length == 1 && fields[0].Length == 0))
            {
                rows.Add(fields);
            }
        }

        return new CsvTable(csv.Header.ColNames, rows);
    }

    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    public static CsvTable Load(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    /// <summary>The value of <paramref name="column"/> in <paramref name="row"/>; empty when the row is short.</summary>
    public string Get(string[] row, string column)
    {
        if (!_columns.TryGetValue(column, out var index))
        {
            throw new FormatException($"The CSV file has no column '{column}'.");
        }

        return index < row.Length ? row[index] : "";
    }
}
