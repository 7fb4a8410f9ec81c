using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SecureCodingAnalyzers.CodeFixes.Infrastructure;

/// <summary>
/// The base class of every fixer in this package. A fixer only plans: <see cref="PlanFix"/> returns, for one
/// diagnostic, the <see cref="SafeCodeFix"/> it offers (title, equivalence key, <see cref="NodeEdit"/>s of the original
/// tree) or null. This class does the rest, the same way for every fixer:
/// <list type="bullet">
/// <item>the light bulb: each planned fix goes through <see cref="SafeFix.RegisterAsync"/>, which adds imports,
/// simplifies, formats and refuses a fix that would add a compiler error;</item>
/// <item>Fix All: per document, the planned fixes that share the invoked equivalence key are applied together in ONE
/// syntax pass (<see cref="NodeEdit.Apply"/>), then cleaned up and checked once, like a single fix.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// Why a base class (the analyzers deliberately have none): a fixer's registration and Fix All are not rule logic but
/// the package's safety mechanism, and they must agree. <see cref="WellKnownFixAllProviders.BatchFixer"/>, which every
/// fixer used before, merges the text changes of independently computed single fixes; when each of them adds the same
/// <c>using</c> directive (<see cref="SafeFix.QualifiedType"/>) next to existing ones, the merger sees conflicting
/// edits, drops fixes and leaves diagnostics behind; and it never checks the merged result, so fixes that compile
/// alone but not together broke the build. With one registration path and one Fix All path, sealed here, a
/// fixer cannot bypass the compile check or fall back to a merging Fix All, and a fix is written once as data that
/// both paths apply.
/// </para>
/// <para>
/// Fix All and the compile check: the combined result of a document is checked as a whole, once. Only if it would add
/// an error are the fixes added one at a time in document order, each kept only if the result so far still compiles
/// as well as the original (much like applying the light-bulb fixes one after another), at the cost of one check
/// per fix (BatchFixer's cost in every case). A consequence of checking the whole first: fixes that only compile
/// together (<c>var h = MD5.Create(); h = MD5.Create();</c>) are applied by Fix All although the light bulb offers
/// neither alone.
/// </para>
/// </remarks>
public abstract class SafeCodeFixProvider : CodeFixProvider
{
    private readonly FixAllProvider _fixAll;

    /// <summary>A fixer for the diagnostics of <paramref name="fixableRules"/>.</summary>
    protected SafeCodeFixProvider(params DiagnosticDescriptor[] fixableRules)
    {
        FixableDiagnosticIds = fixableRules.Select(rule => rule.Id).ToImmutableArray();
        _fixAll = FixAllProvider.Create(FixDocumentAsync);
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => _fixAll;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (await FixPlanContext.CreateAsync(context.Document, context.CancellationToken).ConfigureAwait(false) is not { } plan)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(plan, diagnostic) is { } fix)
            {
                await SafeFix.RegisterAsync(context, diagnostic, fix.Title, fix.EquivalenceKey, NodeEdit.Apply(plan.Root, fix.Edits)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The fix offered for <paramref name="diagnostic"/>, planned against <see cref="FixPlanContext.Root"/>, or null when
    /// none applies. Check every precondition here; whether the result compiles is checked by the caller. Called once
    /// per diagnostic, possibly for many diagnostics of one document (Fix All), so keep it to the diagnostic's nodes.
    /// </summary>
    protected abstract SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic);

    private SafeCodeFix? Plan(FixPlanContext context, Diagnostic diagnostic)
        => diagnostic.Location.IsInSource
           && context.Root.FullSpan.Contains(diagnostic.Location.SourceSpan)
           && PlanFix(context, diagnostic) is { Edits.IsEmpty: false } fix
            ? fix
            : null;

    private async Task<Document?> FixDocumentAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var cancellationToken = fixAllContext.CancellationToken;
        if (diagnostics.IsEmpty
            || await FixPlanContext.CreateAsync(document, cancellationToken).ConfigureAwait(false) is not { } plan)
        {
            return null;
        }

        var fixes = new List<SafeCodeFix>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Location.SourceSpan.End))
        {
            if (Plan(plan, diagnostic) is { } fix && fix.EquivalenceKey == fixAllContext.CodeActionEquivalenceKey)
            {
                fixes.Add(fix);
            }
        }

        if (fixes.Count == 0)
        {
            return null;
        }

        var fixedDocument = await ApplyAsync(plan, fixes).ConfigureAwait(false);
        if (fixedDocument is not null || fixes.Count == 1)
        {
            return fixedDocument;
        }

        // Together they add an error: add the fixes one at a time in document order, keeping each one only if the
        // result so far still compiles, much like applying the light-bulb fixes one after another.
        var kept = new List<SafeCodeFix>();
        foreach (var fix in fixes)
        {
            kept.Add(fix);
            if (await ApplyAsync(plan, kept).ConfigureAwait(false) is { } withFix)
            {
                fixedDocument = withFix;
            }
            else
            {
                kept.RemoveAt(kept.Count - 1);
            }
        }

        return fixedDocument;
    }

    private static Task<Document?> ApplyAsync(FixPlanContext plan, IEnumerable<SafeCodeFix> fixes)
        => SafeFix.TryApplyAsync(plan.Document, NodeEdit.Apply(plan.Root, fixes.SelectMany(f => f.Edits)), plan.CancellationToken);
}
