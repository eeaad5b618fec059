using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SidecarGuard.Analyzers.CodeFixes.Internals;

namespace SidecarGuard.Analyzers.CodeFixes;

/// <summary>
/// SG1001 and SG1004: evaluates the guard before the call when an <c>IConversationGuard</c> is at hand, or moves the
/// obligation to the callers with <c>[RequiresConversationGuard]</c>. Fix-all inserts one guard per function.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GuardChatCallCodeFix)), Shared]
public sealed class GuardChatCallCodeFix : CodeFixProvider
{
    private const string InsertGuardKey = RuleIdentifiers.UnguardedChatCall + ".InsertGuard";
    private const string RequireGuardKey = RuleIdentifiers.UnguardedChatCall + ".RequireGuard";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(RuleIdentifiers.UnguardedChatCall, RuleIdentifiers.UnguardedGuardRequiringCall);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => SequentialFixAll.Create(SelectTargets, ApplyAsync);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root is null || model is null || FindCall(root, diagnostic) is not { } call)
        {
            return;
        }

        if (GuardStatement.FindAnchor(new[] { call }) is { } anchor && GuardStatement.CanInsert(model, anchor))
        {
            context.RegisterCodeFix(
                CodeAction.Create("Evaluate the conversation guard first", SequentialFixAll.Single(context.Document, anchor, InsertGuardKey, ApplyAsync), InsertGuardKey),
                diagnostic);
        }

        if (GuardObligation.FindMember(call) is { } member)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Require callers to evaluate the guard", SequentialFixAll.Single(context.Document, member, RequireGuardKey, ApplyAsync), RequireGuardKey),
                diagnostic);
        }
    }

    private static SyntaxNode? FindCall(SyntaxNode root, Diagnostic diagnostic) =>
        SequentialFixAll.FindNode<ExpressionSyntax>(root, diagnostic) is { } expression
            ? expression.AncestorsAndSelf().FirstOrDefault(n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax && n.Span == diagnostic.Location.SourceSpan) ?? expression
            : null;

    private static IEnumerable<SyntaxNode> SelectTargets(SyntaxNode root, ImmutableArray<Diagnostic> diagnostics, string key)
    {
        var calls = diagnostics.Select(d => FindCall(root, d)).OfType<SyntaxNode>().ToList();
        if (key == RequireGuardKey)
        {
            return calls.Select(GuardObligation.FindMember).OfType<SyntaxNode>();
        }

        // One guard per function, before the first statement that leads to any of its calls.
        return calls.GroupBy(FunctionExit.FindFunction)
            .Select(group => GuardStatement.FindAnchor(group.ToList()))
            .OfType<SyntaxNode>();
    }

    private static async Task<Document> ApplyAsync(Document document, SyntaxNode node, string key, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var newRoot = key == RequireGuardKey
            ? GuardObligation.Add(root, model, node)
            : node is StatementSyntax anchor ? GuardStatement.Insert(root, model, anchor) : null;
        return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
    }
}
