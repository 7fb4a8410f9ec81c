using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5041 (Info): MSBuild project SDKs referenced with a version, which MSBuild's NuGet-based SDK resolver downloads
/// from the package feed when the project is evaluated, outside restore and its lock file:
/// <c>&lt;Project Sdk="Name/1.2.3"&gt;</c> (each of several <c>;</c>-separated SDKs), <c>&lt;Sdk Name="Name"
/// Version="1.2.3" /&gt;</c> and <c>&lt;Import Project="Sdk.props" Sdk="Name" Version="1.2.3" /&gt;</c>, in the
/// project file and the Directory.*.props files. SDKs without a version, with only a minimum version
/// (<c>Name/min=1.0</c>, <c>MinimumVersion</c>) and the SDKs that ship with the .NET SDK are not reported: the NuGet
/// resolver only acts on a version, and the .NET SDK resolver answers first for its own SDKs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SdkFromFeedAnalyzer : DiagnosticAnalyzer
{
    private static readonly DerivedKey<ImmutableArray<BuildFinding>> s_findings = new("SCR5041 findings");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.SdkResolvedFromFeed);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (!build.IsRestored)
            {
                return;
            }

            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { IsMSBuildFile: true } file)
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

    /// <summary>The versioned SDK references of a file (derived once per content).</summary>
    private static ImmutableArray<BuildFinding> Findings(BuildFile file)
    {
        var findings = ImmutableArray.CreateBuilder<BuildFinding>();
        if (file.Xml.Root is not { } root || !root.Is("Project"))
        {
            return findings.ToImmutable();
        }

        if (root.Attribute("Sdk") is { } sdks)
        {
            AddProjectSdks(findings, file, sdks);
        }

        foreach (var element in file.Xml.Elements)
        {
            var isSdk = element.Is("Sdk") && element.Parent == root;
            var isImport = element.Is("Import");
            if ((!isSdk && !isImport)
                || element.Attribute(isSdk ? "Name" : "Sdk")?.Value.Trim() is not { Length: > 0 } name
                || element.Attribute("Version") is not { } version
                || version.Value.Trim() is not { Length: > 0 } versionText
                || BuildFileRules.IsUnevaluated(name)
                || BuildFileRules.IsUnevaluated(versionText)
                || ShipsWithDotNetSdk(name))
            {
                continue;
            }

            findings.Add(Finding(version.ValueSpan, name, versionText));
        }

        return findings.ToImmutable();
    }

    /// <summary><c>Sdk="A;B/1.2.3"</c>: one finding for each versioned reference, on its own text.</summary>
    private static void AddProjectSdks(ImmutableArray<BuildFinding>.Builder findings, BuildFile file, BuildXmlAttribute attribute)
    {
        var value = attribute.Value;
        var raw = attribute.ValueSpan.End <= file.Text.Length ? file.Text.ToString(attribute.ValueSpan) : string.Empty;
        var offset = 0;
        foreach (var part in value.Split(';'))
        {
            var slash = part.IndexOf('/');
            if (slash > 0)
            {
                var name = part.Substring(0, slash).Trim();
                var version = part.Substring(slash + 1).Trim();
                if (name.Length > 0
                    && version.Length > 0
                    && !version.StartsWith("min=", StringComparison.OrdinalIgnoreCase)
                    && !BuildFileRules.IsUnevaluated(part)
                    && !ShipsWithDotNetSdk(name))
                {
                    // Point at the reference itself when the raw text is the value (no entities); else at the value.
                    var leading = part.Length - part.TrimStart().Length;
                    var span = raw == value
                        ? new TextSpan(attribute.ValueSpan.Start + offset + leading, part.Trim().Length)
                        : attribute.ValueSpan;
                    findings.Add(Finding(span, name, version));
                }
            }

            offset += part.Length + 1;
        }
    }

    /// <summary>The SDKs the .NET SDK installs (its Sdks folder and workload SDKs): its resolver answers before NuGet's.</summary>
    private static bool ShipsWithDotNetSdk(string name)
        => string.Equals(name, "Microsoft.NET.Sdk", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.NET.Sdk.", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.SourceLink.", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Microsoft.Build.Tasks.Git", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Microsoft.Docker.Sdk", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "FSharp.NET.Sdk", StringComparison.OrdinalIgnoreCase);

    private static BuildFinding Finding(TextSpan span, string name, string version)
        => new(Catalog.Rules.SdkResolvedFromFeed, span, null, name, version);
}
