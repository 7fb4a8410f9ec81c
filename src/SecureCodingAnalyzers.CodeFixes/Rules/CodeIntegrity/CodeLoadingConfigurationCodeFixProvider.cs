using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.CodeIntegrity;

namespace SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity;

/// <summary>
/// SCR4030: a runtime switch that is on gets the value that turns it off (<c>enabled="false"</c>, or <c>value="0"</c>),
/// keeping the element so the decision stays visible in the file; removing it would not do for
/// <c>bypassTrustedAppStrongNames</c>, which is on by default. An <c>http://</c> codeBase becomes <c>https://</c>; the
/// server must answer on https (the page says to check it).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CodeLoadingConfigurationCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class CodeLoadingConfigurationCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the fix that switches a runtime setting off.</summary>
    public const string SwitchOffKey = "SCR4030.SwitchOff";

    /// <summary>Equivalence key of the https fix for a codeBase.</summary>
    public const string HttpsKey = "SCR4030.UseHttps";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SecureCodingAnalyzers.Catalog.Rules.InsecureCodeLoadingConfiguration.Id);

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (span.IsEmpty || span.End > text.Length
            || !diagnostic.Properties.TryGetValue(CodeLoadingConfigurationAnalyzer.ProblemProperty, out var problem))
        {
            yield break;
        }

        var value = text.ToString(span);
        if (problem == CodeLoadingConfigurationAnalyzer.SwitchProblem
            && diagnostic.Properties.TryGetValue(CodeLoadingConfigurationAnalyzer.ReplacementProperty, out var replacement)
            && replacement is "false" or "0"
            && CodeLoadingConfigurationAnalyzer.SwitchesOn(value, enabledAttribute: replacement == "false"))
        {
            yield return new BuildFileFix($"Set to {replacement}", SwitchOffKey, Replace(span, replacement));
        }
        else if (problem == CodeLoadingConfigurationAnalyzer.CodeBaseProblem)
        {
            var start = value.Length - value.TrimStart().Length;
            if (value.Length - start >= "http://".Length
                && string.Compare(value, start, "http://", 0, "http://".Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                yield return new BuildFileFix("Use https", HttpsKey, Replace(new TextSpan(span.Start + start, "http://".Length), "https://"));
            }
        }
    }
}
