using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2002: untrusted data as the program or the argument string of a process: <c>Process.Start</c>,
/// <c>ProcessStartInfo</c> constructor, <c>FileName</c> and <c>Arguments</c>. <c>ArgumentList</c> entries are
/// passed to the program one by one without shell parsing and are not sinks.
/// </summary>
internal static class CommandInjection
{
    public static TaintRule Rule { get; } = new(
        Catalog.Rules.CommandInjection,
        SinkKind.Command,
        ImmutableArray.Create(
            Sink(SinkKind.Command, "System.Diagnostics.Process", "Start", "a process start (Process.Start)", "fileName", "arguments"),
            Sink(SinkKind.Command, "System.Diagnostics.ProcessStartInfo", ".ctor", "a process start (ProcessStartInfo)", "fileName", "arguments"),
            Sink(SinkKind.Command, "System.Diagnostics.ProcessStartInfo", "FileName", "the program to start (ProcessStartInfo.FileName)"),
            Sink(SinkKind.Command, "System.Diagnostics.ProcessStartInfo", "Arguments", "process arguments (ProcessStartInfo.Arguments)")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
