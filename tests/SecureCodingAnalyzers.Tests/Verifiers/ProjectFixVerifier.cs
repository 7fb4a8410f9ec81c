using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// A project after a fix that edits several documents or adds some: <see cref="Sources"/> are the fixed versions of
/// the test's sources, in order (named like them, <c>/0/Test0.cs</c>, ...); <see cref="Added"/> the documents the fix
/// adds, by the name it gives them, in the order they are added.
/// </summary>
public sealed class FixedProject
{
    /// <summary>A fixed project.</summary>
    public FixedProject(string[] sources, params (string Name, string Content)[] added)
    {
        Sources = sources;
        Added = added;
    }

    /// <summary>The fixed versions of the test's sources.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>The documents the fix adds.</summary>
    public IReadOnlyList<(string Name, string Content)> Added { get; }
}

/// <summary>
/// The counterpart of <see cref="CSharpVerifier{TAnalyzer, TCodeFix}.VerifyCodeFixAsync(string, string, ReferenceAssemblies, CodeFixTestBehaviors, MarkupMode?, string?)"/>
/// for fixes whose result is more than one document (a fix that adds a helper class to the project): the same
/// settings (only compiler errors are checked; single fixes and every Fix All scope are verified), with the fixed
/// state given as a <see cref="FixedProject"/>.
/// </summary>
public static class ProjectFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Verifies that the fix turns <paramref name="sources"/> (markup marks the diagnostics) into
    /// <paramref name="fixedProject"/>, and Fix All into <paramref name="fixAllProject"/> where that differs.
    /// </summary>
    public static Task VerifyCodeFixAsync(
        string[] sources,
        FixedProject fixedProject,
        ReferenceAssemblies references,
        FixedProject? fixAllProject = null,
        CodeFixTestBehaviors behaviors = CodeFixTestBehaviors.None)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = references,
            CompilerDiagnostics = CompilerDiagnostics.Errors,
            CodeFixTestBehaviors = behaviors,
        };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        Fill(test.FixedState, fixedProject);
        if (fixAllProject is not null)
        {
            Fill(test.BatchFixedState, fixAllProject);
        }

        return test.RunAsync(CancellationToken.None);
    }

    private static void Fill(SolutionState state, FixedProject project)
    {
        foreach (var source in project.Sources)
        {
            state.Sources.Add(source);
        }

        foreach (var added in project.Added)
        {
            state.Sources.Add((added.Name, added.Content));
        }
    }
}
