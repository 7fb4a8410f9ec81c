using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Options;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// NuGet's own supply-chain checks, weakened.
/// SCR5030: the evaluated <c>NuGetAudit</c> is false, <c>NuGetAuditMode</c> is direct, or <c>NuGetAuditLevel</c> is
/// moderate, high or critical. Reported on every property element of the project file, Directory.Build.props or
/// Directory.Packages.props that sets the evaluated value; on the project's root element when none does (command
/// line, another import, or for <c>direct</c> the SDK default before .NET 10, reported only when the project has
/// packages).
/// SCR5031: the evaluated <c>NoWarn</c>, or <c>WarningsNotAsErrors</c> while <c>TreatWarningsAsErrors</c> is true
/// (read from the comma-separated copies <c>SecureCodingNoWarn</c> / <c>SecureCodingWarningsNotAsErrors</c>),
/// contains a supply-chain NuGet code (NU1004, NU1403, NU1302, NU1803, NU1507, NU1603-NU1608, NU1901-NU1904,
/// NU3xxx). Reported on the code inside each property element that lists it, else once per code on the project's
/// root element.
/// Evaluated properties decide; the XML only says where to report and what the fix edits.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NuGetAuditAnalyzer : DiagnosticAnalyzer
{
    /// <summary>SCR5031: NuGet codes a team has accepted to suppress or downgrade (with a justification next to the setting).</summary>
    public static readonly ListRuleOption AcceptedCodes = new(
        "SCR5031",
        "accepted_codes",
        "NuGet codes that NoWarn or WarningsNotAsErrors may contain without a finding, separated by commas (NU1603); keep the justification next to the setting.");

    /// <summary>Diagnostic property: the MSBuild property involved (NuGetAudit, NuGetAuditMode, NuGetAuditLevel, NoWarn, WarningsNotAsErrors).</summary>
    public const string PropertyNameProperty = "Property";

    /// <summary>Diagnostic property: <c>true</c> when the diagnostic is on the value (SCR5030) or code (SCR5031) a fix can edit.</summary>
    public const string FixableProperty = "Fixable";

    /// <summary>SCR5031 property: the NuGet code.</summary>
    public const string CodeProperty = "Code";

    private static readonly string[] WarningLists = { "NoWarn", "WarningsNotAsErrors" };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.NuGetAuditWeakened,
        Catalog.Rules.SupplyChainWarningSuppressed);

    /// <summary>The value each audit property is set to by the fix (NuGet's strongest setting).</summary>
    public static string? StrongValue(string property)
        => property switch
        {
            "NuGetAudit" => "true",
            "NuGetAuditMode" => "all",
            "NuGetAuditLevel" => "low",
            _ => null,
        };

    /// <summary>True for the NuGet codes that report a supply-chain risk (case-insensitive).</summary>
    public static bool IsSupplyChainCode(string code)
    {
        if (code.Length != 6
            || !code.StartsWith("NU", StringComparison.OrdinalIgnoreCase)
            || !int.TryParse(code.Substring(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        return number is 1004 or 1403 or 1302 or 1803 or 1507 or (>= 1603 and <= 1608) or (>= 1901 and <= 1904) or (>= 3000 and <= 3999);
    }

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (!build.IsRestored || build.Project is not { } project)
            {
                return;
            }

            var options = start.Options.AnalyzerConfigOptionsProvider;
            var findings = new Lazy<ImmutableArray<Finding>>(() =>
            {
                var accepted = AcceptedCodes.Read(options.GetOptions(project.AdditionalText));
                return Compute(build, project, accepted.IsEmpty ? AcceptedCodes.Read(options.GlobalOptions) : accepted);
            });
            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { IsMSBuildFile: true } file)
                {
                    return;
                }

                foreach (var finding in findings.Value)
                {
                    if (ReferenceEquals(finding.File, file))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(finding.Rule, file.LocationOf(finding.Span), finding.Properties, finding.Arguments));
                    }
                }
            });
        });
    }

    private static ImmutableArray<Finding> Compute(BuildConfiguration build, BuildFile project, ImmutableArray<string> accepted)
    {
        var findings = ImmutableArray.CreateBuilder<Finding>();
        if (project.Xml.Root is not { } root)
        {
            return findings.ToImmutable();
        }

        var files = new List<BuildFile>();
        foreach (var kind in new[] { BuildFileKind.Project, BuildFileKind.DirectoryBuildProps, BuildFileKind.DirectoryPackagesProps })
        {
            if (build.First(kind) is { Xml.Root: not null } file)
            {
                files.Add(file);
            }
        }

        // SCR5030
        if (build.Property("NuGetAudit") is { } audit && string.Equals(audit, "false", StringComparison.OrdinalIgnoreCase))
        {
            Weakened(findings, files, project, root, "NuGetAudit", audit, "known vulnerabilities of all packages", defaultNote: null);
        }
        else
        {
            if (build.Property("NuGetAuditMode") is { } mode
                && string.Equals(mode, "direct", StringComparison.OrdinalIgnoreCase)
                && (HasPackages(build) || FindsElement(files, "NuGetAuditMode", mode)))
            {
                Weakened(findings, files, project, root, "NuGetAuditMode", mode, "known vulnerabilities of transitive packages", "the SDK default before .NET 10, or set outside the project files");
            }

            if (build.Property("NuGetAuditLevel") is { } level && Unreported(level) is { } unreported)
            {
                Weakened(findings, files, project, root, "NuGetAuditLevel", level, "known vulnerabilities rated " + unreported, defaultNote: null);
            }
        }

        // SCR5031
        foreach (var list in WarningLists)
        {
            if (list == "WarningsNotAsErrors" && !build.IsTrue("TreatWarningsAsErrors"))
            {
                continue; // nothing is an error to begin with: WarningsNotAsErrors changes nothing
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var code in build.PropertyList(list))
            {
                if (!IsSupplyChainCode(code) || ListRuleOption.Matches(accepted, code) || !seen.Add(code))
                {
                    continue;
                }

                var normalized = code.ToUpperInvariant();
                var verb = list == "NoWarn" ? "suppresses" : "downgrades";
                var what = normalized + " (" + Describe(normalized) + ")" + (list == "NoWarn" ? string.Empty : " to a warning");
                var found = false;
                foreach (var file in files)
                {
                    foreach (var element in PropertyElements(file, list))
                    {
                        if (ContentSpan(file.Text, element) is not { } content)
                        {
                            continue;
                        }

                        foreach (var (token, span) in Tokens(file.Text.ToString(content), content.Start))
                        {
                            if (string.Equals(token, code, StringComparison.OrdinalIgnoreCase))
                            {
                                findings.Add(new Finding(file, span, Catalog.Rules.SupplyChainWarningSuppressed, Properties(list, fixable: true, normalized), list, verb, what));
                                found = true;
                                break;
                            }
                        }
                    }
                }

                if (!found)
                {
                    findings.Add(new Finding(project, root.NameSpan, Catalog.Rules.SupplyChainWarningSuppressed, Properties(list, fixable: false, normalized), list + " (set outside the project files)", verb, what));
                }
            }
        }

        return findings.ToImmutable();
    }

    private static void Weakened(ImmutableArray<Finding>.Builder findings, List<BuildFile> files, BuildFile project, BuildXmlElement root, string property, string value, string unreported, string? defaultNote)
    {
        var found = false;
        foreach (var file in files)
        {
            foreach (var element in PropertyElements(file, property))
            {
                if (Sets(element, value))
                {
                    findings.Add(new Finding(file, element.TextSpan, Catalog.Rules.NuGetAuditWeakened, Properties(property, fixable: true, null), $"{property} is '{value}'", unreported));
                    found = true;
                }
            }
        }

        if (!found)
        {
            findings.Add(new Finding(project, root.NameSpan, Catalog.Rules.NuGetAuditWeakened, Properties(property, fixable: false, null), $"{property} is '{value}' ({defaultNote ?? "set outside the project files"})", unreported));
        }
    }

    private static bool FindsElement(List<BuildFile> files, string property, string value)
    {
        foreach (var file in files)
        {
            foreach (var element in PropertyElements(file, property))
            {
                if (Sets(element, value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>True when the element's text is the evaluated value, or depends on other properties (so it may be).</summary>
    private static bool Sets(BuildXmlElement element, string value)
        => element.Text is { } text && (string.Equals(text, value, StringComparison.OrdinalIgnoreCase) || BuildFileRules.IsUnevaluated(text));

    private static IEnumerable<BuildXmlElement> PropertyElements(BuildFile file, string name)
    {
        foreach (var element in file.Xml.Elements)
        {
            if (element.Is(name) && element.Parent?.Is("PropertyGroup") == true)
            {
                yield return element;
            }
        }
    }

    /// <summary>The raw text between the start tag and the next tag of an element with text.</summary>
    private static TextSpan? ContentSpan(SourceText text, BuildXmlElement element)
    {
        if (element.Text is null)
        {
            return null;
        }

        var start = element.TextSpan.Start;
        var end = start;
        while (end < text.Length && text[end] != '<')
        {
            end++;
        }

        return TextSpan.FromBounds(start, end);
    }

    /// <summary>The items of a list separated by semicolons, commas or whitespace, with their spans.</summary>
    private static IEnumerable<(string Token, TextSpan Span)> Tokens(string list, int offset)
    {
        var i = 0;
        while (i < list.Length)
        {
            while (i < list.Length && IsSeparator(list[i]))
            {
                i++;
            }

            var start = i;
            while (i < list.Length && !IsSeparator(list[i]))
            {
                i++;
            }

            if (i > start)
            {
                yield return (list.Substring(start, i - start), new TextSpan(offset + start, i - start));
            }
        }
    }

    private static bool IsSeparator(char ch) => ch is ';' or ',' || char.IsWhiteSpace(ch);

    private static bool HasPackages(BuildConfiguration build)
    {
        foreach (var library in AssetsLibraries.Of(build.First(BuildFileKind.AssetsFile)))
        {
            if (library.IsPackage)
            {
                return true;
            }
        }

        return false;
    }

    private static string? Unreported(string level)
        => level.ToLowerInvariant() switch
        {
            "moderate" => "low",
            "high" => "low or moderate",
            "critical" => "low, moderate or high",
            _ => null,
        };

    private static string Describe(string code)
        => code switch
        {
            "NU1004" => "the lock file does not match the project",
            "NU1403" => "a package's content hash differs from the lock file",
            "NU1302" or "NU1803" => "a package source over plain http",
            "NU1507" => "several package sources without package source mapping",
            "NU1603" => "a dependency resolved to an approximate best match",
            "NU1604" => "a dependency without an inclusive lower bound",
            "NU1605" => "a package downgrade",
            "NU1606" or "NU1607" => "a dependency version conflict",
            "NU1608" => "a package version outside a dependency's constraint",
            "NU1901" => "a package with a known low severity vulnerability",
            "NU1902" => "a package with a known moderate severity vulnerability",
            "NU1903" => "a package with a known high severity vulnerability",
            "NU1904" => "a package with a known critical severity vulnerability",
            _ => "package signature verification",
        };

    private static ImmutableDictionary<string, string?> Properties(string property, bool fixable, string? code)
    {
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(PropertyNameProperty, property)
            .Add(FixableProperty, fixable ? "true" : "false");
        return code is null ? properties : properties.Add(CodeProperty, code);
    }

    private sealed class Finding
    {
        public Finding(BuildFile file, TextSpan span, DiagnosticDescriptor rule, ImmutableDictionary<string, string?> properties, params object[] arguments)
        {
            File = file;
            Span = span;
            Rule = rule;
            Properties = properties;
            Arguments = arguments;
        }

        public BuildFile File { get; }

        public TextSpan Span { get; }

        public DiagnosticDescriptor Rule { get; }

        public ImmutableDictionary<string, string?> Properties { get; }

        public object[] Arguments { get; }
    }
}
