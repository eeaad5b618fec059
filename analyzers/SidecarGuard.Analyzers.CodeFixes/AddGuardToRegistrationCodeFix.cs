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

/// <summary>
/// SG1005: adds the guard right after the registration, so it is the outermost step of the pipeline:
/// <c>services.AddChatClient(model).UseSidecarGuard()...</c>, <c>services.AddKernel().AddSidecarGuardFilters()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddGuardToRegistrationCodeFix)), Shared]
public sealed class AddGuardToRegistrationCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = RuleIdentifiers.RegistrationWithoutGuard + ".AddGuard";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.RegistrationWithoutGuard);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create(
        (root, diagnostics, _) => diagnostics.Select(d => SequentialFixAll.FindNode<InvocationExpressionSyntax>(root, d)).OfType<SyntaxNode>(),
        ApplyAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || SequentialFixAll.FindNode<InvocationExpressionSyntax>(root, diagnostic) is not { } registration)
        {
            return;
        }

        var (method, _) = GuardFor(registration);
        context.RegisterCodeFix(
            CodeAction.Create($"Add {method}() to the registration", SequentialFixAll.Single(context.Document, registration, EquivalenceKey, ApplyAsync), EquivalenceKey),
            diagnostic);
    }

    /// <summary>The guard call for a registration and the namespace it lives in.</summary>
    private static (string Method, string Namespace) GuardFor(InvocationExpressionSyntax registration) =>
        registration.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "AddKernel" }
            ? ("AddSidecarGuardFilters", "SidecarGuard.SemanticKernel")
            : ("UseSidecarGuard", "SidecarGuard.Extensions.AI");

    private static async Task<Document> ApplyAsync(Document document, SyntaxNode node, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || node is not InvocationExpressionSyntax registration)
        {
            return document;
        }

        var (method, ns) = GuardFor(registration);
        var guarded = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                registration.WithoutTrivia(),
                SyntaxFactory.IdentifierName(method)))
            .WithTriviaFrom(registration);
        var marker = new SyntaxAnnotation();
        var newRoot = root.ReplaceNode(registration, guarded.WithAdditionalAnnotations(marker));
        var usedAt = newRoot.GetAnnotatedNodes(marker).First();
        return document.WithSyntaxRoot(UsingDirectives.Ensure(newRoot, usedAt, ns));
    }
}
