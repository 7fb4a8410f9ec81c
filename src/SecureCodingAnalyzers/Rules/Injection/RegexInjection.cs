using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2008: untrusted regular-expression patterns (<c>new Regex(pattern)</c> and the static <c>Regex</c> methods).
/// Untrusted *input* strings matched against a fixed pattern are not flagged; <c>Regex.Escape</c> cleans a pattern.
/// </summary>
internal static class RegexInjection
{
    private const string Pattern = "a regular-expression pattern";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.RegexInjection,
        SinkKind.Regex,
        ImmutableArray.Create(
            Sink(SinkKind.Regex, "System.Text.RegularExpressions.Regex", ".ctor", Pattern, "pattern"),
            Sink(SinkKind.Regex, "System.Text.RegularExpressions.Regex", "*", Pattern, "pattern")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Regex, "System.Text.RegularExpressions.Regex", "Escape")),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
