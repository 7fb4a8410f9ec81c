using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// SCR5007: <c>CentralPackageFloatingVersionsEnabled</c> evaluates to true in a project that manages package versions
/// centrally (<c>ManagePackageVersionsCentrally</c> true). The evaluated properties decide whether to report; the XML
/// only says where: every <c>&lt;CentralPackageFloatingVersionsEnabled&gt;true&lt;/...&gt;</c> property element in the
/// project file, Directory.Build.props or Directory.Packages.props (or, when none sets it literally, the elements
/// that set it from another property). Nothing is reported when the value comes from elsewhere (command line,
/// environment, another import): there is no line to point at.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CentralFloatingVersionsAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property the rule is about.</summary>
    public const string PropertyName = "CentralPackageFloatingVersionsEnabled";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.CentralFloatingVersionsEnabled);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (!build.IsRestored || !build.IsTrue(PropertyName) || !build.IsTrue("ManagePackageVersionsCentrally"))
            {
                return;
            }

            var setters = new Lazy<ImmutableArray<(BuildFile File, BuildXmlElement Element)>>(() => Setters(build), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { IsMSBuildFile: true } file)
                {
                    return;
                }

                foreach (var (setterFile, element) in setters.Value)
                {
                    if (ReferenceEquals(setterFile, file))
                    {
                        var span = BuildXmlText.ElementSpan(file.Text, element.NameSpan) ?? element.NameSpan;
                        c.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.CentralFloatingVersionsEnabled, file.LocationOf(span)));
                    }
                }
            });
        });
    }

    /// <summary>The elements that set the property to true literally or, when there are none, from an expression.</summary>
    private static ImmutableArray<(BuildFile File, BuildXmlElement Element)> Setters(BuildConfiguration build)
    {
        var literal = ImmutableArray.CreateBuilder<(BuildFile, BuildXmlElement)>();
        var computed = ImmutableArray.CreateBuilder<(BuildFile, BuildXmlElement)>();
        foreach (var file in build.Files)
        {
            if (!file.IsMSBuildFile || file.Xml.Root is null)
            {
                continue;
            }

            foreach (var element in file.Xml.Elements)
            {
                if (!element.Is(PropertyName) || element.Parent?.Is("PropertyGroup") != true || element.Text is not { } value)
                {
                    continue;
                }

                if (string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
                {
                    literal.Add((file, element));
                }
                else if (BuildFileRules.IsUnevaluated(value))
                {
                    computed.Add((file, element));
                }
            }
        }

        return literal.Count > 0 ? literal.ToImmutable() : computed.ToImmutable();
    }
}
