using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Dependencies;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;

/// <summary>
/// SCR5011: inserts <c>&lt;clear /&gt;</c> as the first child of <c>packageSources</c>, indented like the entry it
/// precedes. Offered only when the analyzer found that every source of the last restore is defined in this file, so
/// clearing cannot take away a source the build needs (typically the public registry inherited from the user config).
/// SCR5012, SCR5013 and SCR5014 have no fix: a mapping needs a decision per package, and a rename is not a text edit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PackageSourceConfigurationCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class PackageSourceConfigurationCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the insertion of &lt;clear /&gt;.</summary>
    public const string InsertClearKey = "SCR5011.InsertClear";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.PackageSourcesNotCleared.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(PackageSourceConfigurationAnalyzer.ClearIsSafeProperty, out var safe) || safe != "true")
        {
            yield break;
        }

        var span = diagnostic.Location.SourceSpan;
        var sources = BuildXml.Parse(text).Elements.FirstOrDefault(e => e.NameSpan == span && e.Is("packageSources"));
        if (sources is null || sources.Children.Count == 0 || sources.Children.Any(c => c.Is("clear")))
        {
            yield break;
        }

        var first = sources.Children[0];
        var tagStart = first.NameSpan.Start - 1;
        if (tagStart < 0 || text[tagStart] != '<')
        {
            yield break;
        }

        var line = text.Lines.GetLineFromPosition(tagStart);
        var indentation = text.ToString(TextSpan.FromBounds(line.Start, tagStart));
        var insertion = "<clear />";
        if (indentation.Trim().Length == 0 && line.LineNumber > 0)
        {
            // The entry starts its own line: the clear gets a line of its own with the same indentation.
            var previous = text.Lines[line.LineNumber - 1];
            var lineBreak = text.ToString(TextSpan.FromBounds(previous.End, previous.EndIncludingLineBreak));
            insertion += (lineBreak.Length > 0 ? lineBreak : "\n") + indentation;
        }

        yield return new BuildFileFix("Insert <clear /> into packageSources", InsertClearKey, Replace(new TextSpan(tagStart, 0), insertion));
    }
}
