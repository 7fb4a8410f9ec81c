using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Catalog;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// What the evidence says about our rules, from the rule catalog and <c>data/taxonomies.json</c> (both compiled into
/// the tool): the SARIF reporting descriptor of every SCR rule and the CWE and IEC 62443-4-1 taxonomies.
/// <para>
/// <c>security-severity</c> (the CVSS-like score GitHub code scanning ranks security alerts by) follows the severity
/// rubric: Error 8.0 (high), Warning 6.0 (medium), Heuristic and opt-in rules 3.0 (low). <c>precision</c> is
/// <c>high</c> for Error and Warning rules (no known false positives, by the rubric) and <c>medium</c> for the rest.
/// </para>
/// </summary>
public static class RuleMetadata
{
    /// <summary>The tool extension's name (the package id).</summary>
    public const string ExtensionName = "SecureCodingAnalyzers";

    /// <summary>The CWE taxonomy's name (run.taxonomies[0]).</summary>
    public const string CweTaxonomy = "CWE";

    /// <summary>The IEC 62443-4-1 taxonomy's name (run.taxonomies[1]).</summary>
    public const string IecTaxonomy = "IEC 62443-4-1";

    private static readonly Lazy<TaxonomyData> s_taxonomyData = new(EmbeddedData.Taxonomies);
    private static readonly Lazy<Dictionary<string, string>> s_names = new(() => typeof(RuleCatalog)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .ToDictionary(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id, f => f.Name, StringComparer.Ordinal));

    /// <summary>The catalog's rules by id.</summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> Catalog { get; } = RuleCatalog.All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The project's home page (the rule pages' repository).</summary>
    public static string InformationUri => DescriptorFactory.HelpLinkBase[..DescriptorFactory.HelpLinkBase.IndexOf("/blob/", StringComparison.Ordinal)];

    /// <summary>The <c>security-severity</c> of a rubric level (see the class summary).</summary>
    public static string SecuritySeverity(RuleLevel level) => level switch
    {
        RuleLevel.Error => "8.0",
        RuleLevel.Warning => "6.0",
        _ => "3.0",
    };

    /// <summary>The <c>precision</c> of a rubric level.</summary>
    public static string Precision(RuleLevel level) => level is RuleLevel.Error or RuleLevel.Warning ? "high" : "medium";

    /// <summary>run.taxonomies: CWE (index 0) and IEC 62443-4-1 (index 1), taxa in the data file's order.</summary>
    public static JsonArray Taxonomies()
    {
        var data = s_taxonomyData.Value;
        var cweTaxa = new JsonArray();
        foreach (var (id, name) in data.CweNames.OrderBy(w => w.Key))
        {
            var taxon = new JsonObject
            {
                ["id"] = CweId(id),
                ["name"] = name,
                ["shortDescription"] = Text(name),
                ["helpUri"] = "https://cwe.mitre.org/data/definitions/" + id.ToString(CultureInfo.InvariantCulture) + ".html",
            };
            if (data.Top25.Contains(id))
            {
                taxon["properties"] = new JsonObject { ["cweTop25"] = data.Top25Year };
            }

            cweTaxa.Add(taxon);
        }

        var iecTaxa = new JsonArray();
        foreach (var requirement in data.IecOrder)
        {
            var title = data.IecTitle(requirement) ?? requirement;
            iecTaxa.Add(new JsonObject
            {
                ["id"] = requirement,
                ["name"] = title,
                ["shortDescription"] = Text(title),
            });
        }

        return
        [
            new JsonObject
            {
                ["name"] = CweTaxonomy,
                ["version"] = data.CweVersion,
                ["organization"] = "MITRE",
                ["shortDescription"] = Text("The MITRE Common Weakness Enumeration"),
                ["informationUri"] = "https://cwe.mitre.org/",
                ["isComprehensive"] = false,
                ["taxa"] = cweTaxa,
            },
            new JsonObject
            {
                ["name"] = IecTaxonomy,
                ["version"] = data.IecEdition,
                ["organization"] = "IEC",
                ["shortDescription"] = Text("IEC 62443-4-1: secure product development lifecycle requirements"),
                ["isComprehensive"] = false,
                ["taxa"] = iecTaxa,
            },
        ];
    }

    /// <summary>The reporting descriptors of every catalog rule, ordered by id, with relationships into <paramref name="taxonomies"/>.</summary>
    public static JsonArray Rules(JsonArray taxonomies)
    {
        var cweIndex = TaxonIndex(taxonomies[0]!);
        var iecIndex = TaxonIndex(taxonomies[1]!);
        var rules = new JsonArray();
        foreach (var descriptor in RuleCatalog.All)
        {
            var level = DescriptorFactory.LevelOf(descriptor);
            var tags = new JsonArray();
            var relationships = new JsonArray();
            foreach (var tag in descriptor.CustomTags)
            {
                tags.Add(tag);
                if (tag.StartsWith(DescriptorFactory.CwePrefix, StringComparison.Ordinal))
                {
                    var number = tag[DescriptorFactory.CwePrefix.Length..];
                    relationships.Add(Relationship(CweId(int.Parse(number, CultureInfo.InvariantCulture)), cweIndex, CweTaxonomy, 0));
                }
                else if (tag.StartsWith(DescriptorFactory.IecPrefix, StringComparison.Ordinal))
                {
                    relationships.Add(Relationship(tag[DescriptorFactory.IecPrefix.Length..], iecIndex, IecTaxonomy, 1));
                }
            }

            // GitHub code scanning shows CWEs from tags in this form.
            foreach (var tag in descriptor.CustomTags.Where(t => t.StartsWith(DescriptorFactory.CwePrefix, StringComparison.Ordinal)).ToList())
            {
                tags.Add("external/cwe/cwe-" + tag[DescriptorFactory.CwePrefix.Length..]);
            }

            var description = descriptor.Description.ToString(CultureInfo.InvariantCulture);
            var help = new JsonObject { ["text"] = description };
            var page = EmbeddedData.TryRead("rules/" + descriptor.Id + ".md");
            if (page is not null)
            {
                help["markdown"] = RulePage(page);
            }

            rules.Add(new JsonObject
            {
                ["id"] = descriptor.Id,
                ["name"] = s_names.Value.TryGetValue(descriptor.Id, out var name) ? name : descriptor.Id,
                ["shortDescription"] = Text(descriptor.Title.ToString(CultureInfo.InvariantCulture)),
                ["fullDescription"] = Text(description),
                ["helpUri"] = descriptor.HelpLinkUri,
                ["help"] = help,
                ["defaultConfiguration"] = new JsonObject
                {
                    ["enabled"] = descriptor.IsEnabledByDefault,
                    ["level"] = Level(descriptor.DefaultSeverity),
                },
                ["relationships"] = relationships,
                ["properties"] = new JsonObject
                {
                    ["category"] = descriptor.Category,
                    ["tags"] = tags,
                    ["security-severity"] = SecuritySeverity(level),
                    ["precision"] = Precision(level),
                    ["problem.severity"] = level switch { RuleLevel.Error => "error", RuleLevel.Warning => "warning", _ => "recommendation" },
                },
            });
        }

        return rules;
    }

    /// <summary>The SARIF level of a diagnostic severity.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };

    /// <summary>A CWE taxon id: <c>CWE-n</c>.</summary>
    public static string CweId(int number) => DescriptorFactory.CwePrefix + number.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Text(string text) => new() { ["text"] = text };

    private static Dictionary<string, int> TaxonIndex(JsonNode taxonomy)
    {
        var taxa = taxonomy["taxa"]!.AsArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < taxa.Count; i++)
        {
            index[taxa[i]!["id"]!.GetValue<string>()] = i;
        }

        return index;
    }

    private static JsonObject Relationship(string id, Dictionary<string, int> index, string taxonomy, int taxonomyIndex)
    {
        if (!index.TryGetValue(id, out var position))
        {
            // The catalog meta-test keeps data/taxonomies.json complete; a gap here is a build of mismatched sources.
            throw new InvalidOperationException($"{id} is used by a rule but missing from data/taxonomies.json.");
        }

        return new JsonObject
        {
            ["target"] = new JsonObject
            {
                ["id"] = id,
                ["index"] = position,
                ["toolComponent"] = new JsonObject { ["name"] = taxonomy, ["index"] = taxonomyIndex },
            },
            ["kinds"] = new JsonArray("relevant"),
        };
    }

    // The page without the generator's marker comments (HTML comments are noise in code scanning's help pane).
    private static string RulePage(string page) => string.Join(
        "\n",
        page.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(l => !l.StartsWith("<!-- generated:", StringComparison.Ordinal))).Trim() + "\n";
}
