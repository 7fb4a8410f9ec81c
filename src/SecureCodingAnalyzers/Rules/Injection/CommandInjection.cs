using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2002: untrusted data as the program or the argument string of a process: <c>Process.Start</c>, the
/// <c>ProcessStartInfo</c> constructor, <c>FileName</c> and <c>Arguments</c>, and CliWrap's <c>Cli.Wrap</c>,
/// <c>WithTargetFile</c> and <c>WithArguments(string)</c>. An argument string is split into arguments by the
/// started program (and by <c>cmd.exe</c> rules on Windows), so one value can add options or more arguments.
/// <c>ArgumentList</c> entries and the <c>IEnumerable&lt;string&gt;</c> overloads pass each value as exactly one
/// argument and are not sinks. No API escapes a command line, so the rule has no built-in sanitizer: conversions to
/// numbers, allow-lists, anchored regular expressions and <c>IPAddress.TryParse</c> clean a value.
/// </summary>
internal static class CommandInjection
{
    private const string Process = "System.Diagnostics.Process";
    private const string StartInfo = "System.Diagnostics.ProcessStartInfo";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.CommandInjection,
        SinkKind.Command,
        ImmutableArray.Create(
            Sink(SinkKind.Command, Process, "Start", "the program started by Process.Start", "fileName"),
            Sink(SinkKind.Command, Process, "Start", "the argument string of Process.Start", "arguments:string"),
            Sink(SinkKind.Command, StartInfo, ".ctor", "the program of a ProcessStartInfo", "fileName"),
            Sink(SinkKind.Command, StartInfo, ".ctor", "the argument string of a ProcessStartInfo", "arguments:string"),
            Sink(SinkKind.Command, StartInfo, "FileName", "the program to start (ProcessStartInfo.FileName)"),
            Sink(SinkKind.Command, StartInfo, "Arguments", "the argument string of a process (ProcessStartInfo.Arguments)"),
            Sink(SinkKind.Command, "CliWrap.Cli", "Wrap", "the program run by CliWrap (Cli.Wrap)", "targetFilePath"),
            Sink(SinkKind.Command, "CliWrap.Command", ".ctor", "the program run by a CliWrap command", "targetFilePath"),
            Sink(SinkKind.Command, "CliWrap.Command", ".ctor", "the argument string of a CliWrap command", "arguments:string"),
            Sink(SinkKind.Command, "CliWrap.Command", "WithTargetFile", "the program run by a CliWrap command", "targetFilePath"),
            Sink(SinkKind.Command, "CliWrap.Command", "WithArguments", "the argument string of a CliWrap command", "arguments:string")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
