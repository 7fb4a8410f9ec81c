using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5010: package sources in nuget.config over plain <c>http://</c> (loopback excepted) and sources with
/// <c>allowInsecureConnections="true"</c> (sources before the first <c>&lt;clear/&gt;</c>, which NuGet drops, aside).
/// Reported on the URL or the attribute value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecurePackageSourceAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: what the fix changes (<c>Scheme</c> or <c>AllowInsecureConnections</c>).</summary>
    public const string ProblemProperty = "Problem";

    private static readonly DerivedKey<ImmutableArray<BuildFinding>> s_findings = new("SCR5010 findings");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.InsecurePackageSource);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (!build.IsRestored || !build.ReportsSharedFiles)
            {
                return;
            }

            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { Kind: BuildFileKind.NuGetConfig } file)
                {
                    return;
                }

                foreach (var finding in file.Derived(s_findings, Findings))
                {
                    c.ReportDiagnostic(finding.ToDiagnostic(file));
                }
            });
        });
    }

    /// <summary>The insecure sources of a nuget.config (derived once per content).</summary>
    private static ImmutableArray<BuildFinding> Findings(BuildFile file)
    {
        var findings = ImmutableArray.CreateBuilder<BuildFinding>();
        if (file.Xml.Root?.Child("packageSources") is not { } sources)
        {
            return findings.ToImmutable();
        }

        // NuGet drops the items before a section's first <clear/>: they are never used.
        var children = sources.Children;
        var first = 0;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].Is("clear"))
            {
                first = i + 1;
                break;
            }
        }

        for (var i = first; i < children.Count; i++)
        {
            var add = children[i];
            if (!add.Is("add") || add.Attribute("value") is not { } value)
            {
                continue;
            }

            var key = add.Attribute("key")?.Value ?? value.Value;
            if (BuildFileRules.IsCleartextRemote(value.Value))
            {
                findings.Add(Finding(value.ValueSpan, key, "is fetched over plain http", "Scheme"));
            }

            if (add.Attribute("allowInsecureConnections") is { } allow
                && string.Equals(allow.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(Finding(allow.ValueSpan, key, "allows insecure connections (allowInsecureConnections)", "AllowInsecureConnections"));
            }
        }

        return findings.ToImmutable();
    }

    private static BuildFinding Finding(Microsoft.CodeAnalysis.Text.TextSpan span, string key, string problem, string kind)
        => new(
            Catalog.Rules.InsecurePackageSource,
            span,
            ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, kind),
            key,
            problem);
}
