using System;
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
/// SCR5020: set <c>signatureValidationMode</c> to <c>require</c> (replacing the existing value, or adding the key to
/// <c>&lt;config&gt;</c>, creating that section when needed). Offered only when the same nuget.config lists trusted
/// signers: require mode without them makes every restore fail (NU3034). The other signature rules have no safe
/// rewrite (which certificate to trust, or which package to sign, is a decision, not an edit).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PackageSignatureCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class PackageSignatureCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the require-mode fix.</summary>
    public const string RequireKey = "SCR5020.Require";

    private const string Title = "Require signed packages (signatureValidationMode = require)";
    private const string AddLine = "<add key=\"signatureValidationMode\" value=\"require\" />";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.SignatureValidationNotRequired.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.End > text.Length
            || !diagnostic.Properties.TryGetValue(PackageSignatureAnalyzer.HasTrustedSignersProperty, out var signers)
            || signers != "true"
            || !diagnostic.Properties.TryGetValue(PackageSignatureAnalyzer.ModeProperty, out var mode))
        {
            yield break;
        }

        if (mode == "Value")
        {
            if (!string.Equals(text.ToString(span).Trim(), "require", StringComparison.OrdinalIgnoreCase))
            {
                yield return new BuildFileFix(Title, RequireKey, Replace(span, "require"));
            }
        }
        else if (mode == "Missing" && Insertion(text) is { } change)
        {
            yield return new BuildFileFix(Title, RequireKey, ImmutableArray.Create(change));
        }
    }

    /// <summary>Adds the key to the existing &lt;config&gt; (after any &lt;clear/&gt;) or adds a &lt;config&gt; section.</summary>
    private static TextChange? Insertion(SourceText text)
    {
        if (BuildXml.Parse(text).Root is not { } root)
        {
            return null;
        }

        var newLine = BuildFileEdits.NewLine(text);
        if (root.Child("config") is { } config)
        {
            if (config.Children.Count == 0)
            {
                return null;
            }

            BuildXmlElement? lastClear = null;
            foreach (var child in config.Children)
            {
                if (child.Is("clear"))
                {
                    lastClear = child;
                }
            }

            if (lastClear is not null)
            {
                // After the clear, or it would remove the key again.
                var tagStart = lastClear.NameSpan.Start - 1;
                if (BuildFileEdits.EndOfTag(text, lastClear.NameSpan.End) is not { } end
                    || text[end - 2] != '/'
                    || BuildFileEdits.IndentBefore(text, tagStart) is not { } clearIndent)
                {
                    return null;
                }

                return new TextChange(new TextSpan(end, 0), newLine + clearIndent + AddLine);
            }

            var first = config.Children[0];
            var firstStart = first.NameSpan.Start - 1;
            return BuildFileEdits.IndentBefore(text, firstStart) is { } indent
                ? new TextChange(new TextSpan(firstStart - indent.Length, 0), indent + AddLine + newLine)
                : null;
        }

        if (root.Children.Count == 0)
        {
            return null;
        }

        var section = root.Children[0];
        var sectionStart = section.NameSpan.Start - 1;
        if (BuildFileEdits.IndentBefore(text, sectionStart) is not { } sectionIndent)
        {
            return null;
        }

        var unit = sectionIndent.Length > 0 ? sectionIndent : "  ";
        return new TextChange(
            new TextSpan(sectionStart - sectionIndent.Length, 0),
            sectionIndent + "<config>" + newLine + sectionIndent + unit + AddLine + newLine + sectionIndent + "</config>" + newLine);
    }
}
