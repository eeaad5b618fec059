using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SidecarGuard.Semantic.Heads;

/// <summary>
/// The trained heads and what they were trained on, read from and written to the JSON format described in
/// <c>Heads/README.md</c>. The embedded <c>heads.json</c> is what <c>sidecarguard-lab train-semantic</c> wrote.
/// </summary>
internal sealed record HeadSet(string Encoder, int Dimensions, string TrainedOn, IReadOnlyList<Head> Heads)
{
    /// <summary>The format name a file must carry.</summary>
    public const string Format = "sidecarguard-semantic-heads/1";

    private const string EmbeddedName = "SidecarGuard.Semantic.heads.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The heads built into this assembly.</summary>
    public static HeadSet LoadEmbedded()
    {
        using var stream = typeof(HeadSet).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidDataException($"The semantic heads ({EmbeddedName}) are not embedded; run 'sidecarguard-lab train-semantic'.");
        return Read(stream);
    }

    /// <summary>Reads and validates a heads file.</summary>
    public static HeadSet Read(Stream stream)
    {
        var file = JsonSerializer.Deserialize<HeadsFile>(stream, Json)
            ?? throw new InvalidDataException("The heads file is empty.");
        if (file.Format != Format)
        {
            throw new InvalidDataException($"The heads file has format '{file.Format}'; this build reads '{Format}'.");
        }

        foreach (var head in file.Heads)
        {
            if (head.Weights.Length != file.Dimensions || string.IsNullOrWhiteSpace(head.Category)
                || head.Threshold is <= 0 or >= 1 || !float.IsFinite(head.Bias))
            {
                throw new InvalidDataException($"Head '{head.Category}' is malformed: {head.Weights.Length} weights for {file.Dimensions} dimensions, threshold {head.Threshold}.");
            }
        }

        return new HeadSet(file.Encoder, file.Dimensions, file.TrainedOn,
            [.. file.Heads.Select(h => new Head(h.Category, h.Bias, h.Threshold, h.Weights))]);
    }

    /// <summary>Writes the heads, one head a line so a diff shows which head changed.</summary>
    public void Write(Stream stream)
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        writer.WriteLine("{");
        writer.WriteLine($"  \"format\": {JsonSerializer.Serialize(Format)},");
        writer.WriteLine($"  \"encoder\": {JsonSerializer.Serialize(Encoder)},");
        writer.WriteLine($"  \"dimensions\": {Dimensions.ToString(CultureInfo.InvariantCulture)},");
        writer.WriteLine($"  \"trainedOn\": {JsonSerializer.Serialize(TrainedOn)},");
        writer.WriteLine("  \"heads\": [");
        for (var i = 0; i < Heads.Count; i++)
        {
            var head = Heads[i];
            var weights = string.Join(",", head.Weights.Select(w => w.ToString("G6", CultureInfo.InvariantCulture)));
            writer.Write($"    {{\"category\": {JsonSerializer.Serialize(head.Category)}, \"bias\": {head.Bias.ToString("G7", CultureInfo.InvariantCulture)}, ");
            writer.Write($"\"threshold\": {head.Threshold.ToString("G6", CultureInfo.InvariantCulture)}, \"weights\": [{weights}]}}");
            writer.WriteLine(i + 1 < Heads.Count ? "," : "");
        }

        writer.WriteLine("  ]");
        writer.WriteLine("}");
    }

    private sealed record HeadsFile(string Format, string Encoder, int Dimensions, string TrainedOn, HeadEntry[] Heads);

    private sealed record HeadEntry(string Category, float Bias, float Threshold, float[] Weights);
}
