using Microsoft.CodeAnalysis;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>Tells the flow analysis which calls and object creations evaluate the guard and which need it.</summary>
internal interface IGuardEventClassifier
{
    /// <summary>True when the operation evaluates the conversation guard.</summary>
    bool IsGuard(IOperation operation);

    /// <summary>True when the operation must be preceded by a guard evaluation on every path.</summary>
    bool IsObligation(IOperation operation);

    /// <summary>True when a lambda or local function moved its obligations to its callers.</summary>
    bool IsExempt(IMethodSymbol function);
}
