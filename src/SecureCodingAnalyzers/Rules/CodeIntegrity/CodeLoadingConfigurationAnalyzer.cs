using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4030: application configuration files (App.config, Web.config and their transforms, passed by the package's
/// targets as <see cref="BuildFileKind.AppConfig"/>) that weaken code loading on .NET Framework:
/// <c>&lt;loadFromRemoteSources&gt;</c> and <c>&lt;bypassTrustedAppStrongNames&gt;</c> switched on, and
/// <c>&lt;codeBase href="http://..."&gt;</c> in an assembly binding. Reported on the attribute value.
/// </summary>
/// <remarks>
/// The file is read as the runtime reads it. The runtime switches come from the CLR's own configuration reader:
/// <c>&lt;runtime&gt;</c> must be a child of the root, each switch a child of <c>&lt;runtime&gt;</c>, element names
/// compared case-sensitively and without a prefix, the <c>enabled</c> (or <c>value</c>) attribute name ignoring
/// case; the first element of a name that has a value wins; the value is trimmed, <c>true</c>/<c>false</c> (any case,
/// <c>enabled</c> only) mean 1/0, anything else is read as a C <c>wcstoul</c> number (decimal, <c>0x</c> hex,
/// leading-0 octal) and a non-zero number switches on. Assembly binding is read by the binder, which only looks at
/// elements in the namespace <c>urn:schemas-microsoft-com:asm.v1</c>. Elements a transform removes
/// (<c>xdt:Transform="Remove..."</c>) are skipped. The rule is silent when the project does not target .NET Framework
/// (<c>TargetFrameworkIdentifier</c>): .NET (Core) reads none of these settings.
/// <para>
/// Unlike the dependency rules, no restore is needed (nothing is read from the assets file), and a configuration file
/// belongs to one project, so each compilation reports its own (each .NET Framework target of a multi-targeting
/// project, as for findings in the project file).
/// </para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CodeLoadingConfigurationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: what the fix changes (<see cref="SwitchProblem"/> or <see cref="CodeBaseProblem"/>).</summary>
    public const string ProblemProperty = "Problem";

    /// <summary>Diagnostic property of a switch: the value that switches it off (<c>false</c>, or <c>0</c> for a <c>value</c> attribute).</summary>
    public const string ReplacementProperty = "Replacement";

    /// <summary>A runtime switch turned on: the fix writes <see cref="ReplacementProperty"/>.</summary>
    public const string SwitchProblem = "Switch";

    /// <summary>An http codeBase: the fix uses https.</summary>
    public const string CodeBaseProblem = "CodeBase";

    /// <summary>The namespace the binder reads assembly binding elements in.</summary>
    internal const string AssemblyBindingNamespace = "urn:schemas-microsoft-com:asm.v1";

    /// <summary>The namespace of XML-Document-Transform attributes (Web.Release.config).</summary>
    internal const string TransformNamespace = "http://schemas.microsoft.com/XML-Document-Transform";

    private const string LoadFromRemoteSources = "loadFromRemoteSources";
    private const string BypassTrustedAppStrongNames = "bypassTrustedAppStrongNames";

    private static readonly DerivedKey<ImmutableArray<Finding>> s_findings = new("SCR4030 findings");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.InsecureCodeLoadingConfiguration);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (build.First(BuildFileKind.AppConfig) is null || !MayTargetNetFramework(build))
            {
                return;
            }

            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { Kind: BuildFileKind.AppConfig } file)
                {
                    return;
                }

                foreach (var finding in file.Derived(s_findings, Findings))
                {
                    c.ReportDiagnostic(Diagnostic.Create(
                        Catalog.Rules.InsecureCodeLoadingConfiguration,
                        file.LocationOf(finding.Span),
                        finding.Properties,
                        finding.What,
                        file.FileName,
                        finding.Action));
                }
            });
        });
    }

    /// <summary>
    /// True unless the evaluated <c>TargetFrameworkIdentifier</c> names another framework: the settings are read by the
    /// .NET Framework runtime only. Unknown (the targets did not run) counts as .NET Framework.
    /// </summary>
    private static bool MayTargetNetFramework(BuildConfiguration build)
        => build.Property("TargetFrameworkIdentifier") is not { } identifier
           || string.Equals(identifier, ".NETFramework", StringComparison.OrdinalIgnoreCase);

    /// <summary>The findings of one configuration file (derived once per content).</summary>
    private static ImmutableArray<Finding> Findings(BuildFile file)
    {
        var root = file.Xml.Root;
        if (root is null || RawName(file, root) != "configuration")
        {
            return ImmutableArray<Finding>.Empty;
        }

        var findings = ImmutableArray.CreateBuilder<Finding>();
        var switches = new HashSet<string>(StringComparer.Ordinal);
        foreach (var runtime in root.Children)
        {
            if (RawName(file, runtime) != "runtime" || IsRemoved(runtime))
            {
                continue;
            }

            foreach (var element in runtime.Children)
            {
                var name = RawName(file, element);
                if (name is LoadFromRemoteSources or BypassTrustedAppStrongNames)
                {
                    if (!IsRemoved(element) && !switches.Contains(name) && SwitchValue(file, element) is { } attribute)
                    {
                        // The first element of a name that carries a value sets the switch; later ones are ignored.
                        switches.Add(name);
                        if (SwitchesOn(attribute.Value, attribute.IsEnabled))
                        {
                            findings.Add(SwitchFinding(name, attribute));
                        }
                    }
                }
                else if (IsAsm(element, "assemblyBinding") && !IsRemoved(element))
                {
                    AddCodeBases(element, findings);
                }
            }
        }

        return findings.ToImmutable();
    }

    /// <summary>The <c>codeBase</c> elements with a cleartext remote href in one <c>assemblyBinding</c>.</summary>
    private static void AddCodeBases(BuildXmlElement binding, ImmutableArray<Finding>.Builder findings)
    {
        foreach (var dependent in binding.Children)
        {
            if (!IsAsm(dependent, "dependentAssembly") || IsRemoved(dependent))
            {
                continue;
            }

            string? assembly = null;
            foreach (var child in dependent.Children)
            {
                if (IsAsm(child, "assemblyIdentity") && Attribute(child, "name") is { } name && name.Value.Trim().Length > 0)
                {
                    assembly = name.Value.Trim();
                    break;
                }
            }

            foreach (var codeBase in dependent.Children)
            {
                if (IsAsm(codeBase, "codeBase") && !IsRemoved(codeBase)
                    && Attribute(codeBase, "href") is { } href && BuildFileRules.IsCleartextRemote(href.Value))
                {
                    var what = "codeBase href=\"" + href.Value.Trim() + "\"" + (assembly is null ? string.Empty : " of " + assembly)
                        + " downloads the assembly over cleartext HTTP at run time";
                    findings.Add(new Finding(
                        href.ValueSpan,
                        ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, CodeBaseProblem),
                        what,
                        "use https:// or ship the assembly with the application"));
                }
            }
        }
    }

    private static Finding SwitchFinding(string name, SwitchAttribute attribute)
    {
        var consequence = name == LoadFromRemoteSources
            ? "grants full trust to assemblies loaded from network locations"
            : "skips strong-name signature validation of full-trust assemblies";
        var replacement = attribute.IsEnabled ? "false" : "0";
        return new Finding(
            attribute.ValueSpan,
            ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, SwitchProblem).Add(ReplacementProperty, replacement),
            name + " " + attribute.Name + "=\"" + attribute.Value.Trim() + "\" " + consequence,
            "set " + attribute.Name + "=\"" + replacement + "\"");
    }

    /// <summary>
    /// The attribute that gives a runtime switch its value: the first one named <c>enabled</c> or <c>value</c> (ignoring
    /// case, without a prefix, as the CLR's reader compares them) with a non-empty value; null when there is none.
    /// </summary>
    private static SwitchAttribute? SwitchValue(BuildFile file, BuildXmlElement element)
    {
        foreach (var attribute in element.Attributes)
        {
            var name = file.Text.ToString(attribute.NameSpan);
            var isEnabled = string.Equals(name, "enabled", StringComparison.OrdinalIgnoreCase);
            if ((isEnabled || string.Equals(name, "value", StringComparison.OrdinalIgnoreCase)) && TrimConfig(attribute.Value).Length > 0)
            {
                return new SwitchAttribute(name, attribute.Value, attribute.ValueSpan, isEnabled);
            }
        }

        return null;
    }

    /// <summary>
    /// True when the CLR reads <paramref name="value"/> as switched on: for <c>enabled</c>, <c>true</c> (any case) is 1
    /// and <c>false</c> is 0; then the text is read as <c>wcstoul(value, &amp;end, 0)</c> does (optional sign, <c>0x</c>
    /// hex, leading-0 octal, decimal, up to the first other character) and a non-zero number is on. No digits or a
    /// number beyond 32 bits leave the default (off for loadFromRemoteSources; bypassTrustedAppStrongNames is on by
    /// default, and a default is not a finding).
    /// </summary>
    internal static bool SwitchesOn(string value, bool enabledAttribute)
    {
        var text = TrimConfig(value);
        if (enabledAttribute)
        {
            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var radix = 10;
        if (i < text.Length && text[i] == '0')
        {
            radix = 8;
            if (i + 2 < text.Length && text[i + 1] is 'x' or 'X' && Digit(text[i + 2], 16) >= 0)
            {
                radix = 16;
                i += 2;
            }
        }

        ulong number = 0;
        var digits = 0;
        for (; i < text.Length && Digit(text[i], radix) is var digit && digit >= 0; i++, digits++)
        {
            number = (number * (ulong)radix) + (ulong)digit;
            if (number > uint.MaxValue)
            {
                return false;
            }
        }

        return digits > 0 && number != 0;
    }

    private static int Digit(char c, int radix)
    {
        var value = c is >= '0' and <= '9' ? c - '0'
            : c is >= 'a' and <= 'f' ? c - 'a' + 10
            : c is >= 'A' and <= 'F' ? c - 'A' + 10
            : -1;
        return value < radix ? value : -1;
    }

    /// <summary>The value without the white space the CLR's reader trims (tab, line breaks, form feed, space).</summary>
    private static string TrimConfig(string value) => value.Trim('\t', '\n', '\v', '\f', '\r', ' ');

    /// <summary>The element's name as written (with its prefix, if any): the CLR's reader compares qualified names.</summary>
    private static string RawName(BuildFile file, BuildXmlElement element) => file.Text.ToString(element.NameSpan);

    /// <summary>An assembly-binding element: the exact local name in the binder's namespace.</summary>
    private static bool IsAsm(BuildXmlElement element, string localName)
        => element.Name == localName && element.NamespaceUri == AssemblyBindingNamespace;

    /// <summary>The attribute with exactly this name and no namespace (configuration attribute names are case-sensitive).</summary>
    private static BuildXmlAttribute? Attribute(BuildXmlElement element, string name)
    {
        foreach (var attribute in element.Attributes)
        {
            if (attribute.Name == name && attribute.NamespaceUri.Length == 0)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>True when a transform removes the element or one of its ancestors (<c>xdt:Transform="Remove..."</c>).</summary>
    private static bool IsRemoved(BuildXmlElement element)
    {
        for (var current = element; current is not null; current = current.Parent)
        {
            foreach (var attribute in current.Attributes)
            {
                if (attribute.Name == "Transform" && attribute.NamespaceUri == TransformNamespace
                    && attribute.Value.TrimStart().StartsWith("Remove", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The attribute that sets a runtime switch.</summary>
    private sealed class SwitchAttribute
    {
        public SwitchAttribute(string name, string value, TextSpan valueSpan, bool isEnabled)
        {
            Name = name;
            Value = value;
            ValueSpan = valueSpan;
            IsEnabled = isEnabled;
        }

        /// <summary>The attribute name as written.</summary>
        public string Name { get; }

        public string Value { get; }

        public TextSpan ValueSpan { get; }

        /// <summary>True for <c>enabled</c> (true/false accepted), false for <c>value</c> (numbers only).</summary>
        public bool IsEnabled { get; }
    }

    /// <summary>A finding derived from the file's content; the file name is added when it is reported.</summary>
    private sealed class Finding
    {
        public Finding(TextSpan span, ImmutableDictionary<string, string?> properties, string what, string action)
        {
            Span = span;
            Properties = properties;
            What = what;
            Action = action;
        }

        public TextSpan Span { get; }

        public ImmutableDictionary<string, string?> Properties { get; }

        /// <summary>Message argument {0}: the setting and what it does.</summary>
        public string What { get; }

        /// <summary>Message argument {2}: what to do.</summary>
        public string Action { get; }
    }
}
