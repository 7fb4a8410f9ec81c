using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Dependencies;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;

/// <summary>
/// SCR5001: replace a floating version by the version restore resolved (from the lock or assets file), as a minimum
/// version <c>1.2.3</c> or as an exact version <c>[1.2.3]</c>. Not offered when the resolved version is unknown.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FloatingPackageVersionCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class FloatingPackageVersionCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the minimum-version fix.</summary>
    public const string MinimumKey = "SCR5001.PinMinimum";

    /// <summary>Equivalence key of the exact-version fix.</summary>
    public const string ExactKey = "SCR5001.PinExact";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.FloatingPackageVersion.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(FloatingPackageVersionAnalyzer.ResolvedVersionProperty, out var version) || string.IsNullOrEmpty(version))
        {
            yield break;
        }

        var span = diagnostic.Location.SourceSpan;
        if (span.End > text.Length || text.ToString(span).IndexOf('*') < 0)
        {
            yield break;
        }

        yield return new BuildFileFix($"Pin to the resolved version {version}", MinimumKey, Replace(span, version!));
        yield return new BuildFileFix($"Pin to exactly [{version}]", ExactKey, Replace(span, "[" + version + "]"));
    }
}
