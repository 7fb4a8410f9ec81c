using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4003: code downloaded (HTTP responses, <c>WebClient</c> downloads, sockets, WebSockets) and then loaded as an
/// assembly or native library, or written to a file (directly, through a stream opened on the path, or extracted from
/// a downloaded archive) that is then started or loaded, with no integrity check on the way.
/// </summary>
internal static class DownloadedCodeExecution
{
    public static TaintRule Rule { get; } = new(
        Catalog.Rules.DownloadedCodeExecution,
        SinkKind.DownloadedCode,
        CodeLoadingSinks.Loads(SinkKind.DownloadedCode).AddRange(CodeLoadingSinks.Runs(SinkKind.DownloadedCode)),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.All & ~(SourceGroup.Network | SourceGroup.Custom));
}
