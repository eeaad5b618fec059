using SidecarGuard.Sidecar.Evaluation;

namespace SidecarGuard.Sidecar.Tests.Evaluation;

public sealed class Rfc4180ReaderTests
{
    private static List<string[]> Read(string text) => Rfc4180Reader.ReadAll(new StringReader(text));

    [Fact]
    public void Quoted_Fields_Keep_Commas_Doubled_Quotes_And_Newlines()
    {
        var records = Read("a,b\r\n\"one, two\",\"say \"\"hi\"\"\"\r\n\"line1\r\nline2\",x\r\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["one, two", "say \"hi\""], records[1]);
        Assert.Equal(["line1\r\nline2", "x"], records[2]);
    }

    [Theory]
    [InlineData("a,b\nc,d")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("\uFEFFa,b\nc,d\n")]
    public void Line_Ends_Final_Newline_And_Bom_Do_Not_Change_Records(string text)
    {
        var records = Read(text);

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b"], records[0]);
        Assert.Equal(["c", "d"], records[1]);
    }

    [Fact]
    public void Empty_Fields_And_Empty_Quoted_Fields_Are_Kept()
    {
        var records = Read("a,,\"\"\n");

        Assert.Equal(["a", "", ""], Assert.Single(records));
    }

    [Fact]
    public void Unclosed_Quote_Is_A_Format_Error() =>
        Assert.Throws<FormatException>(() => Read("a,\"open\nnever closed"));

    [Fact]
    public void Text_After_A_Closing_Quote_Is_A_Format_Error() =>
        Assert.Throws<FormatException>(() => Read("\"quoted\"tail,b\n"));

    [Fact]
    public void Table_Reads_Columns_By_Name_And_Skips_Blank_Lines()
    {
        var table = CsvTable.Read(new StringReader("id,prompt\n1,\"first\nturn\"\n\n2,second\n"));

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("first\nturn", table.Get(table.Rows[0], "prompt"));
        Assert.Equal("2", table.Get(table.Rows[1], "ID"));
        Assert.Throws<FormatException>(() => table.Get(table.Rows[0], "missing"));
    }
}
