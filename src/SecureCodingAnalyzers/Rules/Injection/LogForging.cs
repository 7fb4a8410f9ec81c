using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2009: untrusted data in the message text of a log call: the message template of
/// Microsoft.Extensions.Logging and Serilog, the message of NLog, log4net and <c>Trace</c>. Structured arguments are
/// kept as data and are not sinks. Removing line breaks (<c>Replace("\n", ...)</c>, <c>ReplaceLineEndings("")</c>)
/// or URL encoding cleans a value.
/// </summary>
internal static class LogForging
{
    private const string Message = "a log message";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.LogForging,
        SinkKind.Log,
        ImmutableArray.Create(
            Sink(SinkKind.Log, "Microsoft.Extensions.Logging.LoggerExtensions", "*", Message, "message", "messageFormat"),
            Sink(SinkKind.Log, "Serilog.ILogger", "*", Message, "messageTemplate"),
            Sink(SinkKind.Log, "Serilog.Log", "*", Message, "messageTemplate"),
            Sink(SinkKind.Log, "NLog.ILogger", "*", Message, "message"),
            Sink(SinkKind.Log, "NLog.Logger", "*", Message, "message"),
            Sink(SinkKind.Log, "log4net.ILog", "*", Message, "message"),
            Sink(SinkKind.Log, "System.Diagnostics.Trace", "*", Message, "message"),
            Sink(SinkKind.Log, "System.Diagnostics.EventLog", "WriteEntry", Message, "message")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
