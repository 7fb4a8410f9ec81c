using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Rules;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// Expected findings of the injection (dataflow) rules by rule id and markup location indices: the first index is the
/// diagnostic's own location (<c>{|#0:...|}</c>: the sink, or the call that passes the value into a helper), the
/// following ones its additional locations in the order the rule reports them (the source, then the steps and the
/// helper's sink).
/// </summary>
public static class Finding
{
    /// <summary>A finding of rule <paramref name="id"/> at the locations; its message is not compared.</summary>
    public static DiagnosticResult At(string id, params int[] locations)
        => new DiagnosticResult(id, System.Linq.Enumerable.Single(global::SecureCodingAnalyzers.Catalog.Rules.All, d => d.Id == id).DefaultSeverity).WithLocations(locations);

    /// <summary>
    /// A finding of rule <paramref name="id"/> at the locations, built from the rule's descriptor so that its message
    /// is compared: complete it with <c>WithArguments(source, sink)</c>.
    /// </summary>
    public static DiagnosticResult WithMessageAt(string id, params int[] locations)
        => CSharpVerifier<DataflowAnalyzer, EmptyCodeFixProvider>.Diagnostic(id).WithLocations(locations);

    /// <summary>Adds the markup locations <paramref name="locations"/> to <paramref name="result"/>, in order.</summary>
    public static DiagnosticResult WithLocations(this DiagnosticResult result, params int[] locations)
    {
        foreach (var location in locations)
        {
            result = result.WithLocation(location);
        }

        return result;
    }
}
