using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>Transfer functions: the taint of an operation's value, and its effects on variables, sinks and facts.</summary>
internal sealed partial class MethodAnalysis
{
    private static readonly string[] BufferParameters = { "buffer", "buffers", "destination", "target", "array" };

    private Taint Eval(IOperation? operation)
    {
        if (operation is null || _stopped)
        {
            return Taint.None;
        }

        if (++_steps > _maxSteps)
        {
            _stopped = true;
            return Taint.None;
        }

        if (operation.ConstantValue.HasValue)
        {
            return _fixedPathSlots is null ? Taint.None : FixedPathTaint(operation);
        }

        switch (operation)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation:
                return Get(TrackedSlot(operation));

            case IFlowCaptureOperation capture:
                NoteCapture(capture);
                Set(SlotOf(capture.Id), Eval(capture.Value));
                return Taint.None;

            case IFieldReferenceOperation field:
                return MemberRead(operation, field.Instance, field.Field, field.Type!);

            case IPropertyReferenceOperation property:
                foreach (var argument in property.Arguments)
                {
                    Eval(argument.Value);
                }

                return MemberRead(operation, property.Instance, property.Property, property.Type!);

            case ISimpleAssignmentOperation assignment:
            {
                var value = Eval(assignment.Value);
                Assign(assignment.Target, value, weak: false);
                NoteFileHandle(TrackedSlot(assignment.Target.WalkDownConversions()), assignment.Value);
                return value;
            }

            case ICompoundAssignmentOperation compound:
            {
                var value = Eval(compound.Target) | Eval(compound.Value);
                Assign(compound.Target, value, weak: false);
                return value;
            }

            case ICoalesceAssignmentOperation coalesce:
            {
                var value = Eval(coalesce.Target) | Eval(coalesce.Value);
                Assign(coalesce.Target, value, weak: false);
                return value;
            }

            case IDeconstructionAssignmentOperation deconstruction:
                return Deconstruct(deconstruction.Target, deconstruction.Value);

            case IBinaryOperation binary:
                return _fixedPathSlots is null ? Binary(binary) : Binary(binary) | FixedPathTaint(binary);

            case IInterpolatedStringOperation interpolated:
                return Interpolation(interpolated);

            case IConversionOperation conversion:
            {
                var value = Eval(conversion.Operand);
                return _model.IsTaintable(conversion.Type) ? value : Taint.None;
            }

            case IInvocationOperation invocation:
                return _fixedPathSlots is null ? Invocation(invocation) : Invocation(invocation) | FixedPathTaint(invocation);

            case IObjectCreationOperation creation:
                return Creation(creation);

            case IIsPatternOperation isPattern:
                AssignPattern(isPattern.Pattern, Eval(isPattern.Value));
                return Taint.None;

            case IFlowAnonymousFunctionOperation or IAnonymousFunctionOperation:
                AnalyzeLambda(operation, _ => Taint.None);
                return Taint.None;

            case IDelegateCreationOperation delegateCreation:
                Eval(delegateCreation.Target);
                return Taint.None;

            // Only on operation trees (straight-line bodies); the graph lowers these.
            case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
            {
                var value = Eval(initializer.Value);
                Set(SlotOf(declarator.Symbol), _model.IsTaintable(declarator.Symbol.Type) ? value : Taint.None);
                NoteFileHandle(SlotOf(declarator.Symbol), initializer.Value);
                return Taint.None;
            }

            case IReturnOperation returned:
                _returned |= Eval(returned.ReturnedValue);
                _exited = true;
                return Taint.None;

            case IThrowOperation thrown when thrown.Parent is IBlockOperation or IExpressionStatementOperation:
                Eval(thrown.Exception);
                _exited = true;
                return Taint.None;

            case IBlockOperation block:
                foreach (var statement in block.Operations)
                {
                    if (_exited)
                    {
                        break;
                    }

                    DropDeadLocals(statement.Syntax.SpanStart);
                    Eval(statement);
                }

                return Taint.None;

            case IConditionalOperation conditional:
                return Conditional(conditional);

            case IConditionalAccessOperation access:
            {
                _conditionalReceivers.Push(Eval(access.Operation));
                var value = Eval(access.WhenNotNull);
                _conditionalReceivers.Pop();
                return value;
            }

            case IConditionalAccessInstanceOperation:
                return _conditionalReceivers.Count > 0 ? _conditionalReceivers.Peek() : Taint.None;

            case ISwitchExpressionOperation switchExpression:
                return SwitchExpression(switchExpression);

            case IInstanceReferenceOperation:
                return operation is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } ? _initializerTaint : Taint.None;

            case INameOfOperation or ITypeOfOperation or ISizeOfOperation or IDefaultValueOperation or ILiteralOperation:
                return Taint.None;

            default:
            {
                var value = Taint.None;
                foreach (var child in operation.ChildOperations)
                {
                    value |= Eval(child);
                }

                return _model.IsTaintable(operation.Type) ? value : Taint.None;
            }
        }
    }

    // ---- structured control flow (operation trees of bodies without loops, switch statements or handlers) ----

    /// <summary>
    /// <c>if</c> and <c>?:</c> on the operation tree: each branch starts from the state refined by the condition (the
    /// guards that hold there), and the states join after it; a branch that returns or throws contributes nothing.
    /// </summary>
    private Taint Conditional(IConditionalOperation conditional)
    {
        Eval(conditional.Condition);
        var before = TaintState.From(_work);
        Refine(conditional.Condition, holds: true, before).CopyTo(_work);
        var value = Eval(conditional.WhenTrue);
        var whenTrue = TaintState.From(_work);
        var trueExited = _exited;

        _exited = false;
        before.CopyTo(_work);
        Refine(conditional.Condition, holds: false, before).CopyTo(_work);
        value |= Eval(conditional.WhenFalse);
        var falseExited = _exited;

        _exited = trueExited && falseExited;
        if (!falseExited)
        {
            var whenFalse = TaintState.From(_work);
            (trueExited ? whenFalse : TaintState.Join(whenTrue, whenFalse, Initial)).CopyTo(_work);
        }
        else
        {
            whenTrue.CopyTo(_work);
        }

        return conditional.Type is { } type && _model.IsTaintable(type) ? value : Taint.None;
    }

    /// <summary><c>a &amp;&amp; b</c> evaluates <c>b</c> where <c>a</c> held, <c>a || b</c> where it did not.</summary>
    private Taint ShortCircuit(IBinaryOperation logical)
    {
        var value = Eval(logical.LeftOperand);
        var before = TaintState.From(_work);
        Refine(logical.LeftOperand, holds: logical.OperatorKind == BinaryOperatorKind.ConditionalAnd, before).CopyTo(_work);
        value |= Eval(logical.RightOperand);
        TaintState.Join(before, TaintState.From(_work), Initial).CopyTo(_work);
        return _model.IsTaintable(logical.Type) ? value : Taint.None;
    }

    /// <summary>A switch expression: an arm with a constant pattern sees the switched value as that constant.</summary>
    private Taint SwitchExpression(ISwitchExpressionOperation switchExpression)
    {
        Eval(switchExpression.Value);
        var before = TaintState.From(_work);
        var value = Taint.None;
        foreach (var arm in switchExpression.Arms)
        {
            before.CopyTo(_work);
            if (IsConstantPattern(arm.Pattern) && TrackedSlot(switchExpression.Value.WalkDownConversions()) is var slot and >= 0)
            {
                Set(slot, _origins.Clean(Get(slot), SinkKind.AllSinks));
            }

            Eval(arm.Guard);
            value |= Eval(arm.Value);
        }

        before.CopyTo(_work);
        return _model.IsTaintable(switchExpression.Type) ? value : Taint.None;
    }

    private Taint MemberRead(IOperation operation, IOperation? instance, ISymbol member, ITypeSymbol type)
    {
        var slot = TrackedSlot(operation);
        if (slot >= 0)
        {
            return Get(slot);
        }

        var receiver = instance is null or IInstanceReferenceOperation ? Taint.None : Eval(instance);
        var value = receiver;
        _model.Specs.Find(member, _specs);
        foreach (var spec in _specs)
        {
            if (spec.Role == ApiRole.Source)
            {
                value |= SourceBit(operation.Syntax, operation.Syntax.GetLocation(), spec.Group, spec.Description, spec.AppliesTo);
            }
        }

        if (_model.Integrity is { } integrity && member.Name == "IsValid" && SymbolEqualityComparer.Default.Equals(member.ContainingType, integrity.SignatureVerificationResult))
        {
            // NuGet's VerifySignaturesResult.IsValid: where it holds, the package the result was computed for is verified.
            Verification(operation, receiver);
        }

        return _model.IsTaintable(type) ? value : Taint.None;
    }

    /// <summary>Assigns <paramref name="value"/> to <paramref name="target"/>; a sink setter is reported at <paramref name="site"/> (default: the assignment).</summary>
    private void Assign(IOperation target, Taint value, bool weak, SyntaxNode? site = null)
    {
        target = target.WalkDownConversions();
        site ??= target.Parent?.Syntax ?? target.Syntax;
        switch (target)
        {
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    Assign(element, value, weak);
                }

                return;
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, value, weak);
                return;
            case IDiscardOperation:
                return;
        }

        if (!_model.IsTaintable(target.Type))
        {
            value = Taint.None;
        }

        if (target is IFlowCaptureReferenceOperation captured && _referenceCaptures.TryGetValue((_graph, captured.Id), out var reference))
        {
            Assign(reference, value, weak, site);
        }

        var slot = TrackedSlot(target);
        if (slot >= 0)
        {
            Set(slot, weak ? Get(slot) | value : value);
            WroteToFile(slot, value);
            if (target is IFieldReferenceOperation or IPropertyReferenceOperation)
            {
                RecordFacts(value, TargetKind.FieldWrite, FieldIndex(((IMemberReferenceOperation)target).Member.OriginalDefinition), 0, target.Syntax.GetLocation());
            }

            return;
        }

        switch (target)
        {
            case IPropertyReferenceOperation property:
                foreach (var argument in property.Arguments)
                {
                    Eval(argument.Value);
                }

                _model.Specs.Find(property.Property, _specs);
                foreach (var spec in _specs)
                {
                    if (spec.Role == ApiRole.Sink && spec.Names(ApiSpec.Value))
                    {
                        RecordSink(site, spec.Kinds, spec.Description, SinkTaint(spec, value));
                    }
                }

                TaintContainer(property.Instance, value);
                return;
            case IFieldReferenceOperation field:
                TaintContainer(field.Instance, value);
                return;
            case IArrayElementReferenceOperation element:
                TaintContainer(element.ArrayReference, value);
                foreach (var index in element.Indices)
                {
                    Eval(index);
                }

                return;
            default:
                Eval(target);
                return;
        }
    }

    /// <summary><c>var (a, b) = (x, y)</c> pairs elements; from any other value each target gets the whole taint.</summary>
    private Taint Deconstruct(IOperation target, IOperation value)
    {
        var targets = target.WalkDownConversions() is IDeclarationExpressionOperation declaration ? declaration.Expression : target.WalkDownConversions();
        if (targets is ITupleOperation left && value.WalkDownConversions() is ITupleOperation right && left.Elements.Length == right.Elements.Length)
        {
            var all = Taint.None;
            for (var i = 0; i < left.Elements.Length; i++)
            {
                var element = Deconstruct(left.Elements[i], right.Elements[i]);
                all |= element;
            }

            return all;
        }

        var taint = Eval(value);
        Assign(target, taint, weak: false);
        return taint;
    }

    /// <summary>Writing tainted data into a member or element of an object taints the object.</summary>
    private void TaintContainer(IOperation? instance, Taint value)
    {
        if (instance is null || value.IsEmpty)
        {
            return;
        }

        if (instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
        {
            _initializerTaint |= value;
            return;
        }

        // Fluent calls (builder.Append(a).Append(b)) mutate the builder at the start of the chain.
        while (instance is IInvocationOperation { Instance: { } inner } fluent && IsMutator(fluent.TargetMethod.Name))
        {
            instance = inner;
        }

        var slot = TrackedSlot(instance);
        if (slot >= 0 && _model.IsTaintable(instance.Type))
        {
            Set(slot, Get(slot) | value);
            WroteToFile(slot, value);
        }
    }

    private void AssignPattern(IPatternOperation pattern, Taint value)
    {
        switch (pattern)
        {
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local }:
                Set(SlotOf(local), _model.IsTaintable(local.Type) ? value : Taint.None);
                break;
            case IRecursivePatternOperation recursive:
                if (recursive.DeclaredSymbol is ILocalSymbol declared)
                {
                    Set(SlotOf(declared), value);
                }

                foreach (var sub in recursive.PropertySubpatterns)
                {
                    AssignPattern(sub.Pattern, value);
                }

                foreach (var sub in recursive.DeconstructionSubpatterns)
                {
                    AssignPattern(sub, value);
                }

                break;
            case IBinaryPatternOperation binary:
                AssignPattern(binary.LeftPattern, value);
                AssignPattern(binary.RightPattern, value);
                break;
            case INegatedPatternOperation negated:
                AssignPattern(negated.Pattern, value);
                break;
        }
    }

    private Taint Binary(IBinaryOperation binary)
    {
        if (binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr)
        {
            return ShortCircuit(binary);
        }

        var left = Eval(binary.LeftOperand);
        var right = Eval(binary.RightOperand);
        var value = left | right;
        if (binary.OperatorKind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals && _model.Integrity is not null)
        {
            DigestComparison(binary, left, right);
        }

        if (binary.Type?.SpecialType != SpecialType.System_String)
        {
            return _model.IsTaintable(binary.Type) ? value : Taint.None;
        }

        return !value.IsEmpty && LeftmostConstant(binary) is { } prefix && UrlPrefix.FixesAuthority(prefix)
            ? _origins.Clean(value, UrlPrefix.Cleans)
            : value;
    }

    private Taint Interpolation(IInterpolatedStringOperation interpolated)
    {
        var value = Taint.None;
        foreach (var part in interpolated.Parts)
        {
            if (part is IInterpolationOperation interpolation)
            {
                value |= Eval(interpolation.Expression);
                Eval(interpolation.Alignment);
                Eval(interpolation.FormatString);
            }
        }

        return !value.IsEmpty && LeftmostConstant(interpolated) is { } prefix && UrlPrefix.FixesAuthority(prefix)
            ? _origins.Clean(value, UrlPrefix.Cleans)
            : value;
    }

    private static string? LeftmostConstant(IOperation operation)
    {
        while (true)
        {
            if (operation.ConstantValue is { HasValue: true, Value: string text })
            {
                return text;
            }

            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    operation = binary.LeftOperand;
                    continue;
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    continue;
                case IInterpolatedStringOperation interpolated:
                    return interpolated.Parts.Length > 0 && interpolated.Parts[0] is IInterpolatedStringTextOperation first
                        ? first.Text.ConstantValue.Value as string
                        : null;
                default:
                    return null;
            }
        }
    }

    // ---- calls ----

    private Taint Invocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var receiver = invocation.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
            ? Taint.None
            : Eval(invocation.Instance);
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            return LocalFunction(method, invocation.Arguments);
        }

        return Call(invocation, method, invocation.Instance, receiver, invocation.Arguments);
    }

    private Taint Creation(IObjectCreationOperation creation)
    {
        var result = creation.Constructor is { } constructor
            ? Call(creation, constructor, null, Taint.None, creation.Arguments)
            : Taint.None;
        if (creation.Initializer is { } initializer)
        {
            var saved = _initializerTaint;
            _initializerTaint = Taint.None;
            foreach (var item in initializer.Initializers)
            {
                Eval(item);
            }

            result |= _initializerTaint;
            _initializerTaint = saved;
        }

        return _model.IsTaintable(creation.Type) ? result : Taint.None;
    }

    /// <summary>The shared transfer function of invocations and constructions.</summary>
    private Taint Call(IOperation operation, IMethodSymbol method, IOperation? instance, Taint receiver, ImmutableArray<IArgumentOperation> arguments)
    {
        var taints = arguments.Length == 0 ? Array.Empty<Taint>() : new Taint[arguments.Length];
        var all = receiver;
        var lambdaResult = Taint.None;
        for (var i = 0; i < arguments.Length; i++)
        {
            var value = arguments[i].Value.WalkDownConversions();
            if (value is IDelegateCreationOperation { Target: var target })
            {
                lambdaResult |= DelegateArgument(method, target, receiver | (i > 0 && method.IsExtensionMethod ? taints[0] : Taint.None));
                continue;
            }

            taints[i] = Eval(arguments[i].Value);
            if (arguments[i].Parameter?.RefKind != RefKind.Out)
            {
                all |= taints[i];
            }
        }

        var result = Taint.None;
        var handled = false;
        var cleans = SinkKind.None;
        ApiSpec? partial = null;
        _model.Specs.Find(method, _specs, instance?.Type);
        foreach (var spec in _specs)
        {
            switch (spec.Role)
            {
                case ApiRole.Sink when spec.Unless is null || !spec.Unless(arguments):
                    var itself = spec.Itself is null ? Taint.None : SourceBit(operation.Syntax, operation.Syntax.GetLocation(), spec.Group, spec.Itself, spec.Kinds);
                    for (var i = 0; i < arguments.Length; i++)
                    {
                        if (arguments[i].Parameter is { } parameter && spec.Names(parameter) && !IsFormattableString(parameter.Type))
                        {
                            RecordSink(SinkSyntax(arguments[i]), spec.Kinds, spec.Description, SinkTaint(spec, taints[i]) | itself);
                        }
                    }

                    if (spec.Names(ApiSpec.This))
                    {
                        RecordSink(operation.Syntax, spec.Kinds, spec.Description, receiver);
                    }

                    break;
                case ApiRole.Sanitizer when spec.Unless is null || !spec.Unless(arguments):
                    // Several rules may list the same sanitizer (Path.GetFileName cleans paths and assembly paths):
                    // the result is clean for all their kinds at once, not a union of differently cleaned copies.
                    if (spec.Names(ApiSpec.Return))
                    {
                        cleans |= spec.Kinds;
                    }
                    else
                    {
                        partial = spec;
                    }

                    handled = true;
                    break;
                case ApiRole.Source when (spec.Group != SourceGroup.Files || ReadsVariablePath(arguments) || method.MethodKind == MethodKind.PropertyGet)
                                         && (spec.Unless is null || !spec.Unless(arguments))
                                         && !BuiltInSources.ReadsSystemLocation(spec, arguments):
                    var bit = SourceBit(operation.Syntax, operation.Syntax.GetLocation(), spec.Group, spec.Description, spec.AppliesTo)
                              | (spec.Group == SourceGroup.Network ? CleartextDownload(arguments) : Taint.None);
                    if ((spec.AppliesTo & SinkKind.AllSinks) == 0)
                    {
                        // A source for code only (a downloaded file's path): what the path names, not the path itself.
                        bit = ForIntegrityOnly(bit);
                    }

                    if (spec.Names(ApiSpec.Return))
                    {
                        result |= bit;
                    }

                    foreach (var argument in arguments)
                    {
                        if (argument.Parameter is { } parameter && spec.Names(parameter.Name))
                        {
                            Assign(argument.Value, bit, weak: true);
                        }
                    }

                    break;
            }
        }

        if (cleans != SinkKind.None)
        {
            result |= _origins.Clean(all, cleans);
        }
        else if (partial is not null)
        {
            // Only the named arguments are cleaned; the receiver and the other arguments pass through.
            var value = receiver;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Parameter is { RefKind: not RefKind.Out } parameter)
                {
                    value |= partial.Names(parameter.Name) ? _origins.Clean(taints[i], partial.Kinds) : taints[i];
                }
            }

            result |= value;
        }

        var attributeKinds = _model.AttributeSanitizerKinds(method);
        if (_config.HasMethods || attributeKinds != SinkKind.None)
        {
            result |= Configured(operation, method, arguments, taints, all, ref handled);
        }

        if (!handled)
        {
            result |= Propagate(operation, method, instance, receiver, arguments, taints, all);
        }

        // Adding tainted data to a collection or builder taints it (Add, Append, Insert, Push, ...).
        if (instance is not null && IsMutator(method.Name) && !HasSummary(method))
        {
            TaintContainer(instance, all);
        }

        if (_model.Integrity is { } integrity)
        {
            result = IntegrityCall(integrity, operation, method, instance, receiver, arguments, taints, all, result, attributeKinds & SinkKind.Verified);
        }

        result |= lambdaResult;
        return method.MethodKind == MethodKind.Constructor || _model.IsTaintable(method.ReturnType) ? result : Taint.None;
    }

    /// <summary>
    /// Where a sink argument is reported: the argument, or for a <c>params</c> argument passed as one value (whose
    /// syntax is the whole call) that value.
    /// </summary>
    private static SyntaxNode SinkSyntax(IArgumentOperation argument)
        => argument is { ArgumentKind: ArgumentKind.ParamArray, Value: IArrayCreationOperation { Initializer.ElementValues: { Length: 1 } elements } }
            ? elements[0].Syntax
            : argument.Syntax;

    /// <summary>What a call returns when no spec says otherwise: a summary call site, or the metadata default.</summary>
    private Taint Propagate(IOperation operation, IMethodSymbol method, IOperation? instance, Taint receiver, ImmutableArray<IArgumentOperation> arguments, Taint[] taints, Taint all)
    {
        if (HasSummary(method))
        {
            var site = CallSiteIndex(operation.Syntax, method);
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Parameter is { } parameter)
                {
                    RecordFacts(taints[i], TargetKind.CallArgument, site, parameter.Ordinal, arguments[i].Syntax.GetLocation());
                }
            }

            var returnsValue = method.MethodKind != MethodKind.Constructor && _model.IsTaintable(method.ReturnType);
            return returnsValue ? _origins.Bit(new Origin(OriginKind.CallResult, site)) | receiver : Taint.None;
        }

        // Metadata (or a method without a body): the documented conservative default. The result carries the taint
        // of the receiver and every argument; out arguments and the buffers a tainted reader fills carry it too.
        if (method.Name == nameof(GetType) && arguments.Length == 0)
        {
            return Taint.None;
        }

        if (IsDictionaryLookup(method))
        {
            // A value looked up by key carries the dictionary's taint, not the key's: mapping untrusted names to
            // fixed programs or paths is an allow-list.
            all = method.IsStatic ? (taints.Length > 0 ? taints[0] : Taint.None) : receiver;
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter is not { } parameter)
            {
                continue;
            }

            if (parameter.RefKind == RefKind.Out || (parameter.RefKind == RefKind.Ref && !(receiver | all).IsEmpty))
            {
                Assign(arguments[i].Value, all, weak: false);
            }
            else if (!receiver.IsEmpty && (Array.IndexOf(BufferParameters, parameter.Name) >= 0 || (method.Name is "CopyTo" or "CopyToAsync" && parameter.Ordinal == 0)))
            {
                Assign(arguments[i].Value, receiver, weak: true);
            }
        }

        var result = all;
        if (method.ContainingType?.SpecialType == SpecialType.System_String)
        {
            result = StringMethod(method, arguments, result);
        }

        return result;
    }

    /// <summary><c>TryGetValue</c> and <c>GetValueOrDefault</c> of a dictionary (an instance method or the extension).</summary>
    private static bool IsDictionaryLookup(IMethodSymbol method)
    {
        if (method.Name is not ("TryGetValue" or "GetValueOrDefault"))
        {
            return false;
        }

        var dictionary = method.IsStatic && method.Parameters.Length > 0 ? method.Parameters[0].Type as INamedTypeSymbol : method.ContainingType;
        if (dictionary is null)
        {
            return false;
        }

        foreach (var type in dictionary.AllInterfaces.Add(dictionary))
        {
            if (type.Name is "IDictionary" or "IReadOnlyDictionary" && type.Arity == 2 && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>String methods that remove line breaks clean log text; <c>string.Format</c> with a URL prefix fixes the host.</summary>
    private Taint StringMethod(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Taint result)
    {
        if (result.IsEmpty)
        {
            return Taint.None;
        }

        switch (method.Name)
        {
            case "Replace" when arguments.Length >= 2 && IsLineBreak(arguments[0].Value):
            case "ReplaceLineEndings" when arguments.Length == 1 && arguments[0].Value.ConstantValue.Value is string replacement && replacement.IndexOfAny(new[] { '\r', '\n' }) < 0:
                return _origins.Clean(result, SinkKind.Log);
            case "Format" when arguments.Length >= 2 && Argument(arguments, "format")?.ConstantValue.Value is string format && UrlPrefix.FixesAuthority(format.Split('{')[0]):
                return _origins.Clean(result, UrlPrefix.Cleans);
            default:
                return result;
        }
    }

    /// <summary>
    /// A <c>FormattableString</c> parameter is never a sink: the callee receives the holes as separate arguments
    /// (EF Core's <c>FromSql</c>/<c>ExecuteSqlCommand($"...")</c> overloads make them parameters).
    /// </summary>
    private static bool IsFormattableString(ITypeSymbol type)
        => type is INamedTypeSymbol { Name: "FormattableString", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool IsLineBreak(IOperation value)
        => value.ConstantValue.Value is string text
            ? text.IndexOf('\n') >= 0
            : value is IPropertyReferenceOperation { Property.Name: "NewLine", Property.ContainingType.Name: "Environment" };

    private static bool ReadsVariablePath(ImmutableArray<IArgumentOperation> arguments)
        => Argument(arguments, "path") is { } path && !path.ConstantValue.HasValue;

    /// <summary>The taint of an expression without evaluating its effects twice (constants, variables, concatenations).</summary>
    private Taint EvalPure(IOperation value)
    {
        value = value.WalkDownConversions();
        if (value.ConstantValue.HasValue)
        {
            return Taint.None;
        }

        var slot = TrackedSlot(value);
        if (slot >= 0)
        {
            return Get(slot);
        }

        var result = Taint.None;
        foreach (var child in value.ChildOperations)
        {
            result |= EvalPure(child);
        }

        return result;
    }

    private static bool IsMutator(string name)
        => name is "Add" or "AddRange" or "Append" or "AppendLine" or "AppendFormat" or "AppendJoin" or "Insert" or "InsertRange"
            or "Push" or "Enqueue" or "TryAdd" or "Write" or "WriteLine" or "Set" or "SetValue" or "Prepend";

    // ---- lambdas, local functions, handlers ----

    private Taint DelegateArgument(IMethodSymbol called, IOperation target, Taint elementTaint)
    {
        switch (target)
        {
            case IFlowAnonymousFunctionOperation or IAnonymousFunctionOperation when _model.Web.IsEndpointMapping(called):
                return AnalyzeLambda(target, p => _model.IsTaintable(p.Type) && _model.Web.IsBoundFromRequest(p)
                    ? SourceBit(p, SourceGroup.Web, "untrusted HTTP input '" + p.Name + "'")
                    : Taint.None);
            case IFlowAnonymousFunctionOperation or IAnonymousFunctionOperation:
                return AnalyzeLambda(target, p => _model.IsTaintable(p.Type) ? elementTaint : Taint.None);
            case IMethodReferenceOperation reference when _model.Web.IsEndpointMapping(called) && HasSummary(reference.Method):
                _facts.Handlers.Add(reference.Method.OriginalDefinition);
                return Taint.None;
            default:
                return Taint.None;
        }
    }

    /// <summary>
    /// A lambda where its delegate is created, from the state there: on its own graph inside a graph, on its operation
    /// tree inside a straight-line body (whose lambdas are straight-line too, see <see cref="CandidateFilter"/>). Its
    /// writes to captured variables stay inside it; what it returns is the result.
    /// </summary>
    private Taint AnalyzeLambda(IOperation lambda, Func<IParameterSymbol, Taint> parameterTaint)
    {
        if (_nesting >= MaxNesting)
        {
            return Taint.None;
        }

        var flow = lambda as IFlowAnonymousFunctionOperation;
        var tree = lambda as IAnonymousFunctionOperation;
        var entry = new System.Collections.Generic.Dictionary<int, Taint>(_work);
        foreach (var parameter in (flow?.Symbol ?? tree!.Symbol).Parameters)
        {
            entry[SlotOf(parameter)] = parameterTaint(parameter);
        }

        _nesting++;
        try
        {
            return flow is not null
                ? RunGraph(_graph.GetAnonymousFunctionControlFlowGraph(flow, _cancellationToken), TaintState.From(entry))
                : RunTree(tree!.Body, entry);
        }
        finally
        {
            _nesting--;
        }
    }

    /// <summary>A straight-line lambda body on its tree: its returns and throws end the lambda, not the method.</summary>
    private Taint RunTree(IBlockOperation body, System.Collections.Generic.Dictionary<int, Taint> entry)
    {
        var (savedWork, savedReturned, savedExited) = (_work, _returned, _exited);
        (_work, _returned, _exited) = (entry, Taint.None, false);
        try
        {
            Eval(body);
            return _returned;
        }
        finally
        {
            (_work, _returned, _exited) = (savedWork, savedReturned, savedExited);
        }
    }

    private Taint LocalFunction(IMethodSymbol function, ImmutableArray<IArgumentOperation> arguments)
    {
        var entry = new System.Collections.Generic.Dictionary<int, Taint>(_work);
        var all = Taint.None;
        foreach (var argument in arguments)
        {
            var value = Eval(argument.Value);
            all |= value;
            if (argument.Parameter is { } parameter)
            {
                entry[SlotOf(parameter)] = value;
            }
        }

        if (_nesting >= MaxNesting || !_activeLocalFunctions.Add(function) || LocalFunctionGraph(function) is not { } graph)
        {
            return all;
        }

        _nesting++;
        try
        {
            return RunGraph(graph, TaintState.From(entry));
        }
        finally
        {
            _nesting--;
            _activeLocalFunctions.Remove(function);
        }
    }

    private ControlFlowGraph? LocalFunctionGraph(IMethodSymbol function)
    {
        for (var graph = _graph; graph is not null; graph = graph.Parent)
        {
            if (graph.LocalFunctions.IndexOf(function, 0, SymbolEqualityComparer.Default) >= 0)
            {
                return graph.GetLocalFunctionControlFlowGraph(function, _cancellationToken);
            }
        }

        return null;
    }
}
