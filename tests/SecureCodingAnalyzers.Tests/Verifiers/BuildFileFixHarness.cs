using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.Tool.Workspace;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Microsoft.CodeAnalysis.Testing cannot verify fixes on additional documents, so build-file fixes are tested here on
/// an AdhocWorkspace: the build files become additional documents with their kind in the generated config, the
/// analyzer runs on the project's compilation, and the fixer is driven through <see cref="CodeFixContext"/> with a
/// <see cref="TextDocument"/> exactly as the IDE does (and through its Fix All provider). The drivers are the
/// secure-coding tool's (<see cref="BuildFileCodeActions"/>), so what is tested here is what the tool applies.
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
        return await TextsAsync(project, await BuildFileCodeActions.ChangedSolutionAsync(action!, CancellationToken.None));
    }

    /// <summary>Applies Fix All (project scope) for <paramref name="equivalenceKey"/> and returns every file's text.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FixAllAsync(BuildFileInput[] files, string equivalenceKey, string? properties = null)
    {
        var (project, diagnostics) = await AnalyzeAsync(files, properties);
        var solution = await BuildFileCodeActions.FixAllAsync(project, new TCodeFix(), equivalenceKey, diagnostics, CancellationToken.None);
        Assert.NotNull(solution);
        return await TextsAsync(project, solution);
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
        Assert.Contains(project.AdditionalDocuments, d => d.FilePath == path);
        return await BuildFileCodeActions.OfferedAsync(project, new TCodeFix(), diagnostic, CancellationToken.None);
    }

    private static async Task<IReadOnlyDictionary<string, string>> TextsAsync(Project project, Solution? solution)
    {
        Assert.NotNull(solution);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in solution!.GetProject(project.Id)!.AdditionalDocuments)
        {
            texts[document.FilePath!] = (await document.GetTextAsync()).ToString();
        }

        return texts;
    }
}
