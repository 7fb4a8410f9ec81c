using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Microsoft.CodeAnalysis.Testing cannot verify fixes on additional documents, so build-file fixes are tested here on
/// an AdhocWorkspace: the build files become additional documents with their kind in an .editorconfig, the analyzer
/// runs on the project's compilation, and the fixer is driven through <see cref="CodeFixContext"/> with a
/// <see cref="TextDocument"/> exactly as the IDE does (and through its Fix All provider).
/// </summary>
public static class BuildFileFixHarness<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Applies the fix with <paramref name="equivalenceKey"/> to the first diagnostic and returns every file's text.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ApplyAsync(BuildFileInput[] files, string equivalenceKey, string? properties = null)
    {
        var (project, diagnostics) = await AnalyzeAsync(files, properties);
        Assert.NotEmpty(diagnostics);
        var diagnostic = diagnostics[0];
        var action = (await ActionsAsync(project, diagnostic)).SingleOrDefault(a => a.EquivalenceKey == equivalenceKey);
        Assert.True(action is not null, $"No fix with key {equivalenceKey} was offered for {diagnostic}");
        return await TextsAfterAsync(project, action!);
    }

    /// <summary>Applies Fix All (project scope) for <paramref name="equivalenceKey"/> and returns every file's text.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FixAllAsync(BuildFileInput[] files, string equivalenceKey, string? properties = null)
    {
        var (project, diagnostics) = await AnalyzeAsync(files, properties);
        var fixer = new TCodeFix();
        var context = new FixAllContext(
            project,
            fixer,
            FixAllScope.Project,
            equivalenceKey,
            fixer.FixableDiagnosticIds,
            new FixedDiagnostics(diagnostics),
            CancellationToken.None);
        var action = await fixer.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(action);
        return await TextsAfterAsync(project, action!);
    }

    /// <summary>The titles of the fixes offered for each diagnostic.</summary>
    public static async Task<IReadOnlyList<string>> OfferedAsync(BuildFileInput[] files, string? properties = null)
    {
        var (project, diagnostics) = await AnalyzeAsync(files, properties);
        var titles = new List<string>();
        foreach (var diagnostic in diagnostics)
        {
            titles.AddRange((await ActionsAsync(project, diagnostic)).Select(a => a.Title));
        }

        return titles;
    }

    private static Task<(Project Project, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(BuildFileInput[] files, string? properties)
        => BuildFileWorkspace.AnalyzeAsync(files, properties, ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()));

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(Project project, Diagnostic diagnostic)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var document = project.AdditionalDocuments.Single(d => d.FilePath == path);
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await new TCodeFix().RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<IReadOnlyDictionary<string, string>> TextsAfterAsync(Project project, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in solution.GetProject(project.Id)!.AdditionalDocuments)
        {
            texts[document.FilePath!] = (await document.GetTextAsync()).ToString();
        }

        return texts;
    }

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
