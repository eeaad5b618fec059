using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace SidecarGuard.SemanticKernel.Tests;

/// <summary>AddSidecarGuardFilters registers the plugin and one of each filter, however often it is called.</summary>
public sealed class KernelBuilderExtensionsTests
{
    [Fact]
    public void Registering_Twice_Adds_One_Plugin_And_One_Of_Each_Filter()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSidecarGuardInProcess();
        builder.AddSidecarGuardFilters().AddSidecarGuardFilters();

        var kernel = builder.Build();

        Assert.Single(kernel.Plugins);
        Assert.True(kernel.Plugins.TryGetFunction(EndConversationPlugin.PluginName, "end_conversation", out var function));
        Assert.Contains("last resort", function!.Description, StringComparison.Ordinal);
        Assert.Single(kernel.FunctionInvocationFilters);
        Assert.Single(kernel.PromptRenderFilters);
        Assert.Single(kernel.AutoFunctionInvocationFilters);
    }

    [Fact]
    public void Null_Builder_Is_Rejected() =>
        Assert.Throws<ArgumentNullException>(() => ((IKernelBuilder)null!).AddSidecarGuardFilters());
}
