using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Dataflow;
using SecureCodingAnalyzers.Symbols;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2009: untrusted data in the message text of a log call: the message (template) of Microsoft.Extensions.Logging
/// (<c>LogInformation</c>, <c>Log</c>, <c>BeginScope</c> with a format or a string state, ...) and Serilog, the
/// message or format of NLog, log4net, <c>Trace</c>, <c>TraceSource</c> and <c>EventLog.WriteEntry</c>. Structured arguments are kept as data and are not
/// sinks. Removing line breaks (<c>Replace("\n", ...)</c>, <c>ReplaceLineEndings("")</c>, <c>Regex.Replace</c> with a
/// pattern that matches them), URL encoding and JSON serialization (which escapes control characters) clean a value.
/// </summary>
internal static class LogForging
{
    private const string Message = "a log message";

    private static readonly char[] LineBreaks = { '\r', '\n' };

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.LogForging,
        SinkKind.Log,
        ImmutableArray.Create(
            Sink(SinkKind.Log, "Microsoft.Extensions.Logging.LoggerExtensions", "*", Message, "message", "messageFormat"),
            Sink(SinkKind.Log, "Microsoft.Extensions.Logging.ILogger", "BeginScope", Message, "state").Except(IsStructuredState),
            Sink(SinkKind.Log, "Serilog.ILogger", "*", Message, "messageTemplate"),
            Sink(SinkKind.Log, "Serilog.Core.Logger", "*", Message, "messageTemplate"),
            Sink(SinkKind.Log, "Serilog.Log", "*", Message, "messageTemplate"),
            Sink(SinkKind.Log, "NLog.ILogger", "*", Message, "message"),
            Sink(SinkKind.Log, "NLog.ILoggerBase", "*", Message, "message"),
            Sink(SinkKind.Log, "NLog.Logger", "*", Message, "message"),
            Sink(SinkKind.Log, "log4net.ILog", "*", Message, "message", "format"),
            Sink(SinkKind.Log, "System.Diagnostics.Trace", "*", Message, "message", "format"),
            Sink(SinkKind.Log, "System.Diagnostics.TraceSource", "*", Message, "message", "format"),
            Sink(SinkKind.Log, "System.Diagnostics.EventLog", "WriteEntry", Message, "message")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Log, "System.Text.Json.JsonSerializer", "Serialize"),
            Sanitizer(SinkKind.Log, "System.Text.RegularExpressions.Regex", "Replace").Except(KeepsLineBreaks)),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);

    /// <summary>
    /// False for the static <c>Regex.Replace(input, pattern, replacement)</c> whose constant pattern matches line
    /// breaks (<c>\n</c>, <c>\s</c>, <c>\p{C}</c>, a negated class) and whose constant replacement has none: the
    /// usual way to flatten a value before logging it. True (not a sanitizer) for every other call.
    /// </summary>
    private static bool KeepsLineBreaks(ImmutableArray<IArgumentOperation> arguments)
    {
        string? pattern = null;
        string? replacement = null;
        foreach (var argument in arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "pattern":
                    pattern = argument.Value.ConstantValue.Value as string;
                    break;
                case "replacement":
                    replacement = argument.Value.ConstantValue.Value as string;
                    break;
            }
        }

        return pattern is null || replacement is null || replacement.IndexOfAny(LineBreaks) >= 0
               || !(pattern.IndexOf('\n') >= 0 || pattern.Contains(@"\n") || pattern.Contains(@"\s") || pattern.Contains(@"\p{C") || pattern.Contains("[^"));
    }

    /// <summary>A scope state other than a string (a dictionary, a record) is kept as structured data.</summary>
    private static bool IsStructuredState(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == "state")
            {
                return argument.Value.WalkDownConversions().Type?.SpecialType != SpecialType.System_String;
            }
        }

        return true;
    }
}
