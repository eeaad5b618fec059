using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SidecarGuard.Analyzers.CodeFixes.Internals;

/// <summary>
/// Fix-all that applies one fix after another on the updated document, so each sees the names and statements
/// the previous ones added (two verdicts in one scope get distinct names; one guard serves several calls).
/// </summary>
internal static class SequentialFixAll
{
    /// <summary>Edits one document at the node a target annotation marks; returns the document unchanged to skip it.</summary>
    public delegate Task<Document> NodeFix(Document document, SyntaxNode node, string equivalenceKey, CancellationToken cancellationToken);

    /// <summary>Picks the nodes to fix in a document; several diagnostics may share one node.</summary>
    public delegate IEnumerable<SyntaxNode> TargetSelector(SyntaxNode root, ImmutableArray<Diagnostic> diagnostics, string equivalenceKey);

    public static FixAllProvider Create(TargetSelector selectTargets, NodeFix fix) =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var key = context.CodeActionEquivalenceKey ?? string.Empty;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var annotations = new List<SyntaxAnnotation>();
            var targets = selectTargets(root, diagnostics, key).Distinct().ToList();
            root = root.ReplaceNodes(targets, (original, _) =>
            {
                var annotation = new SyntaxAnnotation("SidecarGuardFixTarget");
                annotations.Add(annotation);
                return original.WithAdditionalAnnotations(annotation);
            });
            document = document.WithSyntaxRoot(root);

            foreach (var annotation in annotations)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var current = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var node = current?.GetAnnotatedNodes(annotation).FirstOrDefault();
                if (node is not null)
                {
                    document = await fix(document, node, key, context.CancellationToken).ConfigureAwait(false);
                }
            }

            return document;
        });

    /// <summary>The smallest node of type <typeparamref name="T"/> that covers a diagnostic.</summary>
    public static T? FindNode<T>(SyntaxNode root, Diagnostic diagnostic)
        where T : SyntaxNode
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.AncestorsAndSelf().OfType<T>().FirstOrDefault(n => n.Span.Contains(diagnostic.Location.SourceSpan));
    }

    /// <summary>Wraps a single-diagnostic fix as the code action's change.</summary>
    public static Func<CancellationToken, Task<Document>> Single(Document document, SyntaxNode node, string key, NodeFix fix) =>
        cancellationToken => fix(document, node, key, cancellationToken);
}
