using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Dataflow;
using SecureCodingAnalyzers.Symbols;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7011 (on the shared engine): untrusted text as the <em>input</em> of <c>Regex.IsMatch</c>, <c>Match</c>,
/// <c>Matches</c>, <c>Replace</c>, <c>Split</c>, <c>Count</c> and <c>EnumerateMatches</c> (static and instance) when the
/// regular expression can backtrack catastrophically (<see cref="BacktrackingPattern"/>) and nothing bounds it: no
/// match timeout, no <c>RegexOptions.NonBacktracking</c>, no <c>[GeneratedRegex]</c> timeout and no
/// <c>REGEX_DEFAULT_MATCH_TIMEOUT</c> set through <c>AppContext.SetData</c> anywhere in the compilation.
/// The pattern must be known: a constant in a static call, a construction in the same body
/// (<c>var r = new Regex("...")</c>, <c>new Regex("...").IsMatch(x)</c>), a field initialized with a construction, or
/// a <c>[GeneratedRegex]</c> method or property. Other instances and non-constant patterns are not reported (an
/// untrusted pattern is SCR2008's finding).
/// </summary>
internal static class RegexDenialOfService
{
    private const string RegexType = "System.Text.RegularExpressions.Regex";
    private const string Input = "the input of a regular expression";

    /// <summary><c>RegexOptions.NonBacktracking</c> (.NET 7+).</summary>
    private const int NonBacktracking = 0x400;

    private static readonly ConditionalWeakTable<Compilation, StrongBox<bool>> DefaultTimeouts = new();

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.RegexWithoutTimeout,
        SinkKind.RegexInput,
        ImmutableArray.Create(
            Sink(SinkKind.RegexInput, RegexType, "*", Input, "input").Except(IsSafe)),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);

    /// <summary>True (not a sink) unless the call runs a catastrophic pattern without any bound.</summary>
    private static bool IsSafe(ImmutableArray<IArgumentOperation> arguments)
    {
        if (arguments.IsEmpty || arguments[0].Parent is not IInvocationOperation call)
        {
            return true;
        }

        Regex? regex = call.Instance is { } instance ? Instance(instance) : FromArguments(arguments);
        if (regex is not { } found || found.Bounded || !BacktrackingPattern.IsCatastrophic(found.Pattern, found.Options))
        {
            return true;
        }

        return HasDefaultTimeout(call);
    }

    private readonly struct Regex
    {
        public Regex(string pattern, int options, bool bounded)
        {
            Pattern = pattern;
            Options = options;
            Bounded = bounded || (options & NonBacktracking) != 0;
        }

        public string Pattern { get; }

        public int Options { get; }

        public bool Bounded { get; }
    }

    /// <summary>The pattern, options and timeout of a static call or a construction.</summary>
    private static Regex? FromArguments(ImmutableArray<IArgumentOperation> arguments)
    {
        string? pattern = null;
        var options = 0;
        var bounded = false;
        foreach (var argument in arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "pattern":
                    pattern = argument.Value.WalkDownConversions().ConstantValue.Value as string;
                    if (pattern is null)
                    {
                        return null;
                    }

                    break;
                case "options":
                    if (argument.Value.ConstantValue is not { HasValue: true, Value: int value })
                    {
                        return null;
                    }

                    options = value;
                    break;
                case "matchTimeout":
                    var timeout = argument.Value.WalkDownConversions();
                    bounded |= !(timeout is IFieldReferenceOperation { Field.Name: "InfiniteMatchTimeout" or "InfiniteTimeSpan" } || timeout is IDefaultValueOperation);
                    break;
            }
        }

        return pattern is null ? null : new Regex(pattern, options, bounded);
    }

    /// <summary>The regex an instance call runs, when its construction is known.</summary>
    private static Regex? Instance(IOperation instance)
    {
        instance = instance.WalkDownConversions();
        switch (instance)
        {
            case IObjectCreationOperation creation:
                return FromArguments(creation.Arguments);
            case ILocalReferenceOperation local:
                return OnlyWrite(local.Local, instance) is IObjectCreationOperation written ? FromArguments(written.Arguments) : null;
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                return FieldInitializer(field);
            case IInvocationOperation { Arguments.IsEmpty: true } generated:
                return Generated(generated.TargetMethod);
            case IPropertyReferenceOperation { Property.GetMethod: { } getter }:
                return Generated(getter) ?? Generated(((IPropertyReferenceOperation)instance).Property);
            default:
                return null;
        }
    }

    /// <summary>The one value written to a local in its body, or null when there are several or none.</summary>
    private static IOperation? OnlyWrite(ILocalSymbol local, IOperation from)
    {
        IOperation? value = null;
        foreach (var operation in from.Root().DescendantsAndSelf())
        {
            IOperation? written = operation switch
            {
                IVariableDeclaratorOperation { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => initializer.Value,
                IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                _ => null,
            };
            if (written is null)
            {
                continue;
            }

            if (value is not null)
            {
                return null;
            }

            value = written.WalkDownConversions();
        }

        return value;
    }

    /// <summary>
    /// <c>static readonly Regex R = new Regex("...", RegexOptions.X);</c>, read from syntax: a field's initializer is
    /// another body, and a rule must not bind other trees. Only literal patterns and <c>RegexOptions</c> members count.
    /// </summary>
    private static Regex? FieldInitializer(IFieldSymbol field)
    {
        if (field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var value })
        {
            return null;
        }

        var arguments = value switch
        {
            ObjectCreationExpressionSyntax creation => creation.ArgumentList,
            ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.ArgumentList,
            _ => null,
        };
        if (arguments is null || arguments.Arguments.Count == 0
            || arguments.Arguments[0].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
            || value is ObjectCreationExpressionSyntax { Type: var type } && !type.ToString().EndsWith("Regex", StringComparison.Ordinal))
        {
            return null;
        }

        var options = 0;
        if (arguments.Arguments.Count > 1)
        {
            foreach (var name in arguments.Arguments[1].Expression.DescendantNodesAndSelf())
            {
                if (name is IdentifierNameSyntax { Identifier.ValueText: var option })
                {
                    options |= option switch
                    {
                        "IgnorePatternWhitespace" => 0x20,
                        "NonBacktracking" => NonBacktracking,
                        _ => 0,
                    };
                }
            }
        }

        return new Regex(literal.Token.ValueText, options, bounded: arguments.Arguments.Count > 2);
    }

    /// <summary>A <c>[GeneratedRegex(pattern, options, matchTimeoutMilliseconds)]</c> method or property.</summary>
    private static Regex? Generated(ISymbol member)
    {
        foreach (var attribute in member.GetAttributes())
        {
            if (attribute.AttributeClass?.Name != "GeneratedRegexAttribute" || attribute.AttributeConstructor is not { } constructor)
            {
                continue;
            }

            string? pattern = null;
            var options = 0;
            var bounded = false;
            for (var i = 0; i < attribute.ConstructorArguments.Length && i < constructor.Parameters.Length; i++)
            {
                var value = attribute.ConstructorArguments[i].Value;
                switch (constructor.Parameters[i].Name)
                {
                    case "pattern":
                        pattern = value as string;
                        break;
                    case "options" when value is int flags:
                        options = flags;
                        break;
                    case "matchTimeoutMilliseconds" when value is int milliseconds:
                        bounded = milliseconds > 0;
                        break;
                }
            }

            return pattern is null ? null : new Regex(pattern, options, bounded);
        }

        return null;
    }

    /// <summary>
    /// <c>AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", ...)</c> somewhere in the compilation: a process-wide
    /// default timeout. Looked up (a text search of the sources, once per compilation) only for a finding.
    /// </summary>
    private static bool HasDefaultTimeout(IOperation call)
    {
        if (call.SemanticModel?.Compilation is not { } compilation)
        {
            return false;
        }

        return DefaultTimeouts.GetValue(compilation, c =>
        {
            foreach (var tree in c.SyntaxTrees)
            {
                var text = tree.TryGetText(out var loaded) ? loaded : tree.GetText();
                if (text.ToString().IndexOf("REGEX_DEFAULT_MATCH_TIMEOUT", StringComparison.Ordinal) >= 0)
                {
                    return new StrongBox<bool>(true);
                }
            }

            return new StrongBox<bool>(false);
        }).Value;
    }
}
