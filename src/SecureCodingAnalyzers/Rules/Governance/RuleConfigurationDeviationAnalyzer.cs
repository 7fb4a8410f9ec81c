using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Governance;

/// <summary>
/// SCR9002: a security rule switched off or downgraded in configuration, reported where it happens so the deviation is
/// visible in the evidence: a <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> or <c>dotnet_analyzer_diagnostic.*</c>
/// line of an <c>.editorconfig</c>/<c>.globalconfig</c> (passed by the package's targets as
/// <see cref="BuildFileKind.AnalyzerConfig"/>), and a security rule id in the evaluated <c>NoWarn</c>, reported on
/// the id in the <c>&lt;NoWarn&gt;</c> element of the project file or Directory.Build.props.
/// </summary>
/// <remarks>
/// Security rules: this package's SCR rules (a setting is a deviation when it is below the rule's catalog severity and
/// at most <c>suggestion</c>), and the Microsoft .NET and Security Code Scan security rules that
/// <see cref="SecurityRuleSuppressions.IsSecurityRule"/> knows (the same list as SCR9001). Their default severities depend on
/// the analysis mode and version, so for them only <c>none</c> and <c>silent</c> (nothing in the build) are reported.
/// The configuration files are read as the compiler reads them, by <see cref="AnalyzerConfigText"/> (the reader
/// the evidence tool shares): the last assignment of a key in a section wins, and top-level keys count only in a
/// global configuration (an <c>is_global</c> key or a file named <c>.globalconfig</c>). Sections of an <c>.editorconfig</c> whose glob names only other file types
/// (<c>[*.md]</c>) are skipped. A comment line directly above the setting, or a trailing comment, is taken as its
/// justification and quoted in the message.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleConfigurationDeviationAnalyzer : DiagnosticAnalyzer
{
    private const string NoJustification = "add a comment with the reason, or remove it";
    private const string NoWarnNoJustification = "add an XML comment with the reason above it, or remove it";
    private const int MaxJustificationLength = 200;

    private static readonly DerivedKey<AnalyzerConfigText> s_documents = new("analyzer config document");

    private static readonly Lazy<Dictionary<string, DiagnosticDescriptor>> s_catalog = new(() =>
        Catalog.Rules.All.ToDictionary(d => d.Id, StringComparer.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.SecurityRuleDisabledInConfiguration);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            var noWarn = NoWarnIds(build);
            if (noWarn.IsEmpty && build.First(BuildFileKind.AnalyzerConfig) is null)
            {
                return;
            }

            var noWarnSites = new Lazy<ImmutableArray<NoWarnSite>>(() => FindNoWarnSites(build, noWarn));
            start.RegisterAdditionalFileAction(c =>
            {
                switch (build.ReportableFile(c.AdditionalFile))
                {
                    case { Kind: BuildFileKind.AnalyzerConfig } config:
                        ReportConfiguration(c, config);
                        break;
                    case { Kind: BuildFileKind.Project or BuildFileKind.DirectoryBuildProps } msbuild when !noWarn.IsEmpty:
                        ReportNoWarn(c, msbuild, noWarn, noWarnSites.Value);
                        break;
                }
            });
        });
    }

    // ---- Analyzer configuration files ----

    private static void ReportConfiguration(AdditionalFileAnalysisContext context, BuildFile file)
    {
        var document = file.Derived(s_documents, f => AnalyzerConfigText.Parse(f.Text));
        var isGlobal = document.IsGlobal(file.Path);
        foreach (var setting in document.Properties)
        {
            if (setting.IsOverridden || (setting.Section is null ? !isGlobal : !isGlobal && !MayMatchCSharp(setting.Section)))
            {
                continue;
            }

            if (Deviation(setting) is { } deviation)
            {
                var where = setting.Section is null ? setting.Text : setting.Text + " in [" + setting.Section + "]";
                context.ReportDiagnostic(Diagnostic.Create(
                    Catalog.Rules.SecurityRuleDisabledInConfiguration,
                    file.LocationOf(setting.Span),
                    where,
                    deviation.Verb,
                    deviation.What,
                    deviation.Advice ?? Advice(Justification(setting), NoJustification)));
            }
        }
    }

    /// <summary>What a setting does to security rules, or null when it lowers none.</summary>
    private static (string Verb, string What, string? Advice)? Deviation(AnalyzerConfigProperty setting)
    {
        if (Rank(setting.Severity) is not { } severity)
        {
            return null;
        }

        if (setting.DiagnosticId is { } id)
        {
            return RuleDeviation(id, severity);
        }

        if (severity > SuggestionRank || setting.BulkCategory is not { } category)
        {
            return null;
        }

        if (category.Length == 0)
        {
            return severity <= SilentRank
                ? ("switches off", "every analyzer rule without a severity of its own, Microsoft's .NET security rules (category Security) included", null)
                : null;
        }

        if (string.Equals(category, "security", StringComparison.OrdinalIgnoreCase))
        {
            return severity <= SilentRank
                ? ("switches off", "the security rules of Microsoft's .NET analyzers and Security Code Scan (category Security) that have no severity of their own", null)
                : null;
        }

        if (category.StartsWith("security.", StringComparison.OrdinalIgnoreCase)
            && Catalog.Rules.All.FirstOrDefault(d => string.Equals(d.Category, category, StringComparison.OrdinalIgnoreCase)) is { } member)
        {
            // Bulk (category) severities apply only to rules without a severity of their own, and the package's profile
            // sets every rule's: the line changes nothing, but whoever reads it believes the family is off.
            return ("would lower", "the " + member.Category + " rules (" + Catalog.RuleCategory.FamilyName(member.Category) + ")",
                "it has no effect, the SecureCodingAnalyzers profile sets each rule's severity: remove it, or set dotnet_diagnostic.<ID>.severity for the rules you mean, with a comment giving the reason");
        }

        return null;
    }

    /// <summary>What lowering one rule to <paramref name="severity"/> does, or null when it is not a security rule or not lower.</summary>
    private static (string Verb, string What, string? Advice)? RuleDeviation(string id, int severity)
    {
        if (s_catalog.Value.TryGetValue(id, out var rule))
        {
            if (rule == Catalog.Rules.SecurityRuleDisabledInConfiguration)
            {
                return null;
            }

            var defaultRank = rule.IsEnabledByDefault ? (int)rule.DefaultSeverity : NoneRank;
            if (severity >= defaultRank || severity > SuggestionRank)
            {
                return null;
            }

            var name = rule.Id + " (" + rule.Title.ToString(CultureInfo.InvariantCulture) + ")";
            return severity <= SilentRank
                ? ("switches off", name, null)
                : ("downgrades", name + " from " + SeverityName(defaultRank) + " to suggestion", null);
        }

        return severity <= SilentRank && OtherSecurityRule(id) is { } other ? ("switches off", other, null) : null;
    }

    /// <summary>Whether an <c>.editorconfig</c> section may apply to C# files: its last glob segment names no other extension only.</summary>
    private static bool MayMatchCSharp(string section)
    {
        var last = section.Substring(section.LastIndexOf('/') + 1);
        var dot = last.LastIndexOf('.');
        var brace = last.LastIndexOf('{');
        if (brace >= 0 && brace < dot && last.IndexOf('}', brace) > dot)
        {
            // *.{cs,vb}: the extension is the whole brace group.
            dot = last.LastIndexOf('.', brace);
        }

        if (dot < 0)
        {
            return true;
        }

        var extension = last.Substring(dot + 1);
        if (extension.IndexOf('*') >= 0 || extension.IndexOf('?') >= 0 || extension.IndexOf('[') >= 0)
        {
            return true;
        }

        if (extension.StartsWith("{", StringComparison.Ordinal) && extension.EndsWith("}", StringComparison.Ordinal))
        {
            return extension.Substring(1, extension.Length - 2).Split(',').Any(e => e.Trim() is "cs" or "*" || e.IndexOf('*') >= 0);
        }

        return string.Equals(extension, "cs", StringComparison.Ordinal);
    }

    /// <summary>
    /// The reason given in the comments above a setting and after it, or null. A comment that only names the rule
    /// (<c># SCR2001: Do not build SQL from untrusted input</c>, as in the package's profiles) gives no reason.
    /// </summary>
    private static string? Justification(AnalyzerConfigProperty setting)
    {
        var parts = setting.CommentsAbove.Concat(setting.TrailingComment is null ? Enumerable.Empty<string>() : new[] { setting.TrailingComment })
            .Where(c => IsReason(c, setting.Key))
            .ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var joined = string.Join(" ", parts);
        return joined.Length > MaxJustificationLength ? joined.Substring(0, MaxJustificationLength - 3) + "..." : joined;
    }

    private static bool IsReason(string comment, string key)
    {
        var text = comment.Trim();
        var parts = key.Split('.');
        if (parts.Length == 3 && s_catalog.Value.TryGetValue(parts[1], out var rule)
            && text.StartsWith(rule.Id, StringComparison.OrdinalIgnoreCase))
        {
            var rest = text.Substring(rule.Id.Length).TrimStart(':', ' ', '-');
            if (rest.Length == 0 || string.Equals(rest, rule.Title.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return text.Any(char.IsLetter);
    }

    // ---- NoWarn ----

    /// <summary>The security rule ids in the evaluated NoWarn, each once, in order.</summary>
    private static ImmutableArray<string> NoWarnIds(BuildConfiguration build)
    {
        var ids = ImmutableArray.CreateBuilder<string>();
        foreach (var item in build.PropertyList("NoWarn"))
        {
            var id = item.Trim();
            if (RuleDeviation(id, NoneRank) is not null && !ids.Contains(id, StringComparer.OrdinalIgnoreCase))
            {
                ids.Add(id);
            }
        }

        return ids.ToImmutable();
    }

    /// <summary>Where each NoWarn id is written: the id inside a &lt;NoWarn&gt; element of the project file or Directory.Build.props.</summary>
    private static ImmutableArray<NoWarnSite> FindNoWarnSites(BuildConfiguration build, ImmutableArray<string> ids)
    {
        var sites = ImmutableArray.CreateBuilder<NoWarnSite>();
        foreach (var file in build.Files)
        {
            if (file.Kind is not (BuildFileKind.Project or BuildFileKind.DirectoryBuildProps) || file.Xml.Root is null)
            {
                continue;
            }

            foreach (var element in file.Xml.Elements)
            {
                if (!element.Is("NoWarn") || element.Text is null || element.TextSpan.Length == 0 || element.TextSpan.End > file.Text.Length)
                {
                    continue;
                }

                var raw = file.Text.ToString(element.TextSpan);
                foreach (var id in ids)
                {
                    if (TokenIndex(raw, id) is { } index)
                    {
                        sites.Add(new NoWarnSite(file.Path, id, new TextSpan(element.TextSpan.Start + index, id.Length), XmlJustification(file.Text, element)));
                    }
                    else if (TokenIndex(element.Text, id) is not null)
                    {
                        sites.Add(new NoWarnSite(file.Path, id, element.TextSpan, XmlJustification(file.Text, element)));
                    }
                }
            }
        }

        return sites.ToImmutable();
    }

    private static void ReportNoWarn(AdditionalFileAnalysisContext context, BuildFile file, ImmutableArray<string> ids, ImmutableArray<NoWarnSite> sites)
    {
        foreach (var site in sites)
        {
            if (site.Path == file.Path)
            {
                Report(context, file, site.Span, "NoWarn", site.Id, Advice(site.Justification, NoWarnNoJustification));
            }
        }

        if (file.Kind != BuildFileKind.Project || file.Xml.Root is not { } root)
        {
            return;
        }

        foreach (var id in ids)
        {
            if (!sites.Any(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)))
            {
                Report(context, file, root.NameSpan, "NoWarn (set outside the project file and Directory.Build.props: an imported file, a response file or the command line)", id,
                    "find where it is set and add the reason there, or remove it");
            }
        }
    }

    private static void Report(AdditionalFileAnalysisContext context, BuildFile file, TextSpan span, string where, string id, string advice)
    {
        if (RuleDeviation(id, NoneRank) is { } deviation)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.SecurityRuleDisabledInConfiguration,
                file.LocationOf(span),
                where,
                deviation.Verb,
                deviation.What,
                advice));
        }
    }

    /// <summary>The index of <paramref name="id"/> as a whole item of a NoWarn list (separated by ';', ',' or white space).</summary>
    private static int? TokenIndex(string list, string id)
    {
        var index = 0;
        while ((index = list.IndexOf(id, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = index + id.Length;
            if ((index == 0 || IsListSeparator(list[index - 1])) && (end == list.Length || IsListSeparator(list[end])))
            {
                return index;
            }

            index = end;
        }

        return null;
    }

    private static bool IsListSeparator(char ch) => ch is ';' or ',' || char.IsWhiteSpace(ch);

    /// <summary>An XML comment directly above the element (only white space between) or after it on the same line.</summary>
    private static string? XmlJustification(SourceText text, BuildXmlElement element)
    {
        var source = text.ToString();
        var open = source.LastIndexOf('<', Math.Max(0, element.NameSpan.Start - 1));
        if (open > 0)
        {
            var before = source.Substring(0, open).TrimEnd();
            if (before.EndsWith("-->", StringComparison.Ordinal))
            {
                var start = before.LastIndexOf("<!--", StringComparison.Ordinal);
                if (start >= 0)
                {
                    return Reason(before.Substring(start + 4, before.Length - start - 7));
                }
            }
        }

        var line = text.Lines.GetLineFromPosition(Math.Min(element.TextSpan.End, text.Length));
        var after = text.ToString(TextSpan.FromBounds(Math.Min(element.TextSpan.End, line.End), line.End));
        var comment = after.IndexOf("<!--", StringComparison.Ordinal);
        var commentEnd = comment >= 0 ? after.IndexOf("-->", comment, StringComparison.Ordinal) : -1;
        return commentEnd > comment ? Reason(after.Substring(comment + 4, commentEnd - comment - 4)) : null;

        static string? Reason(string comment)
        {
            var reason = string.Join(" ", comment.Split(new[] { '\r', '\n', '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries));
            return reason.Any(char.IsLetter)
                ? reason.Length > MaxJustificationLength ? reason.Substring(0, MaxJustificationLength - 3) + "..." : reason
                : null;
        }
    }

    // ---- Shared ----

    private static string Advice(string? justification, string missing)
        => justification is null ? missing : "justified: " + justification;

    private const int NoneRank = -1;
    private const int SilentRank = (int)DiagnosticSeverity.Hidden;
    private const int SuggestionRank = (int)DiagnosticSeverity.Info;

    /// <summary>A configured severity as a rank comparable with <see cref="DiagnosticSeverity"/>, or null for <c>default</c> and unknown values.</summary>
    private static int? Rank(ReportDiagnostic? severity) => severity switch
    {
        ReportDiagnostic.Suppress => NoneRank,
        ReportDiagnostic.Hidden => SilentRank,
        ReportDiagnostic.Info => SuggestionRank,
        ReportDiagnostic.Warn => (int)DiagnosticSeverity.Warning,
        ReportDiagnostic.Error => (int)DiagnosticSeverity.Error,
        _ => null,
    };

    private static string SeverityName(int rank) => rank switch
    {
        (int)DiagnosticSeverity.Error => "error",
        (int)DiagnosticSeverity.Warning => "warning",
        (int)DiagnosticSeverity.Info => "suggestion",
        _ => "silent",
    };

    /// <summary>A description of a Microsoft .NET (CA) or Security Code Scan (SCS) security rule id, or null.</summary>
    private static string? OtherSecurityRule(string id)
    {
        if (id.StartsWith("SCR", StringComparison.OrdinalIgnoreCase) || !SecurityRuleSuppressions.IsSecurityRule(id, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return id.ToUpperInvariant() + (id.StartsWith("SCS", StringComparison.OrdinalIgnoreCase) ? " (a Security Code Scan rule)" : " (a .NET security analyzer rule)");
    }

    /// <summary>A security rule id written in a &lt;NoWarn&gt; element.</summary>
    private sealed class NoWarnSite
    {
        public NoWarnSite(string path, string id, TextSpan span, string? justification)
        {
            Path = path;
            Id = id;
            Span = span;
            Justification = justification;
        }

        public string Path { get; }

        public string Id { get; }

        public TextSpan Span { get; }

        public string? Justification { get; }
    }
}
