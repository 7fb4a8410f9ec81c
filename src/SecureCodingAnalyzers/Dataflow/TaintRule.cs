using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// A dataflow rule: its descriptor, the sink kind it reports, its sinks and the sanitizers that clean data for that
/// kind only. Every rule is evaluated in the same pass of the shared engine.
/// </summary>
internal sealed class TaintRule
{
    public TaintRule(DiagnosticDescriptor descriptor, SinkKind kind, ImmutableArray<ApiSpec> sinks, ImmutableArray<ApiSpec> sanitizers, SourceGroup disabledByDefault = SourceGroup.None, bool reportsAtSource = false)
    {
        ReportsAtSource = reportsAtSource;
        DisabledByDefault = disabledByDefault;
        Descriptor = descriptor;
        Kind = kind;
        Sinks = sinks;
        Sanitizers = sanitizers;
    }

    /// <summary>
    /// Source groups that do not count for this rule unless configured: where the input comes from the same user or
    /// administrator who could do the harm directly (a path or command from the command line or the environment),
    /// a finding is not a vulnerability.
    /// </summary>
    public SourceGroup DisabledByDefault { get; }

    /// <summary>
    /// True when a finding belongs where the data comes from, not where it goes (a cleartext URL is fixed at the URL);
    /// the sink is then an additional location.
    /// </summary>
    public bool ReportsAtSource { get; }

    /// <summary>The rule's descriptor.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The one kind this rule reports.</summary>
    public SinkKind Kind { get; }

    /// <summary>APIs that must not receive tainted data.</summary>
    public ImmutableArray<ApiSpec> Sinks { get; }

    /// <summary>APIs whose result is clean for <see cref="Kind"/>.</summary>
    public ImmutableArray<ApiSpec> Sanitizers { get; }
}
