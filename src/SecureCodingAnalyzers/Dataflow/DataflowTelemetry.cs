using System.Threading;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// Process-wide counters of the dataflow engine, read by the benchmark and by tests: how many method bodies were
/// seen, how many passed the cheap filter and got a control-flow graph, how many hit a budget (their findings may be
/// incomplete; SCR2000 reports them when enabled), and how much work was done.
/// </summary>
public static class DataflowTelemetry
{
    private static long s_methodsSeen;
    private static long s_methodsAnalyzed;
    private static long s_methodsDegraded;
    private static long s_steps;
    private static long s_composeTicks;

    /// <summary>Method bodies (methods, accessors, lambdas' owners, top-level statements) the engine saw.</summary>
    public static long MethodsSeen => Interlocked.Read(ref s_methodsSeen);

    /// <summary>Bodies with both a source or parameter and a sink or call: those got a control-flow graph.</summary>
    public static long MethodsAnalyzed => Interlocked.Read(ref s_methodsAnalyzed);

    /// <summary>Bodies whose analysis stopped at a budget.</summary>
    public static long MethodsDegraded => Interlocked.Read(ref s_methodsDegraded);

    /// <summary>Operations evaluated by the transfer functions.</summary>
    public static long Steps => Interlocked.Read(ref s_steps);

    /// <summary>Time spent composing summaries at the end of compilations, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public static long ComposeTicks => Interlocked.Read(ref s_composeTicks);

    /// <summary>Resets every counter (benchmarks and tests).</summary>
    public static void Reset()
    {
        Interlocked.Exchange(ref s_methodsSeen, 0);
        Interlocked.Exchange(ref s_methodsAnalyzed, 0);
        Interlocked.Exchange(ref s_methodsDegraded, 0);
        Interlocked.Exchange(ref s_steps, 0);
        Interlocked.Exchange(ref s_composeTicks, 0);
    }

    internal static void Composed(long ticks) => Interlocked.Add(ref s_composeTicks, ticks);

    internal static void Seen() => Interlocked.Increment(ref s_methodsSeen);

    internal static void Analyzed(long steps, bool degraded)
    {
        Interlocked.Increment(ref s_methodsAnalyzed);
        Interlocked.Add(ref s_steps, steps);
        if (degraded)
        {
            Interlocked.Increment(ref s_methodsDegraded);
        }
    }
}
