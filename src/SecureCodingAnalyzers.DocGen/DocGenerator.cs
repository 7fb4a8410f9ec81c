using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Catalog;

namespace SecureCodingAnalyzers.DocGen;

/// <summary>
/// Produces the generated documents from the catalog. Hand-written text is preserved: on a rule page everything after
/// the generated block, in README.md everything outside the rules-table markers.
/// </summary>
public static class DocGenerator
{
    /// <summary>First line of a rule page's generated block.</summary>
    public const string PageBegin = "<!-- generated:begin: edit the rule catalog, then run `dotnet run --project src/SecureCodingAnalyzers.DocGen` -->";

    /// <summary>Last line of a rule page's generated block.</summary>
    public const string PageEnd = "<!-- generated:end -->";

    /// <summary>Start marker of the rules table in README.md.</summary>
    public const string TableBegin = "<!-- rules-table:begin (generated) -->";

    /// <summary>End marker of the rules table in README.md.</summary>
    public const string TableEnd = "<!-- rules-table:end -->";

    /// <summary>The profiles shipped in the package.</summary>
    public static readonly ImmutableArray<string> Profiles = ImmutableArray.Create("recommended", "strict", "audit");

    /// <summary>The hand-written sections every rule page must have, in order.</summary>
    public static readonly ImmutableArray<string> RequiredSections = ImmutableArray.Create(
        "## Risk", "## Non-compliant", "## Compliant", "## Code fix", "## Configuration", "## When to suppress", "## References");

    /// <summary>Computes every generated file: repository-relative path (forward slashes) and content.</summary>
    public static IReadOnlyList<(string Path, string Content)> Generate(string repoRoot)
    {
        var rules = RuleInfo.LoadAll();
        var taxonomies = LoadTaxonomies(repoRoot);
        var files = new List<(string, string)>();
        foreach (var rule in rules)
        {
            var path = "rules/" + rule.Descriptor.Id + ".md";
            files.Add((path, RulePage(rule, taxonomies, ReadOrEmpty(repoRoot, path))));
        }

        files.Add(("rules/README.md", RulesIndex(rules)));
        files.Add(("README.md", ReplaceTable(ReadOrEmpty(repoRoot, "README.md"), rules)));
        foreach (var profile in Profiles)
        {
            files.Add(($"src/SecureCodingAnalyzers.Package/profiles/{profile}.globalconfig", ProfileConfig(profile, rules)));
        }

        return files;
    }

    /// <summary>Writes the generated files; returns the paths that changed.</summary>
    public static IReadOnlyList<string> Write(string repoRoot)
    {
        var changed = new List<string>();
        foreach (var (path, content) in Generate(repoRoot))
        {
            var full = Path.Combine(repoRoot, path);
            if (ReadOrEmpty(repoRoot, path) != content)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                changed.Add(path);
            }
        }

        return changed;
    }

    /// <summary>The paths whose content on disk differs from what would be generated.</summary>
    public static IReadOnlyList<string> Stale(string repoRoot)
        => Generate(repoRoot).Where(f => ReadOrEmpty(repoRoot, f.Path) != f.Content).Select(f => f.Path).ToList();

    /// <summary>The hand-written part of a rule page (after the generated block).</summary>
    public static string HandWritten(string page)
    {
        var end = page.IndexOf(PageEnd, StringComparison.Ordinal);
        return end < 0 ? page : page.Substring(end + PageEnd.Length).TrimStart('\n');
    }

    private static string RulePage(RuleInfo rule, TaxonomyData taxonomies, string existing)
    {
        var d = rule.Descriptor;
        var sb = new StringBuilder();
        sb.Append(PageBegin).Append('\n');
        sb.Append("# ").Append(d.Id).Append(": ").Append(d.Title.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
        sb.Append("| Property | Value |\n|---|---|\n");
        sb.Append("| Category | ").Append(d.Category).Append(" (").Append(RuleCategory.FamilyName(d.Category)).Append(") |\n");
        sb.Append("| Severity | ").Append(SeverityText(rule.Level)).Append(" |\n");
        sb.Append("| CWE | ").Append(string.Join(", ", rule.Cwes.Select(c => CweLink(c, taxonomies)))).Append(" |\n");
        sb.Append("| IEC 62443-4-1 | ").Append(string.Join(", ", rule.IecRequirements.Select(r => r + " (" + (taxonomies.IecTitle(r) ?? r) + ")"))).Append(" |\n");
        sb.Append("| Code fix | ").Append(rule.HasCodeFix ? "Yes" : "No").Append(" |\n");
        sb.Append("| Options | ").Append(rule.Options.IsEmpty ? "None" : string.Join(", ", rule.Options.Select(o => "`" + o.Name + "`"))).Append(" |\n");
        sb.Append("| Analyzer | `").Append(rule.AnalyzerName).Append("` |\n\n");
        sb.Append(d.Description.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (!rule.Options.IsEmpty)
        {
            sb.Append("\n| Option key | Default | Meaning |\n|---|---|---|\n");
            foreach (var o in rule.Options)
            {
                sb.Append("| `").Append(o.RuleKey).Append("` or `").Append(o.SharedKey).Append("` | `").Append(o.DefaultText).Append("` | ").Append(o.Description).Append(" |\n");
            }
        }

        sb.Append(PageEnd).Append("\n\n");
        sb.Append(HandWritten(existing.Replace("\r\n", "\n")));
        var text = sb.ToString();
        return text.EndsWith("\n", StringComparison.Ordinal) ? text : text + "\n";
    }

    private static string RulesIndex(ImmutableArray<RuleInfo> rules)
    {
        var sb = new StringBuilder();
        sb.Append("<!-- Generated from the rule catalog by src/SecureCodingAnalyzers.DocGen; do not edit. -->\n");
        sb.Append("# SecureCodingAnalyzers rules\n\n");
        sb.Append("Every rule carries the custom tags `security`, `CWE-<n>` and `IEC62443-4-1:<requirement>`, which the compiler writes into SARIF.\n");
        sb.Append("Severity levels follow the rubric in [CONTRIBUTING.md](../CONTRIBUTING.md#severity-rubric).\n\n");
        foreach (var family in rules.GroupBy(r => r.Descriptor.Category))
        {
            sb.Append("## ").Append(RuleCategory.FamilyName(family.Key)).Append(" (`").Append(family.Key).Append("`)\n\n");
            sb.Append("| Rule | Title | Severity | CWE | IEC 62443-4-1 | Code fix |\n|---|---|---|---|---|---|\n");
            foreach (var r in family)
            {
                sb.Append("| [").Append(r.Descriptor.Id).Append("](").Append(r.Descriptor.Id).Append(".md) | ")
                  .Append(Escape(r.Descriptor.Title.ToString(CultureInfo.InvariantCulture))).Append(" | ")
                  .Append(r.Level).Append(" | ")
                  .Append(string.Join(", ", r.Cwes)).Append(" | ")
                  .Append(string.Join(", ", r.IecRequirements)).Append(" | ")
                  .Append(r.HasCodeFix ? "Yes" : "No").Append(" |\n");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static string ReplaceTable(string readme, ImmutableArray<RuleInfo> rules)
    {
        readme = readme.Replace("\r\n", "\n");
        var begin = readme.IndexOf(TableBegin, StringComparison.Ordinal);
        var end = readme.IndexOf(TableEnd, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            return readme;
        }

        var sb = new StringBuilder();
        sb.Append(TableBegin).Append('\n');
        sb.Append("| Rule | Title | Severity | CWE | Fix |\n|---|---|---|---|---|\n");
        foreach (var r in rules)
        {
            sb.Append("| [").Append(r.Descriptor.Id).Append("](rules/").Append(r.Descriptor.Id).Append(".md) | ")
              .Append(Escape(r.Descriptor.Title.ToString(CultureInfo.InvariantCulture))).Append(" | ")
              .Append(r.Level).Append(" | ")
              .Append(string.Join(", ", r.Cwes)).Append(" | ")
              .Append(r.HasCodeFix ? "Yes" : "No").Append(" |\n");
        }

        return readme.Substring(0, begin) + sb + readme.Substring(end);
    }

    private static string ProfileConfig(string profile, ImmutableArray<RuleInfo> rules)
    {
        var sb = new StringBuilder();
        sb.Append("# SecureCodingAnalyzers profile '").Append(profile).Append("'. Generated from the rule catalog; do not edit.\n");
        sb.Append(profile switch
        {
            "strict" => "# strict: every rule is an error (for supplier contracts that forbid open findings).\n",
            "audit" => "# audit: errors and warnings as in recommended; heuristic and opt-in rules reported as suggestions (SARIF notes).\n",
            _ => "# recommended: each rule at its catalog level (Error, Warning, Heuristic = suggestion, OptIn = off).\n",
        });
        sb.Append("# A low global_level lets a project's own .globalconfig and .editorconfig severities win.\n");
        sb.Append("is_global = true\nglobal_level = -100\n\n");
        foreach (var r in rules)
        {
            var severity = profile switch
            {
                "strict" => "error",
                "audit" => r.Level switch { RuleLevel.Error => "error", RuleLevel.Warning => "warning", _ => "suggestion" },
                _ => r.Level switch { RuleLevel.Error => "error", RuleLevel.Warning => "warning", RuleLevel.Heuristic => "suggestion", _ => "none" },
            };
            sb.Append("# ").Append(r.Descriptor.Id).Append(": ").Append(r.Descriptor.Title.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("dotnet_diagnostic.").Append(r.Descriptor.Id).Append(".severity = ").Append(severity).Append('\n');
        }

        return sb.ToString();
    }

    private static string SeverityText(RuleLevel level) => level switch
    {
        RuleLevel.Error => "Error (on by default)",
        RuleLevel.Warning => "Warning (on by default)",
        RuleLevel.Heuristic => "Info: heuristic (on by default as a suggestion)",
        _ => "Off by default (opt-in; see below for why)",
    };

    private static string CweLink(string tag, TaxonomyData taxonomies)
    {
        var number = tag.Substring(DescriptorFactory.CwePrefix.Length);
        var link = "[" + tag + "](https://cwe.mitre.org/data/definitions/" + number + ".html)";
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return link;
        }

        var name = taxonomies.CweNames.TryGetValue(id, out var known) ? " " + known : string.Empty;
        var top25 = taxonomies.Top25.Contains(id) ? " (CWE Top 25, " + taxonomies.Top25Year.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty;
        return link + name + top25;
    }

    /// <summary>Reads <c>data/taxonomies.json</c> under <paramref name="repoRoot"/> with the parser the evidence tool uses too.</summary>
    /// <exception cref="InvalidDataException">The file is unreadable or malformed; the message starts with its path.</exception>
    public static TaxonomyData LoadTaxonomies(string repoRoot)
    {
        string json;
        try
        {
            json = File.ReadAllText(Path.Combine(repoRoot, TaxonomyData.RelativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException(TaxonomyData.RelativePath + ": " + e.Message, e);
        }

        return TaxonomyData.Parse(json);
    }

    private static string Escape(string text) => text.Replace("|", "\\|");

    private static string ReadOrEmpty(string repoRoot, string path)
    {
        var full = Path.Combine(repoRoot, path);
        return File.Exists(full) ? File.ReadAllText(full).Replace("\r\n", "\n") : string.Empty;
    }
}
