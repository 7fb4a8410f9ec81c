using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SecureCodingAnalyzers.Tool.Workspace;

/// <summary>
/// Drives build-file code fixes the way the IDE does: a <see cref="CodeFixContext"/> on the diagnostic's additional
/// document for the light bulb, and the fixer's own Fix All provider (project scope) for one equivalence key.
/// Shared by the secure-coding tool and the tests' fix harness.
/// </summary>
public static class BuildFileCodeActions
{
    /// <summary>The code actions <paramref name="fixer"/> offers for <paramref name="diagnostic"/>, in its order.</summary>
    public static async Task<ImmutableArray<CodeAction>> OfferedAsync(Project project, CodeFixProvider fixer, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var document = project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == path);
        if (document is null)
        {
            return ImmutableArray<CodeAction>.Empty;
        }

        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.ToImmutable();
    }

    /// <summary>
    /// Applies <paramref name="fixer"/>'s Fix All provider for <paramref name="equivalenceKey"/> to
    /// <paramref name="diagnostics"/> in <paramref name="project"/>; null when the fixer has no Fix All or offers nothing.
    /// </summary>
    public static async Task<Solution?> FixAllAsync(Project project, CodeFixProvider fixer, string equivalenceKey, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (fixer.GetFixAllProvider() is not { } provider)
        {
            return null;
        }

        var context = new FixAllContext(
            project,
            fixer,
            FixAllScope.Project,
            equivalenceKey,
            fixer.FixableDiagnosticIds,
            new FixedDiagnostics(diagnostics.ToImmutableArray()),
            cancellationToken);
        var action = await provider.GetFixAsync(context).ConfigureAwait(false);
        return action is null ? null : await ChangedSolutionAsync(action, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The solution a code action produces (its single <see cref="ApplyChangesOperation"/>), or null.</summary>
    public static async Task<Solution?> ChangedSolutionAsync(CodeAction action, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        return operations.OfType<ApplyChangesOperation>().SingleOrDefault()?.ChangedSolution;
    }

    /// <summary>Hands Fix All exactly the diagnostics it should fix (the IDE would compute them; here they are known).</summary>
    private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
