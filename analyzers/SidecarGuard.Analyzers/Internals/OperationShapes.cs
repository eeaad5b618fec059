using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>Small questions about operations: what a call acts on, what a value is before implicit conversions.</summary>
internal static class OperationShapes
{
    /// <summary>The object a call acts on: its instance, or the first argument of an extension method.</summary>
    public static IOperation? GetReceiver(IInvocationOperation invocation)
    {
        if (invocation.Instance is not null)
        {
            return invocation.Instance;
        }

        if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
        {
            var first = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0) ?? invocation.Arguments[0];
            return first.Value;
        }

        return null;
    }

    /// <summary>Strips the implicit conversions the compiler adds around a value.</summary>
    public static IOperation? SkipConversions(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
