namespace SidecarGuard.Sidecar.Evaluation;

/// <summary>A CSV file read with <see cref="Rfc4180Reader"/>: named columns and the data rows in file order.</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string[] header, List<string[]> rows)
    {
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            _columns.TryAdd(header[i].Trim(), i);
        }

        Rows = rows;
    }

    /// <summary>Data rows (the header excluded); blank lines are skipped.</summary>
    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads a table whose first record is the header.</summary>
    public static CsvTable Read(TextReader reader)
    {
        var records = Rfc4180Reader.ReadAll(reader);
        if (records.Count == 0)
        {
            throw new FormatException("The CSV file is empty: it needs a header line.");
        }

        var rows = records.Skip(1).Where(r => !(r.Length == 1 && r[0].Length == 0)).ToList();
        return new CsvTable(records[0], rows);
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
