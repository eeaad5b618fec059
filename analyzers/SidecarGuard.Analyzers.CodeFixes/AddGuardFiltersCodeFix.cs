using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SidecarGuard.Analyzers.CodeFixes.Internals;

namespace SidecarGuard.Analyzers.CodeFixes;

/// <summary>SG1002: registers SidecarGuard's filters on the kernel builder just before <c>Build()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddGuardFiltersCodeFix)), Shared]
public sealed class AddGuardFiltersCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = RuleIdentifiers.KernelWithoutGuardFilters + ".AddFilters";
    private const string FiltersNamespace = "SidecarGuard.SemanticKernel";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.KernelWithoutGuardFilters);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create(
        (root, diagnostics, _) => diagnostics.Select(d => FindBuild(root, d)).OfType<SyntaxNode>(),
        ApplyAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || FindBuild(root, diagnostic) is not { } build)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Add SidecarGuard filters before Build()", SequentialFixAll.Single(context.Document, build, EquivalenceKey, ApplyAsync), EquivalenceKey),
            diagnostic);
    }

    /// <summary>The <c>builder.Build()</c> call a diagnostic points at; <c>new Kernel(...)</c> has no builder to fix.</summary>
    private static InvocationExpressionSyntax? FindBuild(SyntaxNode root, Diagnostic diagnostic)
    {
        var invocation = SequentialFixAll.FindNode<InvocationExpressionSyntax>(root, diagnostic);
        return invocation is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Build" } } ? invocation : null;
    }

    private static async Task<Document> ApplyAsync(Document document, SyntaxNode node, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access })
        {
            return document;
        }

        var registered = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                access.Expression.WithoutTrailingTrivia(),
                access.OperatorToken,
                SyntaxFactory.IdentifierName("AddSidecarGuardFilters")));
        var marker = new SyntaxAnnotation();
        var newRoot = root.ReplaceNode(access, access.WithExpression(registered).WithAdditionalAnnotations(marker));
        var usedAt = newRoot.GetAnnotatedNodes(marker).First();
        return document.WithSyntaxRoot(UsingDirectives.Ensure(newRoot, usedAt, FiltersNamespace));
    }
}
