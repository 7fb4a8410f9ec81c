using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// Base of the fixes on build files (project, props, nuget.config), which Roslyn hands to fixers as additional
/// documents (<see cref="CodeFixContext.TextDocument"/>). A fix is a set of text changes computed from the file's
/// text and the diagnostic; the base class registers it and provides Fix All, which merges the changes of every
/// diagnostic in each file (changes that overlap an earlier one are dropped, never half-applied).
/// A base class is used here, unlike for analyzers, because registration and Fix All must work identically for every
/// build-file fixer, and Roslyn's built-in Fix All providers do not handle additional documents.
/// Derived classes must be exported with <c>DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }</c>.
/// </summary>
public abstract class BuildFileCodeFixProvider : CodeFixProvider
{
    /// <summary>A fix: title, equivalence key and the changes to the file's text.</summary>
    protected readonly struct BuildFileFix
    {
        /// <summary>Creates a fix.</summary>
        public BuildFileFix(string title, string equivalenceKey, ImmutableArray<TextChange> changes)
        {
            Title = title;
            EquivalenceKey = equivalenceKey;
            Changes = changes;
        }

        /// <summary>The title shown in the light bulb.</summary>
        public string Title { get; }

        /// <summary>Stable key for Fix All.</summary>
        public string EquivalenceKey { get; }

        /// <summary>The text changes.</summary>
        public ImmutableArray<TextChange> Changes { get; }
    }

    /// <summary>
    /// The fixes offered for one diagnostic, computed from the current text of the file they edit: the diagnostic's
    /// own file, or the one <see cref="TargetPath"/> names.
    /// </summary>
    protected abstract IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic);

    /// <summary>
    /// The path of the additional document the fixes of <paramref name="diagnostic"/> edit, or null (the default) for
    /// the diagnostic's own document. Lets a finding reported in one build file be fixed in another of the same
    /// project, e.g. a project-level finding fixed once in the shared Directory.Build.props. No fix is offered when
    /// the project has no additional document with that path.
    /// </summary>
    protected virtual string? TargetPath(Diagnostic diagnostic) => null;

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => new MergingFixAllProvider(this);

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (TargetDocument(context.TextDocument, diagnostic) is not { } document)
            {
                continue;
            }

            var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var fix in GetFixes(text, diagnostic))
            {
                if (fix.Changes.IsDefaultOrEmpty)
                {
                    continue;
                }

                var changed = text.WithChanges(fix.Changes);
                if (changed.ContentEquals(text))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, _ => Task.FromResult(WithText(document, changed)), fix.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>A replacement of <paramref name="span"/> by <paramref name="newText"/>.</summary>
    protected static ImmutableArray<TextChange> Replace(TextSpan span, string newText) => ImmutableArray.Create(new TextChange(span, newText));

    private TextDocument? TargetDocument(TextDocument document, Diagnostic diagnostic)
        => TargetPath(diagnostic) is not { } path
            ? document
            : document.Project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath, path, StringComparison.Ordinal));

    private static Solution WithText(TextDocument document, SourceText text)
        => document.Project.Solution.WithAdditionalDocumentText(document.Id, text, PreservationMode.PreserveIdentity);

    private sealed class MergingFixAllProvider : FixAllProvider
    {
        private readonly BuildFileCodeFixProvider _provider;

        public MergingFixAllProvider(BuildFileCodeFixProvider provider) => _provider = provider;

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            => Task.FromResult<CodeAction?>(CodeAction.Create(
                "Fix all in build files",
                ct => FixAllAsync(fixAllContext, ct),
                fixAllContext.CodeActionEquivalenceKey));

        private async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var solution = context.Solution;
            var projects = context.Scope == FixAllScope.Solution ? solution.Projects : new[] { context.Project };
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var project in projects)
            {
                var diagnostics = await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                foreach (var group in diagnostics.Where(d => d.Location.Kind == LocationKind.ExternalFile).GroupBy(d => _provider.TargetPath(d) ?? d.Location.GetLineSpan().Path))
                {
                    var document = project.AdditionalDocuments.FirstOrDefault(d => d.FilePath == group.Key);
                    if (document is null || !done.Add(group.Key))
                    {
                        continue;
                    }

                    var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    var changes = new List<TextChange>();
                    foreach (var diagnostic in group.OrderBy(d => d.Location.SourceSpan.Start))
                    {
                        var fix = _provider.GetFixes(text, diagnostic).FirstOrDefault(f => f.EquivalenceKey == context.CodeActionEquivalenceKey);
                        if (fix.Changes.IsDefaultOrEmpty || fix.Changes.Any(c => changes.Any(e => e.Span.OverlapsWith(c.Span) || e.Span.Start == c.Span.Start)))
                        {
                            continue;
                        }

                        changes.AddRange(fix.Changes);
                    }

                    if (changes.Count > 0)
                    {
                        solution = solution.WithAdditionalDocumentText(document.Id, text.WithChanges(changes.OrderBy(c => c.Span.Start)), PreservationMode.PreserveIdentity);
                    }
                }
            }

            return solution;
        }
    }
}
