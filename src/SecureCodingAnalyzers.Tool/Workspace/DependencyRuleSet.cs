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

namespace SecureCodingAnalyzers.Tool.Workspace;

/// <summary>
/// The analyzers and fixers of the build-file rules, found by reflection in the same assemblies the package ships (so
/// a new rule or fixer is picked up without touching the tool): every analyzer with a rule in category
/// <see cref="RuleCategory.Dependencies"/>, and every exported fixer for additional documents that fixes one of them.
/// </summary>
public sealed class DependencyRuleSet
{
    private DependencyRuleSet(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<DiagnosticDescriptor> rules, ImmutableDictionary<string, CodeFixProvider> fixers)
    {
        Analyzers = analyzers;
        Rules = rules;
        FixerById = fixers;
    }

    /// <summary>The shared instance.</summary>
    public static DependencyRuleSet Instance { get; } = Load();

    /// <summary>Every analyzer of the family.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>Every rule of the family, by id.</summary>
    public ImmutableArray<DiagnosticDescriptor> Rules { get; }

    /// <summary>The fixer of each rule that has one.</summary>
    public ImmutableDictionary<string, CodeFixProvider> FixerById { get; }

    /// <summary>The ids of the rules that have a fixer, in order.</summary>
    public ImmutableArray<string> FixableIds => FixerById.Keys.OrderBy(id => id, StringComparer.Ordinal).ToImmutableArray();

    private static DependencyRuleSet Load()
    {
        var analyzers = typeof(SecureCodingAnalyzers.Catalog.Rules).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Where(a => a.SupportedDiagnostics.Any(d => d.Category == RuleCategory.Dependencies))
            .ToImmutableArray();
        var rules = analyzers.SelectMany(a => a.SupportedDiagnostics)
            .Where(d => d.Category == RuleCategory.Dependencies)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        var ids = rules.Select(r => r.Id).ToImmutableHashSet();

        var fixers = ImmutableDictionary.CreateBuilder<string, CodeFixProvider>(StringComparer.Ordinal);
        var fixerTypes = typeof(BuildFileCodeFixProvider).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Where(t => t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is { } export
                        && export.DocumentKinds.Contains(nameof(TextDocumentKind.AdditionalDocument)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in fixerTypes)
        {
            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            foreach (var id in fixer.FixableDiagnosticIds.Where(ids.Contains))
            {
                if (!fixers.ContainsKey(id))
                {
                    fixers[id] = fixer;
                }
            }
        }

        return new DependencyRuleSet(analyzers, rules, fixers.ToImmutable());
    }
}
