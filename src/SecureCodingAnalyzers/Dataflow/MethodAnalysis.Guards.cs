using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// Guards and configured methods. A guard is a condition that, where it holds, proves a variable safe: membership in
/// an allow-list (<c>Contains</c> on a collection, not a substring check), equality with a constant, a successful
/// <c>TryParse</c>, <c>Enum.IsDefined</c>, an anchored constant <c>Regex.IsMatch</c>, <c>All(char.IsLetterOrDigit)</c>,
/// <c>Url.IsLocalUrl</c> (redirects), a host compared with constants or ending in a fixed <c>.domain</c> (URLs),
/// <c>StartsWith</c> of a base directory on a <c>Path.GetFullPath</c> result and no
/// <c>Path.GetInvalidFileNameChars()</c> in a name (paths), and methods marked <c>[InputSanitizer]</c> or configured as
/// sanitizers.
/// The graph applies a guard only on the branch where it holds, so it protects exactly the sinks it dominates.
/// </summary>
internal sealed partial class MethodAnalysis
{
    private static readonly ImmutableHashSet<string> CharacterClassChecks = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "IsLetterOrDigit", "IsDigit", "IsLetter", "IsNumber", "IsUpper", "IsLower", "IsAsciiLetterOrDigit", "IsAsciiDigit",
        "IsAsciiLetter", "IsAsciiLetterLower", "IsAsciiLetterUpper", "IsAsciiHexDigit", "IsAsciiHexDigitLower", "IsAsciiHexDigitUpper");

    private readonly List<(int Slot, SinkKind Kinds, SinkKind Requires)> _guards = new();
    private static readonly List<(int Ordinal, SinkKind Kinds)> NoGuards = new();

    private TaintState Refine(IOperation? condition, bool holds, TaintState state)
    {
        if (condition is null)
        {
            return state;
        }

        _guards.Clear();
        _verifiedWhere.Clear();
        CollectGuards(condition, holds);
        if (_guards.Count == 0 && _verifiedWhere.Count == 0)
        {
            return state;
        }

        var values = new Dictionary<int, Taint>();
        state.CopyTo(values);
        foreach (var (slot, kinds, requires) in _guards)
        {
            var value = values.TryGetValue(slot, out var v) ? v : Initial(slot);
            values[slot] = _origins.Clean(value, kinds, requires);
        }

        foreach (var (subject, kinds) in _verifiedWhere)
        {
            VerifyIn(values, subject, kinds);
        }

        return TaintState.From(values);
    }

    private void CollectGuards(IOperation condition, bool holds)
    {
        condition = condition.WalkDownConversions();
        if (VerificationGuard(condition, holds))
        {
            return;
        }

        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                CollectGuards(not.Operand, !holds);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when holds:
                CollectGuards(both.LeftOperand, holds);
                CollectGuards(both.RightOperand, holds);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !holds:
                CollectGuards(either.LeftOperand, holds);
                CollectGuards(either.RightOperand, holds);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                // Where a || b holds, one of them does: a variable is clean for what both sides prove about it.
                EitherGuards(either.LeftOperand, either.RightOperand, holds);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                EitherGuards(both.LeftOperand, both.RightOperand, holds);
                return;
            case IBinaryOperation comparison when InvalidFileNameCharsCheck(comparison, holds):
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } equality:
                if (holds == (equality.OperatorKind == BinaryOperatorKind.Equals))
                {
                    EqualsConstant(equality.LeftOperand, equality.RightOperand);
                }

                return;
            case IIsPatternOperation isPattern:
                if (holds == !(isPattern.Pattern is INegatedPatternOperation) && IsConstantPattern(isPattern.Pattern))
                {
                    Guard(isPattern.Value, SinkKind.AllSinks);
                }

                return;
            case IInvocationOperation invocation when holds:
                InvocationGuard(invocation);
                return;
        }
    }

    private bool IsOwnType(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _model.Compilation.Assembly);

    private void EitherGuards(IOperation left, IOperation right, bool holds)
    {
        // Where only one of two checks is known to hold, neither verifies anything.
        var verifiedMark = _verifiedWhere.Count;
        try
        {
            IntersectGuards(left, right, holds);
        }
        finally
        {
            _verifiedWhere.RemoveRange(verifiedMark, _verifiedWhere.Count - verifiedMark);
        }
    }

    private void IntersectGuards(IOperation left, IOperation right, bool holds)
    {
        var mark = _guards.Count;
        CollectGuards(left, holds);
        var middle = _guards.Count;
        CollectGuards(right, holds);
        var found = _guards.GetRange(mark, _guards.Count - mark);
        _guards.RemoveRange(mark, _guards.Count - mark);
        for (var i = 0; i < middle - mark; i++)
        {
            for (var j = middle - mark; j < found.Count; j++)
            {
                if (found[i].Slot == found[j].Slot && (found[i].Kinds & found[j].Kinds) != SinkKind.None)
                {
                    _guards.Add((found[i].Slot, found[i].Kinds & found[j].Kinds, found[i].Requires | found[j].Requires));
                }
            }
        }
    }

    private void InvocationGuard(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments;
        switch (method.Name)
        {
            case "Contains" or "ContainsKey" when arguments.Length >= 1:
            {
                var collection = invocation.Instance ?? arguments[0].Value;
                var value = invocation.Instance is null ? (arguments.Length > 1 ? arguments[1].Value : null) : arguments[0].Value;
                if (value is not null && collection.Type?.SpecialType != SpecialType.System_String && !IsUntrusted(EvalPure(collection)))
                {
                    Guard(value, SinkKind.AllSinks);
                }

                return;
            }

            case "TryParse" or "TryParseExact" when method.IsStatic && arguments.Length >= 2:
                // The input parsed, and the parsed value (an IPAddress, a Version) prints as the parser's own text.
                Guard(arguments[0].Value, SinkKind.AllSinks);
                foreach (var argument in arguments)
                {
                    if (argument.Parameter?.RefKind == RefKind.Out)
                    {
                        Guard(argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value, SinkKind.AllSinks);
                    }
                }

                return;
            case "IsDefined" when method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType, _model.Enum):
                Guard(arguments[arguments.Length - 1].Value, SinkKind.AllSinks);
                return;
            case "Equals" when arguments.Length >= 1:
                EqualsConstant(invocation.Instance ?? arguments[0].Value, invocation.Instance is null ? (arguments.Length > 1 ? arguments[1].Value : null) : arguments[0].Value);
                return;
            case "IsMatch" when SymbolEqualityComparer.Default.Equals(method.ContainingType, _model.Regex):
                if (AnchoredPattern(invocation) && Argument(arguments, "input") is { } input)
                {
                    Guard(input, SinkKind.AllSinks);
                }

                return;
            case "All" when arguments.Length == 2 && arguments[1].Value.WalkDownConversions() is IDelegateCreationOperation { Target: IMethodReferenceOperation reference }
                                                 && SymbolEqualityComparer.Default.Equals(reference.Method.ContainingType, _model.Char)
                                                 && CharacterClassChecks.Contains(reference.Method.Name):
                Guard(arguments[0].Value, SinkKind.AllSinks);
                return;
            case "IsAssignableFrom" when arguments.Length == 1 && invocation.Instance?.WalkDownConversions() is ITypeOfOperation { TypeOperand: { } bound } && IsOwnType(bound):
                // typeof(IPlugin).IsAssignableFrom(type): only implementations of the application's own contract.
                Guard(arguments[0].Value, SinkKind.TypeName);
                return;
            case "IsAssignableTo" or "IsSubclassOf" when arguments.Length == 1 && invocation.Instance is { } candidate
                                                       && arguments[0].Value.WalkDownConversions() is ITypeOfOperation { TypeOperand: { } bound } && IsOwnType(bound):
                Guard(candidate, SinkKind.TypeName);
                return;
            case "IsLocalUrl" when arguments.Length >= 1:
                Guard(arguments[arguments.Length - 1].Value, SinkKind.Redirect);
                return;
            case "EndsWith" when invocation.Instance?.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "Host" or "IdnHost" or "DnsSafeHost" } host
                                 && arguments.Length >= 1 && arguments[0].Value.ConstantValue.Value is string suffix && suffix.Length > 1 && suffix[0] == '.':
                // uri.Host.EndsWith(".example.com"): a subdomain of a fixed domain (the dot keeps out "evil-example.com").
                Guard(host, UrlPrefix.Cleans);
                return;
            case "StartsWith" when invocation.Instance is { } prefixed && arguments.Length >= 1 && !IsUntrusted(EvalPure(arguments[0].Value)):
                if (arguments[0].Value.ConstantValue.Value is string prefix)
                {
                    if (UrlPrefix.FixesAuthority(prefix))
                    {
                        Guard(prefixed, UrlPrefix.Cleans);
                    }

                    if (IsBaseDirectory(prefix))
                    {
                        BaseDirectoryGuard(prefixed);
                    }
                }
                else
                {
                    BaseDirectoryGuard(prefixed);
                }

                return;
        }

        var kinds = ConfiguredSanitizerKinds(method);
        if (kinds != SinkKind.None && method.ReturnType.SpecialType == SpecialType.System_Boolean)
        {
            foreach (var argument in arguments)
            {
                Guard(argument.Value, kinds);
            }

            return;
        }

        foreach (var (ordinal, guarded) in ValidatorGuards(invocation, method))
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    Guard(argument.Value, guarded);
                }
            }
        }
    }

    /// <summary>
    /// A <c>bool</c> method of the same file whose body is one returned condition (<c>=> Allowed.Contains(name)</c>,
    /// <c>{ return Regex.IsMatch(s, "^[a-z]+$") &amp;&amp; s.Length &lt; 32; }</c>) is a guard for the parameters that
    /// condition guards: teams write their validation helpers this way. The body is read through the caller's semantic
    /// model (same syntax tree), once per method and analysis.
    /// </summary>
    private List<(int Ordinal, SinkKind Kinds)> ValidatorGuards(IInvocationOperation invocation, IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (method.ReturnType.SpecialType != SpecialType.System_Boolean || method.DeclaringSyntaxReferences.Length != 1
            || (invocation.SemanticModel ?? _semanticModel) is not { } model || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree)
        {
            return NoGuards;
        }

        // Once per method and compilation: binding the helper's body again at every call would grow with the callers.
        if (_model.Validators.TryGetValue(method, out var known))
        {
            return known;
        }

        var result = new List<(int Ordinal, SinkKind Kinds)>();
        if (!HasSummary(method)
            || ReturnedCondition(method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken)) is not { } condition
            || model.GetOperation(condition, _cancellationToken) is not { } operation)
        {
            return _model.Validators.GetOrAdd(method, result);
        }

        var mark = _guards.Count;
        CollectGuards(operation, holds: true);
        for (var i = mark; i < _guards.Count; i++)
        {
            var (slot, kinds, requires) = _guards[i];
            if (requires == SinkKind.None && SymbolOf(slot) is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
            {
                result.Add((parameter.Ordinal, kinds));
            }
        }

        _guards.RemoveRange(mark, _guards.Count - mark);
        if (_model.Integrity is not null)
        {
            VerifiedParameters(operation, method, result);
        }

        return _model.Validators.GetOrAdd(method, result);
    }

    private static ExpressionSyntax? ReturnedCondition(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax { ExpressionBody.Expression: { } expression } => expression,
        MethodDeclarationSyntax { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } returned } => returned,
        LocalFunctionStatementSyntax { ExpressionBody.Expression: { } expression } => expression,
        _ => null,
    };

    private ISymbol? SymbolOf(int slot)
    {
        foreach (var pair in _symbolSlots)
        {
            if (pair.Value == slot)
            {
                return pair.Key;
            }
        }

        return null;
    }

    /// <summary>
    /// <c>name.IndexOfAny(Path.GetInvalidFileNameChars())</c> compared with <c>0</c> or <c>-1</c> (the characters may
    /// come from a field initialized with them): where no invalid character was found, the name has no directory
    /// separator, like a <c>Path.GetFileName</c> result. Returns false when the comparison is not such a check.
    /// </summary>
    private bool InvalidFileNameCharsCheck(IBinaryOperation comparison, bool holds)
    {
        var left = comparison.LeftOperand.WalkDownConversions();
        var right = comparison.RightOperand.WalkDownConversions();
        var kind = comparison.OperatorKind;
        if (left.ConstantValue.HasValue)
        {
            (left, right) = (right, left);
            kind = kind switch
            {
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                _ => kind,
            };
        }

        if (left is not IInvocationOperation { TargetMethod.Name: "IndexOfAny", Instance: { } name } search
            || search.Arguments.Length == 0
            || !IsInvalidFileNameChars(search.Arguments[0].Value.WalkDownConversions())
            || right.ConstantValue.Value is not int bound)
        {
            return false;
        }

        bool? noneFound = (kind, bound) switch
        {
            (BinaryOperatorKind.LessThan, 0) or (BinaryOperatorKind.Equals, -1) or (BinaryOperatorKind.LessThanOrEqual, -1) => true,
            (BinaryOperatorKind.GreaterThanOrEqual, 0) or (BinaryOperatorKind.NotEquals, -1) or (BinaryOperatorKind.GreaterThan, -1) => false,
            _ => null,
        };
        if (noneFound == holds)
        {
            Guard(name, SinkKind.Path);
        }

        return true;
    }

    private bool IsInvalidFileNameChars(IOperation characters)
    {
        switch (characters)
        {
            case IInvocationOperation { TargetMethod: { Name: "GetInvalidFileNameChars", ContainingType: { Name: "Path", ContainingNamespace.Name: "IO" } } }:
                return true;
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                foreach (var reference in field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetInvalidFileNameChars" } } })
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// A base-directory check cleans a path only when it compares the normalized path: a variable holding a
    /// <c>Path.GetFullPath</c> result, or the argument of <c>Path.GetFullPath(p).StartsWith(...)</c> itself (the
    /// file system resolves <c>p</c> to the path that was checked).
    /// </summary>
    private void BaseDirectoryGuard(IOperation prefixed)
    {
        if (prefixed.WalkDownConversions() is IInvocationOperation { TargetMethod: { Name: "GetFullPath", ContainingType: { Name: "Path", ContainingNamespace.Name: "IO" } }, Arguments.Length: > 0 } normalize)
        {
            Guard(normalize.Arguments[0].Value, SinkKind.Path);
            return;
        }

        Guard(prefixed, SinkKind.Path, SinkKind.NormalizedPath);
    }

    /// <summary>A constant absolute directory below the root (<c>/srv/data/</c>, <c>C:\Data\</c>): a base directory, not a URL.</summary>
    private static bool IsBaseDirectory(string prefix)
        => (prefix.Length > 1 && prefix[0] is '/' or '\\' && prefix[1] is not '/' and not '\\')
           || (prefix.Length > 3 && char.IsLetter(prefix[0]) && prefix[1] == ':' && prefix[2] is '\\' or '/');

    /// <summary>
    /// True when a guard's reference value (the allow-list, the base directory) holds untrusted input. Fields and
    /// parameters only might: a static allow-list field is the normal case, so only sources disqualify a guard.
    /// </summary>
    private bool IsUntrusted(Taint taint)
    {
        foreach (var bit in taint.Bits())
        {
            if (_origins[bit].Origin.Kind == OriginKind.Source)
            {
                return true;
            }
        }

        return false;
    }

    private void EqualsConstant(IOperation left, IOperation? right)
    {
        if (right is null)
        {
            return;
        }

        if (IsNonNullConstant(right))
        {
            Guard(left, SinkKind.AllSinks);
        }
        else if (IsNonNullConstant(left))
        {
            Guard(right, SinkKind.AllSinks);
        }
    }

    private static bool IsNonNullConstant(IOperation operation)
        => operation.WalkDownConversions().ConstantValue is { HasValue: true, Value: not null };

    private static bool IsConstantPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsNonNullConstant(constant.Value),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or => IsConstantPattern(or.LeftPattern) && IsConstantPattern(or.RightPattern),
        INegatedPatternOperation negated => IsConstantPattern(negated.Pattern),
        _ => false,
    };

    /// <summary>Marks the variable (or the URI whose host is compared) clean on the branch.</summary>
    private void Guard(IOperation operand, SinkKind kinds, SinkKind requires = SinkKind.None)
    {
        operand = operand.WalkDownConversions();
        if (operand is IPropertyReferenceOperation { Property.Name: "Host" or "Authority" or "IdnHost" or "DnsSafeHost", Instance: { } uri }
            && SymbolEqualityComparer.Default.Equals(operand.Type?.SpecialType == SpecialType.System_String ? ((IPropertyReferenceOperation)operand).Property.ContainingType : null, _model.Uri))
        {
            operand = uri.WalkDownConversions();
            kinds &= UrlPrefix.Cleans;
        }

        var slot = TrackedSlot(operand);
        if (slot >= 0)
        {
            _guards.Add((slot, kinds, requires));
        }
    }

    private static IOperation? Argument(ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == name)
            {
                return argument.Value;
            }
        }

        return null;
    }

    // ---- regular expressions used as allow-lists ----

    private bool AnchoredPattern(IInvocationOperation invocation)
    {
        string? pattern = null;
        if (Argument(invocation.Arguments, "pattern") is { } argument)
        {
            pattern = argument.ConstantValue.Value as string;
        }
        else if (invocation.Instance is { } instance)
        {
            pattern = RegexPattern(instance.WalkDownConversions());
        }

        return pattern is not null && IsAnchoredAllowList(pattern);
    }

    private string? RegexPattern(IOperation regex)
    {
        switch (regex)
        {
            case IObjectCreationOperation creation when creation.Arguments.Length > 0:
                return creation.Arguments[0].Value.ConstantValue.Value as string;
            case IInvocationOperation generated:
                foreach (var attribute in generated.TargetMethod.GetAttributes())
                {
                    if (attribute.AttributeClass?.Name == "GeneratedRegexAttribute" && attribute.ConstructorArguments.Length > 0)
                    {
                        return attribute.ConstructorArguments[0].Value as string;
                    }
                }

                return null;
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                foreach (var reference in field.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } args } }
                        && args[0].Expression is LiteralExpressionSyntax literal)
                    {
                        return literal.Token.Value as string;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// An anchored pattern (<c>^...$</c> or <c>\A...\z</c>) that does not accept any character: no <c>.</c>,
    /// <c>\S</c>, <c>\W</c>, <c>\D</c> or negated class outside a character class. Such a pattern is an allow-list.
    /// </summary>
    internal static bool IsAnchoredAllowList(string pattern)
    {
        var start = pattern.StartsWith("^", StringComparison.Ordinal) ? 1 : pattern.StartsWith(@"\A", StringComparison.Ordinal) ? 2 : -1;
        var end = pattern.EndsWith(@"\z", StringComparison.Ordinal) ? pattern.Length - 2
            : pattern.EndsWith("$", StringComparison.Ordinal) && !pattern.EndsWith(@"\$", StringComparison.Ordinal) ? pattern.Length - 1 : -1;
        if (start < 0 || end < start || pattern.IndexOf('|') >= 0)
        {
            return false;
        }

        var inClass = false;
        for (var i = start; i < end; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < end)
            {
                if (!inClass && pattern[i + 1] is 'S' or 'W' or 'D' or 'p' or 'P')
                {
                    return false;
                }

                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
                if (i + 1 < end && pattern[i + 1] == '^')
                {
                    return false;
                }
            }
            else if (c == '.')
            {
                return false;
            }
        }

        return true;
    }

    // ---- configured and attributed methods ----

    /// <summary>The kinds a method cleans because of <c>[InputSanitizer]</c> (cached per compilation) or configuration.</summary>
    private SinkKind ConfiguredSanitizerKinds(IMethodSymbol method)
        => (_config.HasMethods ? _config.SanitizerKinds(method) : SinkKind.None) | _model.AttributeSanitizerKinds(method);

    /// <summary>Configured sources, sinks, sanitizers, validators and pass-through methods.</summary>
    private Taint Configured(IOperation operation, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Taint[] taints, Taint all, ref bool handled)
    {
        var result = Taint.None;
        if (_config.HasMethods)
        {
            var sinks = _config.SinkKinds(method);
            // Every sink kind, wherever its bit is (the markers from bit 29 up are not sinks).
            for (var bit = 0; bit < 29 && sinks != SinkKind.None; bit++)
            {
                var kind = (SinkKind)(1u << bit);
                if ((sinks & kind & SinkKind.Everything) == 0)
                {
                    continue;
                }

                for (var i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Value.Type?.SpecialType == SpecialType.System_String || arguments[i].Parameter?.Type.SpecialType == SpecialType.System_String)
                    {
                        RecordSink(arguments[i].Syntax, kind, "the configured sink " + method.Name, taints[i]);
                    }
                }
            }

            var sources = _config.SourceKinds(method);
            if (sources != SinkKind.None)
            {
                result |= SourceBit(operation.Syntax, operation.Syntax.GetLocation(), SourceGroup.Custom, "the configured source " + method.Name, sources);
            }

            if (_config.IsPassThrough(method))
            {
                result |= all;
                handled = true;
            }
        }

        var cleans = ConfiguredSanitizerKinds(method);
        if (cleans == SinkKind.None || method.ReturnType.SpecialType == SpecialType.System_Boolean)
        {
            return result;
        }

        handled = true;
        if (method.ReturnsVoid)
        {
            // A validator: it throws on bad input, so its arguments are clean after the call.
            foreach (var argument in arguments)
            {
                var slot = TrackedSlot(argument.Value.WalkDownConversions());
                if (slot >= 0)
                {
                    Set(slot, _origins.Clean(Get(slot), cleans));
                }
            }

            return result;
        }

        return result | _origins.Clean(all, cleans);
    }
}
