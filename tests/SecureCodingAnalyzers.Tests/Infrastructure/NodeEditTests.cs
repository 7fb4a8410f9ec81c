using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Infrastructure;

/// <summary>The one-pass application of planned edits that single fixes and Fix All share.</summary>
public class NodeEditTests
{
    [Fact]
    public void Apply_NoEdits_ReturnsTheRootItself()
    {
        var root = Parse("class C { void M() { A(); } }");

        Assert.Same(root, NodeEdit.Apply(root, Enumerable.Empty<NodeEdit>()));
    }

    [Fact]
    public void Apply_NestedReplacements_BuildTheOuterOneFromTheRewrittenInnerOne()
    {
        var root = Parse("class C { int M() => Outer(Inner(1), 2); }");
        var outer = Invocation(root, "Outer");
        var inner = Invocation(root, "Inner");

        var edits = new[]
        {
            NodeEdit.Replace(outer, current => current.WithExpression(SyntaxFactory.IdentifierName("Fixed"))),
            NodeEdit.Replace(inner, current => current.WithExpression(SyntaxFactory.IdentifierName("Safe"))),
        };

        Assert.Equal("class C { int M() => Fixed(Safe(1), 2); }", NodeEdit.Apply(root, edits).ToFullString());
    }

    [Fact]
    public void Apply_ABuilderThatIgnoresTheCurrentNode_OverwritesTheEditsInsideIt()
    {
        var root = Parse("class C { int M() => Outer(Inner(1)); }");
        var edits = new[]
        {
            NodeEdit.Replace(Invocation(root, "Outer"), SyntaxFactory.ParseExpression("Fixed(0)")),
            NodeEdit.Replace(Invocation(root, "Inner"), SyntaxFactory.ParseExpression("Safe(1)")),
        };

        Assert.Equal("class C { int M() => Fixed(0); }", NodeEdit.Apply(root, edits).ToFullString());
    }

    [Fact]
    public void Apply_RemovalsAndReplacements_InOnePass()
    {
        var root = Parse("""
            class C
            {
                void M()
                {
                    First();
                    Second();
                    Third();
                }
            }
            """);
        var edits = new[]
        {
            NodeEdit.Remove(Statement(root, "First"), SyntaxRemoveOptions.KeepNoTrivia),
            NodeEdit.Remove(Statement(root, "Second"), SyntaxRemoveOptions.KeepNoTrivia),
            NodeEdit.ReplaceKeepingTrivia(Invocation(root, "Third").Expression, SyntaxFactory.IdentifierName("Fixed")),
        };

        Assert.Equal("""
            class C
            {
                void M()
                {
                    Fixed();
                }
            }
            """, NodeEdit.Apply(root, edits).ToFullString());
    }

    [Fact]
    public void Apply_ARemovalInsideANodeRebuiltFromItsCurrentVersion_IsKept()
    {
        var root = Parse("class C { void M() { Run(() => { Drop(); Keep(); }); } }");
        var edits = new[]
        {
            NodeEdit.Replace(Invocation(root, "Run"), current => current.WithExpression(SyntaxFactory.IdentifierName("Fixed"))),
            NodeEdit.Remove(Statement(root, "Drop"), SyntaxRemoveOptions.KeepNoTrivia),
        };

        Assert.Equal("class C { void M() { Fixed(() => { Keep(); }); } }", NodeEdit.Apply(root, edits).ToFullString());
    }

    [Fact]
    public void Apply_TwoEditsOfOneNode_RunInTheGivenOrder()
    {
        var root = Parse("class C { int M() => Call(1); }");
        var call = Invocation(root, "Call");
        var edits = new[]
        {
            NodeEdit.Replace(call, current => current.WithExpression(SyntaxFactory.IdentifierName(((IdentifierNameSyntax)current.Expression).Identifier.ValueText + "A"))),
            NodeEdit.Replace(call, current => current.WithExpression(SyntaxFactory.IdentifierName(((IdentifierNameSyntax)current.Expression).Identifier.ValueText + "B"))),
        };

        Assert.Equal("class C { int M() => CallAB(1); }", NodeEdit.Apply(root, edits).ToFullString());
    }

    [Fact]
    public void Apply_ReplaceKeepingTrivia_KeepsTheCommentsAroundTheNode()
    {
        var root = Parse("class C { int M() => /* before */ Old /* after */; }");
        var old = root.DescendantNodes().OfType<IdentifierNameSyntax>().Single(n => n.Identifier.ValueText == "Old");

        var fixedRoot = NodeEdit.Apply(root, new[] { NodeEdit.ReplaceKeepingTrivia(old, SyntaxFactory.IdentifierName("New")) });

        Assert.Equal("class C { int M() => /* before */ New /* after */; }", fixedRoot.ToFullString());
    }

    private static SyntaxNode Parse(string text) => CSharpSyntaxTree.ParseText(text).GetRoot();

    private static InvocationExpressionSyntax Invocation(SyntaxNode root, string name)
        => root.DescendantNodes().OfType<InvocationExpressionSyntax>().Single(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: var text } && text == name);

    private static StatementSyntax Statement(SyntaxNode root, string name)
        => Invocation(root, name).FirstAncestorOrSelf<ExpressionStatementSyntax>()!;
}
