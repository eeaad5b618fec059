using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SidecarGuard.Core.Configuration;

namespace SidecarGuard.Core.Tests.Configuration;

public sealed class SettingsFileTests
{
    private sealed record Sample(string Name, int Count);

    private sealed class SampleException(string message, Exception? inner) : SettingsFileException(message, inner);

    private static readonly JsonTypeInfo<Sample> Contract = (JsonTypeInfo<Sample>)new JsonSerializerOptions
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
    }.GetTypeInfo(typeof(Sample));

    private static readonly SettingsFile<Sample> Reader = new(Contract, "sample file", (message, inner) => new SampleException(message, inner));

    [Fact]
    public void A_Valid_File_Is_Read_With_Comments()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "// a comment\n{ \"name\": \"a\", \"count\": 2 }");
            Assert.Equal(new Sample("a", 2), Reader.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_Json_Names_The_File_And_The_Line_Through_The_Callers_Exception()
    {
        var error = Assert.Throws<SampleException>(() => Reader.Parse("{\n\"name\": \"a\",\n\"count\": }", "s.json"));
        Assert.StartsWith("The sample file 's.json' is not valid JSON at line 3", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public void An_Empty_Document_And_A_Missing_File_Are_Clear_Errors()
    {
        Assert.Contains("is empty; expected a JSON object", Assert.Throws<SampleException>(() => Reader.Parse("null", "s.json")).Message, StringComparison.Ordinal);
        var missing = Path.Combine(Path.GetTempPath(), "sidecarguard-missing-" + Guid.NewGuid().ToString("N") + ".json");
        var error = Assert.Throws<SampleException>(() => Reader.Read(missing));
        Assert.StartsWith($"Cannot read the sample file '{missing}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_Are_Listed_Together_And_None_Is_Fine()
    {
        Reader.ThrowIfInvalid([], "s.json");
        var error = Assert.Throws<SampleException>(() => Reader.ThrowIfInvalid(["name: required", "count: must be positive"], "s.json"));
        Assert.Equal("The sample file 's.json' is invalid: name: required; count: must be positive", error.Message);
    }
}
