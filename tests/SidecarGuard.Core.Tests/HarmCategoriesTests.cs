namespace SidecarGuard.Core.Tests;

public sealed class HarmCategoriesTests
{
    [Fact]
    public void Category_Names_Are_Snake_Case()
    {
        var names = typeof(SidecarGuard.Core.Detection.HarmCategories).GetFields()
            .Select(f => (string)f.GetValue(null)!);
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }
}
