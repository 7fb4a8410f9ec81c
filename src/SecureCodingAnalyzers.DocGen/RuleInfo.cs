using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.Catalog;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Options;

namespace SecureCodingAnalyzers.DocGen;

/// <summary>Everything the docs say about one rule, gathered by reflection from the two shipped assemblies.</summary>
public sealed record RuleInfo(
    DiagnosticDescriptor Descriptor,
    RuleLevel Level,
    string AnalyzerName,
    bool HasCodeFix,
    ImmutableArray<RuleOption> Options)
{
    /// <summary>The CWE ids from the custom tags.</summary>
    public IEnumerable<string> Cwes => Descriptor.CustomTags.Where(t => t.StartsWith(DescriptorFactory.CwePrefix, StringComparison.Ordinal));

    /// <summary>The IEC 62443-4-1 requirements from the custom tags.</summary>
    public IEnumerable<string> IecRequirements => Descriptor.CustomTags
        .Where(t => t.StartsWith(DescriptorFactory.IecPrefix, StringComparison.Ordinal))
        .Select(t => t.Substring(DescriptorFactory.IecPrefix.Length));

    /// <summary>Loads every rule of the catalog with its analyzer, fix and options.</summary>
    public static ImmutableArray<RuleInfo> LoadAll()
    {
        var analyzerAssembly = typeof(Catalog.Rules).Assembly;
        var fixAssembly = typeof(SafeFix).Assembly;

        var analyzers = analyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .ToList();

        var analyzerById = new Dictionary<string, string>(StringComparer.Ordinal);
        var optionsById = new Dictionary<string, List<RuleOption>>(StringComparer.Ordinal);
        foreach (var type in analyzers)
        {
            var instance = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            foreach (var d in instance.SupportedDiagnostics)
            {
                analyzerById.TryAdd(d.Id, type.Name);
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            {
                // A single option, or a list of them (the dataflow rules share one option set per rule).
                var declared = field.GetValue(null) switch
                {
                    RuleOption one => new[] { one },
                    IEnumerable<RuleOption> many => many.ToArray(),
                    _ => Array.Empty<RuleOption>(),
                };
                foreach (var option in declared)
                {
                    if (!optionsById.TryGetValue(option.RuleId, out var list))
                    {
                        optionsById[option.RuleId] = list = new List<RuleOption>();
                    }

                    list.Add(option);
                }
            }
        }

        var fixable = new HashSet<string>(
            fixAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
                .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds),
            StringComparer.Ordinal);

        return Catalog.Rules.All
            .Select(d => new RuleInfo(
                d,
                DescriptorFactory.LevelOf(d),
                analyzerById.TryGetValue(d.Id, out var a) ? a : string.Empty,
                fixable.Contains(d.Id),
                optionsById.TryGetValue(d.Id, out var o) ? o.OrderBy(x => x.Name, StringComparer.Ordinal).ToImmutableArray() : ImmutableArray<RuleOption>.Empty))
            .ToImmutableArray();
    }
}
