using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Dependencies;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;

/// <summary>
/// SCR5002: replace a version range by the version restore resolved for it (from the lock or assets file), as an
/// exact version <c>[1.2.3]</c>. Not offered when the resolved version is unknown or outside the range (a stale lock
/// or assets file), or when the text no longer holds a range.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnpinnedVersionRangeCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class UnpinnedVersionRangeCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the exact-version fix.</summary>
    public const string ExactKey = "SCR5002.PinExact";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.UnpinnedVersionRange.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UnpinnedVersionRangeAnalyzer.ResolvedVersionProperty, out var version) || string.IsNullOrEmpty(version))
        {
            yield break;
        }

        var span = diagnostic.Location.SourceSpan;
        if (span.End > text.Length
            || NuGetVersionRange.Parse(text.ToString(span)) is not { IsBracketed: true, IsExact: false } range
            || NuGetVersion.Parse(version) is not { } resolved
            || !range.Contains(resolved))
        {
            yield break;
        }

        yield return new BuildFileFix($"Pin to exactly [{version}], the version restore resolved", ExactKey, Replace(span, "[" + version + "]"));
    }
}
