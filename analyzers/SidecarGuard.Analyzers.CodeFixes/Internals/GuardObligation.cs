using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SidecarGuard.Analyzers.CodeFixes.Internals;

/// <summary>Marks the method around a call with <c>[RequiresConversationGuard]</c>, moving the guard to its callers.</summary>
internal static class GuardObligation
{
    private const string AttributeMetadataName = "SidecarGuard.RequiresConversationGuardAttribute";

    /// <summary>The method, constructor or local function that can carry the attribute; null inside lambdas and accessors.</summary>
    public static SyntaxNode? FindMember(SyntaxNode call)
    {
        var member = FunctionExit.FindFunction(call);
        return member is MethodDeclarationSyntax or ConstructorDeclarationSyntax or LocalFunctionStatementSyntax ? member : null;
    }

    public static SyntaxNode? Add(SyntaxNode root, SemanticModel model, SyntaxNode member)
    {
        var attributeType = model.Compilation.GetTypeByMetadataName(AttributeMetadataName);
        if (attributeType is null)
        {
            return null;
        }

        var name = attributeType.ToMinimalDisplayString(model, member.SpanStart);
        if (name.EndsWith("Attribute", System.StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - "Attribute".Length);
        }

        var leading = member.GetLeadingTrivia();
        var indentation = leading.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName(name))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(LineEndings.Of(member), indentation);

        SyntaxNode updated = member switch
        {
            MethodDeclarationSyntax method => method.WithoutLeadingTrivia().WithAttributeLists(method.WithoutLeadingTrivia().AttributeLists.Insert(0, attribute)),
            ConstructorDeclarationSyntax constructor => constructor.WithoutLeadingTrivia().WithAttributeLists(constructor.WithoutLeadingTrivia().AttributeLists.Insert(0, attribute)),
            LocalFunctionStatementSyntax local => local.WithoutLeadingTrivia().WithAttributeLists(local.WithoutLeadingTrivia().AttributeLists.Insert(0, attribute)),
            _ => member,
        };
        return root.ReplaceNode(member, updated);
    }
}
