using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SidecarGuard.Analyzers.CodeFixes.Internals;

/// <summary>Keeps added lines in the line-ending style the file already uses.</summary>
internal static class LineEndings
{
    public static SyntaxTrivia Of(SyntaxNode node)
    {
        var existing = node.DescendantTrivia(descendIntoTrivia: false).FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (existing.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            return existing;
        }

        var fromFile = node.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return fromFile.IsKind(SyntaxKind.EndOfLineTrivia) ? fromFile : SyntaxFactory.EndOfLine("\n");
    }
}
