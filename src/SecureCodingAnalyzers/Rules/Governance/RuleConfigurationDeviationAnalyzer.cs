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
/// The configuration files are read as the compiler reads them: <c>key = value</c> (or <c>key: value</c>) lines, a
/// trailing <c>#</c>/<c>;</c> comment ends the value, keys and severities ignore case, the last assignment of a key in
/// a section wins, and top-level keys count only in a global configuration (<c>is_global = true</c> or a file named
/// <c>.globalconfig</c>). Sections of an <c>.editorconfig</c> whose glob names only other file types
/// (<c>[*.md]</c>) are skipped. A comment line directly above the setting, or a trailing comment, is taken as its
/// justification and quoted in the message.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleConfigurationDeviationAnalyzer : DiagnosticAnalyzer
{
    private const string NoJustification = "add a comment with the reason, or remove it";
    private const string NoWarnNoJustification = "add an XML comment with the reason above it, or remove it";
    private const int MaxJustificationLength = 200;

    private static readonly DerivedKey<ImmutableArray<Setting>> s_settings = new("SCR9002 settings");

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
        var settings = file.Derived(s_settings, ReadSettings);
        if (settings.IsEmpty)
        {
            return;
        }

        var isGlobal = string.Equals(file.FileName, ".globalconfig", StringComparison.OrdinalIgnoreCase)
                       || settings.Any(s => s.Section is null && s.Key == "is_global" && string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase));
        foreach (var setting in settings)
        {
            if (setting.Section is null ? !isGlobal : !isGlobal && !MayMatchCSharp(setting.Section))
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
                    deviation.Advice ?? Advice(setting.Justification, NoJustification)));
            }
        }
    }

    /// <summary>What a setting does to security rules, or null when it lowers none.</summary>
    private static (string Verb, string What, string? Advice)? Deviation(Setting setting)
    {
        if (Severity(setting.Value) is not { } severity)
        {
            return null;
        }

        const string DiagnosticPrefix = "dotnet_diagnostic.";
        const string SeveritySuffix = ".severity";
        if (setting.Key.StartsWith(DiagnosticPrefix, StringComparison.Ordinal) && setting.Key.EndsWith(SeveritySuffix, StringComparison.Ordinal)
            && setting.Key.Length > DiagnosticPrefix.Length + SeveritySuffix.Length)
        {
            var id = setting.Key.Substring(DiagnosticPrefix.Length, setting.Key.Length - DiagnosticPrefix.Length - SeveritySuffix.Length);
            return RuleDeviation(id, severity);
        }

        if (severity > SuggestionRank)
        {
            return null;
        }

        if (setting.Key == "dotnet_analyzer_diagnostic.severity")
        {
            return severity <= SilentRank
                ? ("switches off", "every analyzer rule without a severity of its own, Microsoft's .NET security rules (category Security) included", null)
                : null;
        }

        const string CategoryPrefix = "dotnet_analyzer_diagnostic.category-";
        if (!setting.Key.StartsWith(CategoryPrefix, StringComparison.Ordinal) || !setting.Key.EndsWith(SeveritySuffix, StringComparison.Ordinal)
            || setting.Key.Length <= CategoryPrefix.Length + SeveritySuffix.Length)
        {
            return null;
        }

        var category = setting.Key.Substring(CategoryPrefix.Length, setting.Key.Length - CategoryPrefix.Length - SeveritySuffix.Length);
        if (category == "security")
        {
            return severity <= SilentRank
                ? ("switches off", "the security rules of Microsoft's .NET analyzers and Security Code Scan (category Security) that have no severity of their own", null)
                : null;
        }

        if (category.StartsWith("security.", StringComparison.Ordinal)
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
    /// The settings of an INI file as the compiler reads analyzer configuration: sections, <c>key = value</c> or
    /// <c>key: value</c>, full-line and trailing comments (<c>#</c>, <c>;</c>); other lines are skipped. Only the last
    /// assignment of a key in a section is kept (it is the one that applies).
    /// </summary>
    private static ImmutableArray<Setting> ReadSettings(BuildFile file)
    {
        var text = file.Text;
        var settings = new List<Setting>();
        var lastInSection = new Dictionary<string, int>(StringComparer.Ordinal);
        string? section = null;
        var comments = new List<string>();
        foreach (var line in text.Lines)
        {
            var content = text.ToString(line.Span);
            var trimmed = content.Trim();
            if (trimmed.Length == 0)
            {
                comments.Clear();
                continue;
            }

            if (trimmed[0] is '#' or ';')
            {
                comments.Add(trimmed.Substring(1).Trim());
                continue;
            }

            if (trimmed[0] == '[')
            {
                var close = trimmed.LastIndexOf(']');
                if (close > 1)
                {
                    section = trimmed.Substring(1, close - 1).Trim();
                    lastInSection.Clear();
                }

                comments.Clear();
                continue;
            }

            var separator = trimmed.IndexOfAny(new[] { '=', ':' });
            if (separator <= 0)
            {
                comments.Clear();
                continue;
            }

            var key = trimmed.Substring(0, separator).Trim();
            if (!IsKey(key))
            {
                comments.Clear();
                continue;
            }

            var rest = trimmed.Substring(separator + 1);
            var commentAt = rest.IndexOfAny(new[] { '#', ';' });
            var trailing = commentAt >= 0 ? rest.Substring(commentAt + 1).Trim() : null;
            var value = (commentAt >= 0 ? rest.Substring(0, commentAt) : rest).Trim();

            var start = line.Start + (content.Length - content.TrimStart().Length);
            var keyAndValueLength = separator + 1 + (commentAt >= 0 ? rest.Substring(0, commentAt).TrimEnd().Length : rest.TrimEnd().Length);
            var shown = trimmed.Substring(0, keyAndValueLength).Trim();
            var justification = JoinJustification(comments, trailing, key);
            comments.Clear();

            var lowerKey = key.ToLowerInvariant();
            var setting = new Setting(lowerKey, value, section, new TextSpan(start, keyAndValueLength), shown, justification);
            if (lastInSection.TryGetValue(lowerKey, out var earlier))
            {
                settings[earlier] = setting;
            }
            else
            {
                lastInSection[lowerKey] = settings.Count;
                settings.Add(setting);
            }
        }

        return settings.ToImmutableArray();
    }

    private static bool IsKey(string key)
        => key.Length > 0 && key.All(ch => char.IsLetterOrDigit(ch) || ch is '.' or '-' or '_');

    /// <summary>
    /// The reason given in the comments above a setting and after it, or null. A comment that only names the rule
    /// (<c># SCR2001: Do not build SQL from untrusted input</c>, as in the package's profiles) gives no reason.
    /// </summary>
    private static string? JoinJustification(List<string> above, string? trailing, string key)
    {
        var parts = above.Concat(trailing is null ? Enumerable.Empty<string>() : new[] { trailing })
            .Where(c => IsReason(c, key))
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
    private static int? Severity(string value) => value.ToLowerInvariant() switch
    {
        "none" => NoneRank,
        "silent" or "refactoring" or "hidden" => SilentRank,
        "suggestion" or "info" => SuggestionRank,
        "warning" or "warn" => (int)DiagnosticSeverity.Warning,
        "error" => (int)DiagnosticSeverity.Error,
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

    /// <summary>One <c>key = value</c> line: lower-cased key, value, section header (null at top level), span and text of the assignment, its reason.</summary>
    private sealed class Setting
    {
        public Setting(string key, string value, string? section, TextSpan span, string text, string? justification)
        {
            Key = key;
            Value = value;
            Section = section;
            Span = span;
            Text = text;
            Justification = justification;
        }

        public string Key { get; }

        public string Value { get; }

        public string? Section { get; }

        public TextSpan Span { get; }

        public string Text { get; }

        public string? Justification { get; }
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
