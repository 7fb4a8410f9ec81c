using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Dataflow;
using SecureCodingAnalyzers.Symbols;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2008: untrusted regular-expression patterns (<c>new Regex(pattern)</c> and the static <c>Regex</c> methods:
/// <c>IsMatch</c>, <c>Match</c>, <c>Matches</c>, <c>Replace</c>, <c>Split</c>, <c>Count</c>, <c>EnumerateMatches</c>).
/// Untrusted *input* strings matched against a fixed pattern are not flagged; <c>Regex.Escape</c> cleans a pattern.
/// A pattern run by the linear-time engine (<c>RegexOptions.NonBacktracking</c>) or with a finite match timeout
/// cannot stall the process and is deliberately accepted: that is how a feature that lets users search with their
/// own expressions is written.
/// </summary>
internal static class RegexInjection
{
    private const string Pattern = "a regular-expression pattern";

    /// <summary><c>RegexOptions.NonBacktracking</c> (.NET 7+): matching time linear in the input.</summary>
    private const int NonBacktracking = 0x400;

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.RegexInjection,
        SinkKind.Regex,
        ImmutableArray.Create(
            Sink(SinkKind.Regex, "System.Text.RegularExpressions.Regex", ".ctor", Pattern, "pattern").Except(IsBounded),
            Sink(SinkKind.Regex, "System.Text.RegularExpressions.Regex", "*", Pattern, "pattern").Except(IsBounded)),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Regex, "System.Text.RegularExpressions.Regex", "Escape")),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);

    /// <summary>True when the call runs the pattern with the non-backtracking engine or a finite match timeout.</summary>
    private static bool IsBounded(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "options" when argument.Value.ConstantValue is { HasValue: true, Value: int options } && (options & NonBacktracking) != 0:
                    return true;
                case "matchTimeout" when !IsInfinite(argument.Value.WalkDownConversions()):
                    return true;
            }
        }

        return false;
    }

    // Regex.InfiniteMatchTimeout, Timeout.InfiniteTimeSpan, a negative or zero constant: no bound.
    private static bool IsInfinite(IOperation timeout)
        => timeout is IFieldReferenceOperation { Field.Name: "InfiniteMatchTimeout" or "InfiniteTimeSpan" }
           || timeout is IDefaultValueOperation;
}
