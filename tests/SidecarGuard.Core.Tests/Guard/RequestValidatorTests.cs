using SidecarGuard.Core.Guard;

namespace SidecarGuard.Core.Tests.Guard;

public sealed class RequestValidatorTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("Conv-1._:x")]
    public void Good_Ids_Pass(string id) => RequestValidator.RequireId(id, "conversation_id");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("ä")]
    [InlineData("a\u200Bb")]
    public void Bad_Ids_Name_The_Field(string? id)
    {
        var error = Assert.Throws<InvalidGuardRequestException>(() => RequestValidator.RequireId(id, "turn_id"));
        Assert.Equal("turn_id", error.Field);
    }

    [Fact]
    public void Id_Length_Limit_Is_128()
    {
        RequestValidator.RequireId(new string('x', 128), "conversation_id");
        Assert.Throws<InvalidGuardRequestException>(() => RequestValidator.RequireId(new string('x', 129), "conversation_id"));
    }

    [Fact]
    public void Text_Limit_Counts_Utf8_Bytes()
    {
        RequestValidator.RequireText(new string('é', 50), "user_text", 100);
        var error = Assert.Throws<InvalidGuardRequestException>(() => RequestValidator.RequireText(new string('é', 51), "user_text", 100));
        Assert.Contains("102 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_Hash_Is_Sha256_Hex()
    {
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", TextHash.Of("hello"));
        Assert.Equal(TextHash.Of(new string('z', 5000)), TextHash.Of(new string('z', 5000)));
    }
}
