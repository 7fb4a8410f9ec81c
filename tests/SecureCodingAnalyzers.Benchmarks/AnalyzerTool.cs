using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// A tool measured in the peer comparison: a set of analyzers and the rule severities it runs with (an empty
/// <see cref="DiagnosticOptions"/> keeps each rule's default). Analyzers with no rule left on are not run at all.
/// </summary>
internal sealed record AnalyzerTool(string Name, string Rules, ImmutableArray<AnalyzerInfo> Analyzers, ImmutableDictionary<string, ReportDiagnostic> DiagnosticOptions)
{
    /// <summary>The analyzers as they are: every rule at its default severity.</summary>
    public static AnalyzerTool Defaults(string name, string rules, IEnumerable<AnalyzerInfo> analyzers)
        => new(name, rules, analyzers.ToImmutableArray(), ImmutableDictionary<string, ReportDiagnostic>.Empty);

    /// <summary>Only the rules <paramref name="enabled"/> selects, as warnings; every other rule of <paramref name="analyzers"/> off.</summary>
    public static AnalyzerTool Only(string name, string rules, IEnumerable<AnalyzerInfo> analyzers, Func<DiagnosticDescriptor, bool> enabled)
    {
        var options = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>(StringComparer.Ordinal);
        var kept = ImmutableArray.CreateBuilder<AnalyzerInfo>();
        foreach (var analyzer in analyzers)
        {
            var any = false;
            foreach (var descriptor in analyzer.Instance.SupportedDiagnostics)
            {
                var on = enabled(descriptor);
                any |= on;
                if (on || !options.ContainsKey(descriptor.Id))
                {
                    options[descriptor.Id] = on ? ReportDiagnostic.Warn : ReportDiagnostic.Suppress;
                }
            }

            if (any)
            {
                kept.Add(analyzer);
            }
        }

        return new AnalyzerTool(name, rules, kept.ToImmutable(), options.ToImmutable());
    }

    /// <summary>The sink kinds (see <see cref="GroundTruth.KindByRuleId"/>) of the injection rules this tool runs.</summary>
    public IReadOnlySet<string> SinkKinds => Analyzers
        .SelectMany(a => a.Instance.SupportedDiagnostics)
        .Where(d => DiagnosticOptions.TryGetValue(d.Id, out var option) ? option != ReportDiagnostic.Suppress : d.IsEnabledByDefault)
        .Select(d => GroundTruth.KindByRuleId.GetValueOrDefault(d.Id))
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The compilation with this tool's rule severities.</summary>
    public CSharpCompilation Configure(CSharpCompilation compilation)
        => DiagnosticOptions.IsEmpty ? compilation : compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(DiagnosticOptions));
}
