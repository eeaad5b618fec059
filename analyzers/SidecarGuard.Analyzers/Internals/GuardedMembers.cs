using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SidecarGuard.Analyzers.Internals;

/// <summary>
/// Whether a field or property only ever holds a guarded client: every assignment to it in its type is in an
/// instance constructor or an initializer, and assigns a guarded value; and nothing outside can assign it (a field
/// that is readonly or private, a property without a setter or with a private one). A pipeline built in the
/// constructor and kept in a field, or an injected guarded client kept in one, is then guarded at every use.
/// </summary>
internal sealed class GuardedMembers
{
    /// <summary>How many fields a value may be copied through (field from field) before the analysis gives up.</summary>
    public const int MaxDepth = 3;

    private readonly Compilation _compilation;

    public GuardedMembers(Compilation compilation) => _compilation = compilation;

    public bool OnlyGuarded(ISymbol member, GuardSymbols symbols, bool? injectedClientsGuarded, int depth)
    {
        if (!CannotBeSetOutside(member))
        {
            return false;
        }

        var assignments = 0;
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
#pragma warning disable RS1030 // A member's assignments can sit in any part of its type; bound once per member and cached.
            var model = _compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                var value = node switch
                {
                    VariableDeclaratorSyntax { Initializer: { } init } declarator
                        when SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator), member) => init.Value,
                    PropertyDeclarationSyntax { Initializer: { } init } property
                        when SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(property), member) => init.Value,
                    AssignmentExpressionSyntax assignment
                        when SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol, member) => assignment.Right,
                    _ => null,
                };
                if (value is null)
                {
                    continue;
                }

                assignments++;
                var inConstructorOrInitializer = node is not AssignmentExpressionSyntax
                    || node.Ancestors().OfType<BaseMethodDeclarationSyntax>().FirstOrDefault() is ConstructorDeclarationSyntax constructor
                        && !constructor.Modifiers.Any(m => m.ValueText == "static")
                        && !node.Ancestors().TakeWhile(a => a != constructor).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
                if (!inConstructorOrInitializer || model.GetOperation(value) is not { } operation || !symbols.IsGuardedValue(operation, injectedClientsGuarded, depth))
                {
                    return false;
                }
            }
        }

        return assignments > 0;
    }

    private static bool CannotBeSetOutside(ISymbol member) => member switch
    {
        IFieldSymbol field => field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private,
        IPropertySymbol property => property.SetMethod is null
            || (property.SetMethod.DeclaredAccessibility == Accessibility.Private && !property.SetMethod.IsInitOnly),
        _ => false,
    };
}
