using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Rules.Tls;

/// <summary>The <c>SslPolicyErrors</c> values a validation callback accepts without any other check.</summary>
[Flags]
internal enum AcceptedErrors
{
    /// <summary>Nothing is accepted unconditionally.</summary>
    None = 0,

    /// <summary><c>RemoteCertificateNotAvailable</c>.</summary>
    NotAvailable = 1,

    /// <summary><c>RemoteCertificateNameMismatch</c>.</summary>
    NameMismatch = 2,

    /// <summary><c>RemoteCertificateChainErrors</c>.</summary>
    ChainErrors = 4,

    /// <summary>Name mismatch and chain errors together.</summary>
    NameAndChain = 8,
}

/// <summary>
/// A small abstract interpreter over a certificate validation callback body. For each error scenario it runs the
/// body with the <c>SslPolicyErrors</c> parameter bound to that value and everything else unknown, and answers
/// whether the callback certainly returns <see langword="true"/>. A branch on anything but the errors value (the
/// certificate, the chain, a field, a call) is undecided: the result only counts when both sides agree, so pinning,
/// custom chain building and configuration switches are never reported. Throwing ends a path without accepting, and
/// so may any call outside the framework that receives the certificate, chain or request.
/// Supported: blocks, <c>if</c>/<c>else</c>, <c>switch</c> statements and expressions, returns, local variables,
/// assignments to the errors parameter, conditional expressions, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, <c>==</c>,
/// <c>!=</c>, <c>&amp;</c>, <c>|</c>, <c>^</c>, <c>~</c>, relational operators, <c>HasFlag</c>, constant, relational,
/// <c>not</c>/<c>and</c>/<c>or</c> patterns, and calls to non-virtual helpers declared in the same syntax tree (up to
/// <see cref="MaxCallDepth"/> deep). Anything else is unknown. Every run has a step budget; running out means unknown.
/// </summary>
internal sealed class ValidationCallbackEvaluator
{
    private const int StepBudget = 600;
    private const int MaxCallDepth = 3;

    private readonly SemanticModel? _model;
    private readonly SyntaxTree _tree;
    private readonly CancellationToken _cancellationToken;
    private int _budget;
    private int _depth;

    private ValidationCallbackEvaluator(SemanticModel? model, SyntaxTree tree, CancellationToken cancellationToken)
    {
        _model = model;
        _tree = tree;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The error scenarios under which <paramref name="body"/> certainly returns true. <paramref name="errors"/> is
    /// the callback's <c>SslPolicyErrors</c> parameter (null when the callback declares none).
    /// </summary>
    public static AcceptedErrors Evaluate(IBlockOperation body, IParameterSymbol? errors, SemanticModel? model, CancellationToken cancellationToken)
    {
        var evaluator = new ValidationCallbackEvaluator(model, body.Syntax.SyntaxTree, cancellationToken);
        if (errors is null)
        {
            // The callback cannot look at the errors: one run decides every scenario.
            return evaluator.Accepts(body, null, 0)
                ? AcceptedErrors.NotAvailable | AcceptedErrors.NameMismatch | AcceptedErrors.ChainErrors | AcceptedErrors.NameAndChain
                : AcceptedErrors.None;
        }

        var accepted = AcceptedErrors.None;
        if (evaluator.Accepts(body, errors, 2))
        {
            accepted |= AcceptedErrors.NameMismatch;
        }

        if (evaluator.Accepts(body, errors, 4))
        {
            accepted |= AcceptedErrors.ChainErrors;
        }

        if (evaluator.Accepts(body, errors, 6))
        {
            accepted |= AcceptedErrors.NameAndChain;
        }

        // Not-available alone is not a finding (a TLS server always presents a certificate); it only tells
        // "accepts everything" apart from "accepts name and chain errors", so skip it when nothing else is accepted.
        if (accepted != AcceptedErrors.None && evaluator.Accepts(body, errors, 1))
        {
            accepted |= AcceptedErrors.NotAvailable;
        }

        return accepted;
    }

    /// <summary>The method body of a method or local function declared in the same syntax tree, if it has exactly one.</summary>
    public static IBlockOperation? BodyOf(IMethodSymbol method, SemanticModel? model, SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (model is null || method.IsAbstract || method.IsExtern)
        {
            return null;
        }

        var references = method.DeclaringSyntaxReferences;
        if (references.Length != 1 || references[0].SyntaxTree != tree)
        {
            return null;
        }

        return model.GetOperation(references[0].GetSyntax(cancellationToken), cancellationToken) switch
        {
            IMethodBodyBaseOperation { BlockBody: { } block, ExpressionBody: null } => block,
            IMethodBodyBaseOperation { BlockBody: null, ExpressionBody: { } expression } => expression,
            ILocalFunctionOperation { Body: { } block, IgnoredBody: null } => block,
            _ => null,
        };
    }

    private bool Accepts(IBlockOperation body, IParameterSymbol? errors, long scenario)
    {
        _budget = StepBudget;
        _depth = 0;
        var env = errors is null ? null : new Binding(errors, Value.Integer(scenario), null);
        return Run(body.Operations, 0, null, env).IsTrue;
    }

    // ---- Statements ----

    private Value Run(ImmutableArray<IOperation> operations, int index, Frame? rest, Binding? env)
    {
        while (true)
        {
            if (--_budget < 0)
            {
                return Value.Unknown;
            }

            if (index >= operations.Length)
            {
                if (rest is null)
                {
                    // Fell off the end of the body (only possible in broken code).
                    return Value.Unknown;
                }

                operations = rest.Operations;
                index = rest.Index;
                rest = rest.Next;
                continue;
            }

            var operation = operations[index++];
            switch (operation)
            {
                case IBlockOperation block:
                    rest = new Frame(operations, index, breakTarget: false, rest);
                    operations = block.Operations;
                    index = 0;
                    continue;

                case IReturnOperation ret:
                    return ret.ReturnedValue is null ? Value.Unknown : Eval(ret.ReturnedValue, env);

                case IThrowOperation:
                    return Value.Throws;

                case IExpressionStatementOperation { Operation: IThrowOperation }:
                    return Value.Throws;

                case IExpressionStatementOperation statement:
                    if (MayValidate(statement.Operation))
                    {
                        return Value.Unknown;
                    }

                    env = Execute(statement.Operation, env);
                    continue;

                case IVariableDeclarationGroupOperation group:
                    if (MayValidate(group))
                    {
                        return Value.Unknown;
                    }

                    env = Declare(group, env);
                    continue;

                case IConditionalOperation conditional:
                {
                    var condition = Eval(conditional.Condition, env);
                    if (condition.Kind == ValueKind.Throws)
                    {
                        return Value.Throws;
                    }

                    if (condition.IsTrue || condition.IsFalse)
                    {
                        var taken = condition.IsTrue ? conditional.WhenTrue : conditional.WhenFalse;
                        if (taken is not null)
                        {
                            rest = new Frame(operations, index, breakTarget: false, rest);
                            operations = ImmutableArray.Create(taken);
                            index = 0;
                        }

                        continue;
                    }

                    // Undecided by the errors value: both branches must agree.
                    var whenTrue = Run(ImmutableArray.Create(conditional.WhenTrue), 0, new Frame(operations, index, breakTarget: false, rest), env);
                    if (whenTrue.Kind == ValueKind.Unknown)
                    {
                        return Value.Unknown;
                    }

                    var whenFalse = conditional.WhenFalse is null
                        ? Run(operations, index, rest, env)
                        : Run(ImmutableArray.Create(conditional.WhenFalse), 0, new Frame(operations, index, breakTarget: false, rest), env);
                    return Value.Join(whenTrue, whenFalse);
                }

                case ISwitchOperation @switch:
                {
                    var section = ChooseSection(@switch, env, out var decided);
                    if (!decided)
                    {
                        return Value.Unknown;
                    }

                    if (section is not null)
                    {
                        rest = new Frame(operations, index, breakTarget: true, rest);
                        operations = section.Body;
                        index = 0;
                    }

                    continue;
                }

                case IBranchOperation { BranchKind: BranchKind.Break }:
                    while (rest is not null && !rest.BreakTarget)
                    {
                        rest = rest.Next;
                    }

                    if (rest is null)
                    {
                        return Value.Unknown;
                    }

                    operations = rest.Operations;
                    index = rest.Index;
                    rest = rest.Next;
                    continue;

                case IEmptyOperation:
                case ILocalFunctionOperation:
                    continue;

                default:
                    // Loops, using, lock, try...: fine as long as they cannot leave the body or throw; whatever they
                    // write becomes unknown.
                    if (Any(operation, static o => o is IReturnOperation or IThrowOperation or IBranchOperation or ILabeledOperation) || MayValidate(operation))
                    {
                        return Value.Unknown;
                    }

                    env = Invalidate(operation, env);
                    continue;
            }
        }
    }

    private ISwitchCaseOperation? ChooseSection(ISwitchOperation @switch, Binding? env, out bool decided)
    {
        var value = Eval(@switch.Value, env);
        ISwitchCaseOperation? fallback = null;
        foreach (var section in @switch.Cases)
        {
            foreach (var clause in section.Clauses)
            {
                Value match;
                switch (clause)
                {
                    case IDefaultCaseClauseOperation:
                        fallback = section;
                        continue;
                    case ISingleValueCaseClauseOperation single when single.Value is not null:
                        match = Combine(BinaryOperatorKind.Equals, value, Eval(single.Value, env));
                        break;
                    case IPatternCaseClauseOperation pattern:
                        match = Match(pattern.Pattern, value, env);
                        if (match.IsTrue && pattern.Guard is not null)
                        {
                            match = Value.AsBoolean(Eval(pattern.Guard, env));
                        }

                        break;
                    default:
                        match = Value.Unknown;
                        break;
                }

                if (match.IsTrue)
                {
                    decided = true;
                    return section;
                }

                if (!match.IsFalse)
                {
                    decided = false;
                    return null;
                }
            }
        }

        decided = true;
        return fallback;
    }

    private Binding? Execute(IOperation operation, Binding? env)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when Written(assignment.Target) is { } symbol:
            {
                var value = Eval(assignment.Value, env);
                return new Binding(symbol, value, Invalidate(assignment.Value, env));
            }

            case ICompoundAssignmentOperation compound when compound.OperatorMethod is null && Written(compound.Target) is { } symbol:
            {
                var value = Combine(compound.OperatorKind, Lookup(env, symbol), Eval(compound.Value, env));
                return new Binding(symbol, value, Invalidate(compound.Value, env));
            }

            default:
                return Invalidate(operation, env);
        }
    }

    private Binding? Declare(IVariableDeclarationGroupOperation group, Binding? env)
    {
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                var initializer = declarator.GetVariableInitializer();
                var value = initializer is null ? Value.Unknown : Eval(initializer.Value, env);
                if (initializer is not null)
                {
                    env = Invalidate(initializer.Value, env);
                }

                env = new Binding(declarator.Symbol, value, env);
            }
        }

        return env;
    }

    /// <summary>Marks every local or parameter written inside <paramref name="operation"/> as unknown.</summary>
    private static Binding? Invalidate(IOperation operation, Binding? env)
    {
        if (env is null)
        {
            return null;
        }

        var stack = new Stack<IOperation>();
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            IOperation? target = current switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                _ => null,
            };
            if (target is not null)
            {
                env = InvalidateTargets(target, env);
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }

        return env;
    }

    private static Binding? InvalidateTargets(IOperation target, Binding? env)
    {
        if (Written(target) is { } symbol)
        {
            return Lookup(env, symbol).Kind == ValueKind.Unknown ? env : new Binding(symbol, Value.Unknown, env);
        }

        // Deconstruction into a tuple of variables.
        foreach (var child in target.ChildOperations)
        {
            env = InvalidateTargets(child, env);
        }

        return env;
    }

    private static ISymbol? Written(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>
    /// A call to code outside the framework that receives the certificate, chain or request may validate them and
    /// throw (<c>EnsurePinned(cert); return true;</c>): treat it as a guard. That is code of this project, of another
    /// project of the solution (an assembly reference in command-line builds) or of a library. Framework calls
    /// (<c>System.*</c>, <c>Microsoft.*</c>: logging, console, collections) are ignored.
    /// </summary>
    private static bool MayValidate(IOperation operation)
        => Any(operation, static o => o switch
        {
            IInvocationOperation invocation => IsNonFrameworkCallWithCallbackData(invocation.TargetMethod, invocation),
            IObjectCreationOperation creation => creation.Constructor is { } constructor && IsNonFrameworkCallWithCallbackData(constructor, creation),
            _ => false,
        });

    private static bool IsNonFrameworkCallWithCallbackData(IMethodSymbol method, IOperation call)
        => !IsFramework(method)
           && Any(call, static o => o is IParameterReferenceOperation { Parameter.Type.TypeKind: not TypeKind.Enum });

    private static bool IsFramework(IMethodSymbol method)
    {
        if (method.Locations.Length > 0 && method.Locations[0].IsInSource)
        {
            return false;
        }

        var root = method.ContainingType?.ContainingNamespace;
        while (root?.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            root = parent;
        }

        return root is { Name: "System" or "Microsoft" };
    }

    // ---- Expressions ----

    private Value Eval(IOperation operation, Binding? env)
    {
        if (--_budget < 0)
        {
            return Value.Unknown;
        }

        var constant = operation.ConstantValue;
        if (constant.HasValue)
        {
            return Value.FromConstant(constant.Value);
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return conversion.OperatorMethod is null ? Eval(conversion.Operand, env) : Value.Unknown;

            case IParenthesizedOperation parenthesized:
                return Eval(parenthesized.Operand, env);

            case IParameterReferenceOperation parameter:
                return Lookup(env, parameter.Parameter);

            case ILocalReferenceOperation local:
                return Lookup(env, local.Local);

            case IUnaryOperation unary when unary.OperatorMethod is null:
            {
                var operand = Eval(unary.Operand, env);
                return unary.OperatorKind switch
                {
                    UnaryOperatorKind.Not when operand.Kind == ValueKind.Boolean => Value.Boolean(!operand.IsTrue),
                    UnaryOperatorKind.BitwiseNegation when operand.Kind == ValueKind.Integer => Value.Integer(~operand.Number),
                    _ => Value.Unknown,
                };
            }

            case IBinaryOperation binary when binary.OperatorMethod is null:
                return binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr
                    ? ShortCircuit(binary, env)
                    : Combine(binary.OperatorKind, Eval(binary.LeftOperand, env), Eval(binary.RightOperand, env));

            case IInvocationOperation invocation:
                return EvalInvocation(invocation, env);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
            {
                var condition = Eval(conditional.Condition, env);
                if (condition.Kind == ValueKind.Throws)
                {
                    return Value.Throws;
                }

                if (condition.IsTrue || condition.IsFalse)
                {
                    return Eval(condition.IsTrue ? conditional.WhenTrue : whenFalse, env);
                }

                return Value.Join(Eval(conditional.WhenTrue, env), Eval(whenFalse, env));
            }

            case IIsPatternOperation isPattern:
                return Match(isPattern.Pattern, Eval(isPattern.Value, env), env);

            case ISwitchExpressionOperation switchExpression:
            {
                var value = Eval(switchExpression.Value, env);
                foreach (var arm in switchExpression.Arms)
                {
                    var match = Match(arm.Pattern, value, env);
                    if (match.IsTrue && arm.Guard is not null)
                    {
                        match = Value.AsBoolean(Eval(arm.Guard, env));
                    }

                    if (match.IsTrue)
                    {
                        return Eval(arm.Value, env);
                    }

                    if (!match.IsFalse)
                    {
                        return Value.Unknown;
                    }
                }

                return Value.Throws;
            }

            case IThrowOperation:
                return Value.Throws;

            default:
                return Value.Unknown;
        }
    }

    private Value ShortCircuit(IBinaryOperation binary, Binding? env)
    {
        // && stops at false, || at true.
        var isAnd = binary.OperatorKind == BinaryOperatorKind.ConditionalAnd;
        var left = Value.AsBoolean(Eval(binary.LeftOperand, env));
        if (left.Kind == ValueKind.Boolean)
        {
            return left.IsTrue == isAnd ? Value.AsBoolean(Eval(binary.RightOperand, env)) : left;
        }

        // Unknown left: the right side still decides when it is the absorbing value, unless the left side may
        // validate and throw first.
        if (MayValidate(binary.LeftOperand))
        {
            return Value.Unknown;
        }

        var right = Value.AsBoolean(Eval(binary.RightOperand, env));
        return right.Kind == ValueKind.Boolean && right.IsTrue != isAnd ? right : Value.Unknown;
    }

    private Value EvalInvocation(IInvocationOperation invocation, Binding? env)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "HasFlag" && method.ContainingType?.SpecialType == SpecialType.System_Enum)
        {
            if (invocation.Instance is null || invocation.Arguments.Length != 1)
            {
                return Value.Unknown;
            }

            var value = Eval(invocation.Instance, env);
            var flag = Eval(invocation.Arguments[0].Value, env);
            return value.Kind == ValueKind.Integer && flag.Kind == ValueKind.Integer
                ? Value.Boolean((value.Number & flag.Number) == flag.Number)
                : Value.Unknown;
        }

        if (_depth >= MaxCallDepth
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
            || method.IsVirtual || method.IsOverride || method.IsAbstract
            || method.ReturnType.SpecialType != SpecialType.System_Boolean)
        {
            return Value.Unknown;
        }

        var definition = method.OriginalDefinition;
        var body = BodyOf(definition, _model, _tree, _cancellationToken);
        if (body is null)
        {
            return Value.Unknown;
        }

        Binding? callee = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None } parameter || parameter.Ordinal >= definition.Parameters.Length)
            {
                return Value.Unknown;
            }

            var value = Eval(argument.Value, env);
            if (value.Kind is ValueKind.Boolean or ValueKind.Integer)
            {
                callee = new Binding(definition.Parameters[parameter.Ordinal], value, callee);
            }
        }

        _cancellationToken.ThrowIfCancellationRequested();
        _depth++;
        var result = Run(body.Operations, 0, null, callee);
        _depth--;
        return result.Kind is ValueKind.Boolean or ValueKind.Throws ? result : Value.Unknown;
    }

    private Value Match(IPatternOperation pattern, Value value, Binding? env)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant:
                return Combine(BinaryOperatorKind.Equals, value, Eval(constant.Value, env));
            case IRelationalPatternOperation relational:
                return Combine(relational.OperatorKind, value, Eval(relational.Value, env));
            case INegatedPatternOperation negated:
            {
                var inner = Match(negated.Pattern, value, env);
                return inner.Kind == ValueKind.Boolean ? Value.Boolean(!inner.IsTrue) : Value.Unknown;
            }

            case IBinaryPatternOperation binary:
                return Kleene(binary.OperatorKind == BinaryOperatorKind.And, Match(binary.LeftPattern, value, env), Match(binary.RightPattern, value, env));
            case IDiscardPatternOperation:
                return Value.Boolean(true);
            default:
                return Value.Unknown;
        }
    }

    private static Value Combine(BinaryOperatorKind kind, Value left, Value right)
    {
        if (left.Kind == ValueKind.Boolean && right.Kind == ValueKind.Boolean)
        {
            return kind switch
            {
                BinaryOperatorKind.Equals => Value.Boolean(left.IsTrue == right.IsTrue),
                BinaryOperatorKind.NotEquals or BinaryOperatorKind.ExclusiveOr => Value.Boolean(left.IsTrue != right.IsTrue),
                BinaryOperatorKind.And => Value.Boolean(left.IsTrue && right.IsTrue),
                BinaryOperatorKind.Or => Value.Boolean(left.IsTrue || right.IsTrue),
                _ => Value.Unknown,
            };
        }

        if (left.Kind == ValueKind.Integer && right.Kind == ValueKind.Integer)
        {
            long l = left.Number, r = right.Number;
            return kind switch
            {
                BinaryOperatorKind.Equals => Value.Boolean(l == r),
                BinaryOperatorKind.NotEquals => Value.Boolean(l != r),
                BinaryOperatorKind.LessThan => Value.Boolean(l < r),
                BinaryOperatorKind.LessThanOrEqual => Value.Boolean(l <= r),
                BinaryOperatorKind.GreaterThan => Value.Boolean(l > r),
                BinaryOperatorKind.GreaterThanOrEqual => Value.Boolean(l >= r),
                BinaryOperatorKind.And => Value.Integer(l & r),
                BinaryOperatorKind.Or => Value.Integer(l | r),
                BinaryOperatorKind.ExclusiveOr => Value.Integer(l ^ r),
                _ => Value.Unknown,
            };
        }

        return Value.Unknown;
    }

    private static Value Kleene(bool isAnd, Value left, Value right)
    {
        left = Value.AsBoolean(left);
        right = Value.AsBoolean(right);
        if (left.Kind == ValueKind.Boolean && left.IsTrue != isAnd)
        {
            return left;
        }

        if (right.Kind == ValueKind.Boolean && right.IsTrue != isAnd)
        {
            return right;
        }

        return left.Kind == ValueKind.Boolean && right.Kind == ValueKind.Boolean ? left : Value.Unknown;
    }

    private static Value Lookup(Binding? env, ISymbol symbol)
    {
        for (var binding = env; binding is not null; binding = binding.Next)
        {
            if (SymbolEqualityComparer.Default.Equals(binding.Symbol, symbol))
            {
                return binding.Value;
            }
        }

        return Value.Unknown;
    }

    /// <summary>
    /// True when <paramref name="predicate"/> holds for the operation or a descendant (not inside nested functions).
    /// Iterative: it runs over whole method bodies, and a recursion per nesting level overflows the stack on deep
    /// expressions (generated concatenations), which kills the compiler process.
    /// </summary>
    internal static bool Any(IOperation root, Func<IOperation, bool> predicate)
    {
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (predicate(operation))
            {
                return true;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        return false;
    }

    private enum ValueKind : byte
    {
        Unknown,
        Boolean,
        Integer,
        Throws,
    }

    private readonly struct Value
    {
        private Value(ValueKind kind, long number)
        {
            Kind = kind;
            Number = number;
        }

        public static Value Unknown => default;

        public static Value Throws => new(ValueKind.Throws, 0);

        public ValueKind Kind { get; }

        public long Number { get; }

        public bool IsTrue => Kind == ValueKind.Boolean && Number != 0;

        public bool IsFalse => Kind == ValueKind.Boolean && Number == 0;

        public static Value Boolean(bool value) => new(ValueKind.Boolean, value ? 1 : 0);

        public static Value Integer(long value) => new(ValueKind.Integer, value);

        public static Value AsBoolean(Value value) => value.Kind == ValueKind.Boolean ? value : Unknown;

        /// <summary>The value both paths agree on, or unknown.</summary>
        public static Value Join(Value a, Value b) => a.Kind == b.Kind && a.Number == b.Number ? a : Unknown;

        public static Value FromConstant(object? constant) => constant switch
        {
            bool b => Boolean(b),
            int or long or short or sbyte or byte or ushort or uint => Integer(Convert.ToInt64(constant, CultureInfo.InvariantCulture)),
            ulong u when u <= long.MaxValue => Integer((long)u),
            _ => Unknown,
        };
    }

    /// <summary>What runs after the current statement list: the rest of an enclosing list.</summary>
    private sealed class Frame
    {
        public Frame(ImmutableArray<IOperation> operations, int index, bool breakTarget, Frame? next)
        {
            Operations = operations;
            Index = index;
            BreakTarget = breakTarget;
            Next = next;
        }

        public ImmutableArray<IOperation> Operations { get; }

        public int Index { get; }

        /// <summary>True for the statements after a <c>switch</c>: where <c>break</c> continues.</summary>
        public bool BreakTarget { get; }

        public Frame? Next { get; }
    }

    /// <summary>A persistent map from locals and parameters to known values (newest first).</summary>
    private sealed class Binding
    {
        public Binding(ISymbol symbol, Value value, Binding? next)
        {
            Symbol = symbol;
            Value = value;
            Next = next;
        }

        public ISymbol Symbol { get; }

        public Value Value { get; }

        public Binding? Next { get; }
    }
}
