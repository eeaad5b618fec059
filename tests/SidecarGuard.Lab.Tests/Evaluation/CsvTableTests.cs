using SidecarGuard.Lab.Evaluation;

namespace SidecarGuard.Lab.Tests.Evaluation;

/// <summary>The data sets' CSV files as the lab reads them: RFC 4180 quoting, any line end, a byte-order mark, named columns.</summary>
public sealed class CsvTableTests
{
    private static CsvTable Read(string text) => CsvTable.Read(new StringReader(text));

    [Fact]
    public void Quoted_Fields_Keep_Commas_Doubled_Quotes_And_Line_Breaks()
    {
        var table = Read("a,b\r\n\"one, two\",\"say \"\"hi\"\"\"\r\n\"line1\r\nline2\",x\r\n");

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("one, two", table.Get(table.Rows[0], "a"));
        Assert.Equal("say \"hi\"", table.Get(table.Rows[0], "b"));
        Assert.Equal("line1\r\nline2", table.Get(table.Rows[1], "a"));
    }

    [Theory]
    [InlineData("a,b\nc,d")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d\r")]
    public void Line_Ends_And_A_Missing_Final_Line_End_Do_Not_Change_Rows(string text)
    {
        var table = Read(text);

        Assert.Equal(["c", "d"], Assert.Single(table.Rows));
    }

    [Fact]
    public void A_Byte_Order_Mark_Is_Not_Part_Of_The_First_Column_Name()
    {
        using var stream = new MemoryStream([.. System.Text.Encoding.UTF8.GetPreamble(), .. "id,prompt\n1,x\n"u8.ToArray()]);
        using var reader = new StreamReader(stream);
        var table = CsvTable.Read(reader);

        Assert.Equal("1", table.Get(table.Rows[0], "id"));
    }

    [Fact]
    public void Empty_Fields_And_Empty_Quoted_Fields_Are_Kept_And_Short_Rows_Read_As_Empty()
    {
        var table = Read("a,b,c\nx,,\"\"\ny\n");

        Assert.Equal(["x", "", ""], table.Rows[0]);
        Assert.Equal("", table.Get(table.Rows[1], "c"));
    }

    [Fact]
    public void Columns_Are_Found_By_Name_And_Blank_Lines_Are_Skipped()
    {
        var table = Read("id,prompt\n1,\"first\nturn\"\n\n2,second\n");

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("first\nturn", table.Get(table.Rows[0], "prompt"));
        Assert.Equal("2", table.Get(table.Rows[1], "ID"));
        Assert.Throws<FormatException>(() => table.Get(table.Rows[0], "missing"));
    }

    [Fact]
    public void An_Empty_File_Is_A_Format_Error() => Assert.Throws<FormatException>(() => Read(""));
}
