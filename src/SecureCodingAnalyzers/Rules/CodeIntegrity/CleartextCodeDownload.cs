using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4004: a constant <c>http://</c> URL (not the loopback interface) whose response is loaded or started as code.
/// Reported at the URL, whether or not the code is verified afterwards: a signature does not stop an attacker on the
/// path from serving an old signed version or withholding updates. A verified cleartext download is still SCR4004,
/// an unverified one is SCR4003 too.
/// </summary>
internal static class CleartextCodeDownload
{
    public static TaintRule Rule { get; } = new(
        Catalog.Rules.CleartextCodeDownload,
        SinkKind.CleartextCode,
        CodeLoadingSinks.Loads(SinkKind.CleartextCode).AddRange(CodeLoadingSinks.Runs(SinkKind.CleartextCode)),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.All & ~SourceGroup.Cleartext,
        reportsAtSource: true);
}
