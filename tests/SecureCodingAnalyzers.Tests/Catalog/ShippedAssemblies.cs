using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;

namespace SecureCodingAnalyzers.Tests.Catalog;

/// <summary>Every analyzer and fixer the package ships, found by reflection so new families are covered automatically.</summary>
internal static class ShippedAssemblies
{
    public static ImmutableArray<Type> AnalyzerTypes { get; } = typeof(SecureCodingAnalyzers.Catalog.Rules).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<Type> FixerTypes { get; } = typeof(SafeFix).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers()
        => AnalyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public static TheoryDataOf AnalyzerNames() => new(AnalyzerTypes.Select(t => t.Name));

    public static TheoryDataOf FixerNames() => new(FixerTypes.Select(t => t.Name));

    public static Type AnalyzerType(string name) => AnalyzerTypes.Single(t => t.Name == name);

    public static Type FixerType(string name) => FixerTypes.Single(t => t.Name == name);
}

/// <summary>Theory data of strings.</summary>
internal sealed class TheoryDataOf : Xunit.TheoryData<string>
{
    public TheoryDataOf(System.Collections.Generic.IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }
}
