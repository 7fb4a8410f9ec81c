using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>Where a tainted value comes from, within one method.</summary>
internal enum OriginKind : byte
{
    /// <summary>A source of untrusted input (index into <see cref="MethodFacts.Sources"/>).</summary>
    Source,

    /// <summary>A parameter of the method (index = ordinal).</summary>
    Parameter,

    /// <summary>The result of a call to a method of the compilation (index into <see cref="MethodFacts.Calls"/>).</summary>
    CallResult,

    /// <summary>A field or property of <c>this</c>, or a static field, on entry (index into <see cref="MethodFacts.Fields"/>).</summary>
    Field,
}

/// <summary>Where a tainted value goes, within one method.</summary>
internal enum TargetKind : byte
{
    /// <summary>A sink (index into <see cref="MethodFacts.Sinks"/>).</summary>
    Sink,

    /// <summary>An argument of a call to a method of the compilation (index into <see cref="MethodFacts.Calls"/>, argument = parameter ordinal).</summary>
    CallArgument,

    /// <summary>The method's return value.</summary>
    Return,

    /// <summary>A write to a field or property (index into <see cref="MethodFacts.Fields"/>).</summary>
    FieldWrite,
}

/// <summary>An origin: kind and index.</summary>
internal readonly struct Origin : IEquatable<Origin>
{
    public Origin(OriginKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    public OriginKind Kind { get; }

    public int Index { get; }

    public bool Equals(Origin other) => Kind == other.Kind && Index == other.Index;

    public override bool Equals(object? obj) => obj is Origin other && Equals(other);

    public override int GetHashCode() => ((int)Kind * 397) ^ Index;
}

/// <summary>A source of untrusted input in a method.</summary>
internal sealed class SourceSite
{
    public SourceSite(Location location, SourceGroup group, string description, SinkKind appliesTo)
    {
        Location = location;
        Group = group;
        Description = description;
        AppliesTo = appliesTo;
    }

    public Location Location { get; }

    public SourceGroup Group { get; }

    public string Description { get; }

    /// <summary>The rules the source counts for (configured sources may be rule-specific).</summary>
    public SinkKind AppliesTo { get; }
}

/// <summary>A sink in a method.</summary>
internal sealed class SinkSite
{
    public SinkSite(Location location, SinkKind kind, string description)
    {
        Location = location;
        Kind = kind;
        Description = description;
    }

    public Location Location { get; }

    public SinkKind Kind { get; }

    public string Description { get; }
}

/// <summary>A call to a method of the compilation, whose summary is applied at composition.</summary>
internal sealed class CallSite
{
    public CallSite(IMethodSymbol callee, Location location)
    {
        Callee = callee;
        Location = location;
    }

    public IMethodSymbol Callee { get; }

    public Location Location { get; }
}

/// <summary>One edge of a method's local flow: an origin reaches a target, cleaned for <see cref="Clean"/>.</summary>
internal readonly struct FlowFact : IEquatable<FlowFact>
{
    public FlowFact(Origin origin, SinkKind clean, TargetKind target, int index, int argument, Location? location)
    {
        Origin = origin;
        Clean = clean;
        Target = target;
        Index = index;
        Argument = argument;
        Location = location;
    }

    public Origin Origin { get; }

    public SinkKind Clean { get; }

    public TargetKind Target { get; }

    public int Index { get; }

    public int Argument { get; }

    /// <summary>Where the step happens (the argument of a call, the field write); not part of equality.</summary>
    public Location? Location { get; }

    public bool Equals(FlowFact other)
        => Origin.Equals(other.Origin) && Clean == other.Clean && Target == other.Target && Index == other.Index && Argument == other.Argument;

    public override bool Equals(object? obj) => obj is FlowFact other && Equals(other);

    public override int GetHashCode() => (((Origin.GetHashCode() * 31 + (int)Clean) * 31 + (int)Target) * 31 + Index) * 31 + Argument;
}

/// <summary>
/// The result of analyzing one method body: its sources, sinks, calls into the compilation and fields, and the flow
/// facts between them. Facts from a source to a sink of the same method are reported at once; the rest is the
/// method's summary, composed with the others' at the end of the compilation.
/// </summary>
internal sealed class MethodFacts
{
    public MethodFacts(IMethodSymbol method)
    {
        Method = method;
    }

    public IMethodSymbol Method { get; }

    public List<SourceSite> Sources { get; } = new();

    public List<SinkSite> Sinks { get; } = new();

    public List<CallSite> Calls { get; } = new();

    public List<ISymbol> Fields { get; } = new();

    public HashSet<FlowFact> Facts { get; } = new();

    /// <summary>Sinks already reported from a source of this method (the composition does not report them again).</summary>
    public HashSet<int> ReportedSinks { get; } = new();

    /// <summary>Methods of the compilation this body maps as minimal-API handlers (their parameters are request data).</summary>
    public HashSet<IMethodSymbol> Handlers { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Comparisons of a digest with a value fetched from the network (SCR4006), reported with the method.</summary>
    public List<(Location Location, string Text)> SameOriginChecks { get; } = new();

    /// <summary>Why the analysis stopped early (a budget), or null when it completed.</summary>
    public string? Degradation { get; set; }

    /// <summary>True when the facts matter beyond the method (anything but source-to-sink edges).</summary>
    public bool HasSummary
    {
        get
        {
            foreach (var fact in Facts)
            {
                if (fact.Origin.Kind != OriginKind.Source || fact.Target != TargetKind.Sink)
                {
                    return true;
                }
            }

            return Handlers.Count > 0;
        }
    }
}
