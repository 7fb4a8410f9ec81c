using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// SCR1010: <c>System.Random</c> output used as a secret. Only a security context is reported: the output (of
/// <c>Next</c>, <c>NextInt64</c>, <c>NextDouble</c>, <c>NextSingle</c>, <c>GetItems</c>, or the buffer filled by
/// <c>NextBytes</c>) reaches, within the same member, a System.Security.Cryptography input (a <c>Key</c>/<c>IV</c>
/// property, a key/iv/nonce/salt/password parameter) or a local, field, property, parameter, argument or return value
/// whose name says it is a secret (<see cref="SecuritySensitiveNames"/>). Jitter, shuffling, sampling, simulations and
/// test data never reach such a sink and stay silent.
/// </summary>
/// <remarks>
/// The value flow is deliberately small and flow-insensitive: it climbs from the Random call through conversions,
/// arithmetic, string building (concatenation, interpolation, <c>ToString</c>, <c>StringBuilder</c>,
/// <c>new string(chars)</c>, Base64/hex encoding, <c>string.Join</c>/<c>Concat</c>), char indexing
/// (<c>alphabet[rnd.Next(n)]</c>), LINQ <c>Select</c>/<c>ToArray</c> and array element stores, and follows locals,
/// parameters and fields of the same member for at most <see cref="MaxHops"/> hops, reading only references that come
/// after the store in the source. Each Random call is reported at most once.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InsecureRandomnessAnalyzer : DiagnosticAnalyzer
{
    /// <summary>How many locals, parameters or fields the flow may pass through.</summary>
    internal const int MaxHops = 3;

    /// <summary>How many operations one Random call may visit (graceful degradation on huge members).</summary>
    internal const int Budget = 400;

    private static readonly ImmutableHashSet<string> EnumerableSourceMethods = ImmutableHashSet.Create(
        "Select", "ToArray", "ToList", "Take", "Skip", "Concat", "Append", "Prepend", "AsEnumerable", "Reverse");

    private static readonly ImmutableHashSet<string> InstanceCopyMethods = ImmutableHashSet.Create(
        "ToString", "ToArray", "ToCharArray", "ToList", "AsSpan", "AsMemory", "Slice");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.InsecureRandomness);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var random = start.Compilation.ResolveType("System.Random");
            if (random is null)
            {
                return;
            }

            var types = new KnownTypes(start.Compilation, random);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Next" or "NextInt64" or "NextDouble" or "NextSingle" or "NextBytes" or "GetItems")
            || method.IsStatic
            || !method.ContainingType.IsOrDerivesFrom(types.Random))
        {
            return;
        }

        var flow = new Flow(context, types, invocation);
        if (method.Name == "NextBytes" || (method.Name == "GetItems" && method.ReturnsVoid))
        {
            // The output is the buffer: NextBytes(buffer), GetItems(choices, destination).
            var buffer = method.Name == "NextBytes" ? Argument(invocation, 0) : Argument(invocation, 1);
            if (buffer is not null)
            {
                flow.StartFromBuffer(buffer);
            }
        }
        else
        {
            flow.StartFromValue(invocation);
        }

        if (flow.Sink is { } sink)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.InsecureRandomness,
                invocation.Syntax.GetLocation(),
                sink.Location is { IsInSource: true } ? ImmutableArray.Create(sink.Location) : ImmutableArray<Location>.Empty,
                sink.Description));
        }
    }

    private static IArgumentOperation? Argument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>Where a Random value ended up: the message argument and the location of the sink.</summary>
    private sealed class SinkInfo
    {
        public SinkInfo(string description, Location? location)
        {
            Description = description;
            Location = location;
        }

        public string Description { get; }

        public Location? Location { get; }
    }

    /// <summary>The bounded value flow of one Random call.</summary>
    private sealed class Flow
    {
        private readonly OperationAnalysisContext _context;
        private readonly KnownTypes _types;
        private readonly IOperation _root;
        private readonly Queue<(IOperation Value, int Hops)> _pending = new();
        private readonly HashSet<ISymbol> _tainted = new(SymbolEqualityComparer.Default);
        private int _budget = Budget;

        public Flow(OperationAnalysisContext context, KnownTypes types, IOperation source)
        {
            _context = context;
            _types = types;
            _root = source.Root();
        }

        public SinkInfo? Sink { get; private set; }

        public void StartFromValue(IOperation value)
        {
            _pending.Enqueue((value, 0));
            Drain();
        }

        public void StartFromBuffer(IArgumentOperation argument)
        {
            var buffer = argument.Value.WalkDownConversions();

            // NextBytes(array.AsSpan(...)), NextBytes(new Span<byte>(array)): the array is the output.
            if (buffer is IInvocationOperation { TargetMethod.Name: "AsSpan" or "AsMemory", Arguments.Length: > 0 } asSpan
                && SymbolEqualityComparer.Default.Equals(asSpan.TargetMethod.ContainingType, _types.MemoryExtensions))
            {
                buffer = asSpan.Arguments[0].Value.WalkDownConversions();
            }
            else if (buffer is IObjectCreationOperation { Arguments.Length: > 0 } creation && _types.IsSpanLike(creation.Type))
            {
                buffer = creation.Arguments[0].Value.WalkDownConversions();
            }

            Store(buffer, argument.Syntax.GetLocation(), argument.Syntax.SpanStart, hops: 0);
            Drain();
        }

        private void Drain()
        {
            while (Sink is null && _pending.Count > 0 && _budget > 0)
            {
                var (value, hops) = _pending.Dequeue();
                Climb(value, hops);
            }
        }

        /// <summary>Follows one value upwards through the operations that consume it.</summary>
        private void Climb(IOperation value, int hops)
        {
            var current = value;
            while (Sink is null && --_budget > 0)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case IInterpolationOperation:
                    case IInterpolatedStringOperation:
                    case IInterpolatedStringAdditionOperation:
                    case IInterpolatedStringAppendOperation:
                    case IInterpolatedStringHandlerCreationOperation:
                    case IDelegateCreationOperation:
                    case ICoalesceOperation:
                    case IArrayInitializerOperation:
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.Plus or UnaryOperatorKind.BitwiseNegation }:
                    case IBinaryOperation binary when IsArithmetic(binary.OperatorKind):
                    case IConditionalOperation conditional when current != conditional.Condition:
                    case IArrayCreationOperation creation when current == creation.Initializer:
                    case IConditionalAccessOperation access when current == access.WhenNotNull:
                    case ISwitchExpressionArmOperation arm when current == arm.Value:
                    case ISwitchExpressionOperation switchExpression when current != switchExpression.Value:
                    // Reading an element of a tainted array, or indexing a char table with a random index.
                    case IArrayElementReferenceOperation element when current == element.ArrayReference || element.Type?.SpecialType == SpecialType.System_Char:
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when current == indexer.Instance:
                        current = parent;
                        continue;

                    case IInvocationOperation invocation when current == invocation.Instance:
                        if (!ContinuesThroughInstanceCall(invocation))
                        {
                            return;
                        }

                        current = parent;
                        continue;

                    case IArgumentOperation argument:
                        if (ThroughArgument(argument, hops) is not { } next)
                        {
                            return;
                        }

                        current = next;
                        continue;

                    case IAssignmentOperation assignment when current == assignment.Value && assignment is ISimpleAssignmentOperation or ICompoundAssignmentOperation:
                        Store(assignment.Target, assignment.Target.Syntax.GetLocation(), assignment.Syntax.SpanStart, hops);
                        return;

                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        StoreInSymbol(declarator.Symbol, "local", declarator.Symbol.Type, Declaration(declarator.Symbol, declarator.Syntax), declarator.Syntax.SpanStart, hops);
                        return;

                    case IFieldInitializerOperation fieldInitializer:
                        foreach (var field in fieldInitializer.InitializedFields)
                        {
                            CheckName(field.Name, field.Type, "the field '" + field.Name + "'", Declaration(field, fieldInitializer.Syntax));
                        }

                        return;

                    case IPropertyInitializerOperation propertyInitializer:
                        foreach (var property in propertyInitializer.InitializedProperties)
                        {
                            CheckName(property.Name, property.Type, "the property '" + property.Name + "'", Declaration(property, propertyInitializer.Syntax));
                        }

                        return;

                    case IReturnOperation @return when @return.ReturnedValue is not null:
                        if (ThroughReturn(@return) is not { } function)
                        {
                            return;
                        }

                        current = function;
                        continue;

                    default:
                        return;
                }
            }
        }

        private static bool IsArithmetic(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract
            or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder or BinaryOperatorKind.LeftShift
            or BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift or BinaryOperatorKind.And or BinaryOperatorKind.Or
            or BinaryOperatorKind.ExclusiveOr;

        private bool ContinuesThroughInstanceCall(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (InstanceCopyMethods.Contains(method.Name) || method.MethodKind == MethodKind.DelegateInvoke)
            {
                return true;
            }

            var type = method.ContainingType;
            return type?.SpecialType == SpecialType.System_String ? ReturnsStringOrChars(method)
                : SymbolEqualityComparer.Default.Equals(type, _types.StringBuilder) && !method.ReturnsVoid && method.ReturnType.SpecialType != SpecialType.System_Boolean;
        }

        private static bool ReturnsStringOrChars(IMethodSymbol method)
            => method.ReturnType.SpecialType == SpecialType.System_String
               || method.ReturnType is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char };

        /// <summary>A value passed as an argument: a sink, a transformation whose result carries on, or the end.</summary>
        private IOperation? ThroughArgument(IArgumentOperation argument, int hops)
        {
            var parameter = argument.Parameter;
            var owner = argument.Parent;
            if (parameter is null || owner is null)
            {
                return null;
            }

            if (owner is IPropertyReferenceOperation indexer)
            {
                // alphabet[rnd.Next(alphabet.Length)] through a string or span indexer: a random char.
                return indexer.Type?.SpecialType == SpecialType.System_Char ? indexer : null;
            }

            var (method, receiver) = owner switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance),
                IObjectCreationOperation creation => (creation.Constructor, (IOperation?)null),
                _ => (null, null),
            };
            var type = method?.ContainingType;
            if (method is null || type is null || type.IsOrDerivesFrom(_types.Random))
            {
                return null;
            }

            // $"{rnd.Next()}" passed to an interpolated string handler: the AppendFormatted call is not a use.
            if (owner.Parent is IInterpolatedStringAppendOperation append)
            {
                return append;
            }

            var target = method.MethodKind == MethodKind.Constructor ? "the " + type.Name + " constructor" : (receiver?.Type?.Name ?? type.Name) + "." + method.Name;
            if (type.IsInCryptographyNamespace())
            {
                if (SecuritySensitiveNames.IsCryptoInput(parameter.Name))
                {
                    Found("the '" + parameter.Name + "' argument of " + target, argument.Syntax.GetLocation());
                    return null;
                }

                // A hash of a predictable value is predictable.
                return method.Name is "HashData" or "ComputeHash" ? owner : null;
            }

            if (ContinuesThroughCall(method, parameter, receiver, owner, hops))
            {
                return owner;
            }

            var unconstrained = parameter.OriginalDefinition.Type is ITypeParameterSymbol;
            CheckName(parameter.Name, unconstrained ? null : parameter.Type, "the '" + parameter.Name + "' argument of " + target, argument.Syntax.GetLocation());
            return null;
        }

        /// <summary>Conversions and encodings whose result is as predictable as their input.</summary>
        private bool ContinuesThroughCall(IMethodSymbol method, IParameterSymbol parameter, IOperation? receiver, IOperation owner, int hops)
        {
            // new string('*', rnd.Next(5)), sb.Append('-', n), s.PadLeft(width): a random amount of fixed content.
            if (IsAmountParameter(parameter.Name))
            {
                return false;
            }

            var type = method.ContainingType;
            if (method.MethodKind == MethodKind.Constructor)
            {
                return type.SpecialType == SpecialType.System_String
                       || SymbolEqualityComparer.Default.Equals(type, _types.Guid)
                       || SymbolEqualityComparer.Default.Equals(type, _types.StringBuilder)
                       || SymbolEqualityComparer.Default.Equals(type, _types.BigInteger)
                       || _types.IsSpanLike(type);
            }

            if (method.ReturnsVoid || method.ReturnType.SpecialType == SpecialType.System_Boolean)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _types.StringBuilder))
            {
                // sb.Append(c) in a loop, sb.ToString() later: the builder itself carries the value.
                if (receiver is not null)
                {
                    TaintReceiver(receiver, owner.Syntax.SpanStart, hops);
                }

                return true;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _types.Enumerable))
            {
                return (parameter.Ordinal == 0 && EnumerableSourceMethods.Contains(method.Name))
                       || (method.Name is "Select" or "SelectMany" && parameter.Name == "selector");
            }

            return type.SpecialType == SpecialType.System_String
                   || SymbolEqualityComparer.Default.Equals(type, _types.Convert)
                   || SymbolEqualityComparer.Default.Equals(type, _types.BitConverter)
                   || SymbolEqualityComparer.Default.Equals(type, _types.Math)
                   || SymbolEqualityComparer.Default.Equals(type, _types.MathF)
                   || (SymbolEqualityComparer.Default.Equals(type, _types.MemoryExtensions) && method.Name is "AsSpan" or "AsMemory")
                   || type.IsOrDerivesFrom(_types.Encoding)
                   || method.Name.Contains("Base64") || method.Name.Contains("Hex") || type.Name.Contains("Base64") || type.Name.Contains("Hex");
        }

        private static bool IsAmountParameter(string name)
            => name.EndsWith("count", StringComparison.OrdinalIgnoreCase) || name.EndsWith("Length", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith("Width", StringComparison.OrdinalIgnoreCase) || name.EndsWith("capacity", StringComparison.OrdinalIgnoreCase);

        /// <summary>A returned value: the name of the member or local function, or the lambda as a value.</summary>
        private IOperation? ThroughReturn(IReturnOperation @return)
        {
            var returned = @return.ReturnedValue!;
            for (var ancestor = @return.Parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                switch (ancestor)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda;
                    case ILocalFunctionOperation localFunction:
                        var name = localFunction.Symbol.Name;
                        CheckName(name, returned.Type, "the return value of '" + name + "'", returned.Syntax.GetLocation());
                        return null;
                }
            }

            switch (_context.ContainingSymbol)
            {
                case IMethodSymbol { AssociatedSymbol: IPropertySymbol property }:
                    CheckName(property.Name, returned.Type, "the property '" + property.Name + "'", returned.Syntax.GetLocation());
                    break;
                case IPropertySymbol property:
                    CheckName(property.Name, returned.Type, "the property '" + property.Name + "'", returned.Syntax.GetLocation());
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method:
                    // PasswordGenerator.Generate(): a method named only by a verb is named by its class.
                    if (method.ContainingType is { } type && SecuritySensitiveNames.SubjectOfVerbMethod(method.Name, type.Name) is { } subject)
                    {
                        CheckName(subject, returned.Type, "the return value of '" + type.Name + "." + method.Name + "'", returned.Syntax.GetLocation());
                    }
                    else
                    {
                        CheckName(method.Name, returned.Type, "the return value of '" + method.Name + "'", returned.Syntax.GetLocation());
                    }

                    break;
            }

            return null;
        }

        /// <summary>A value (or a filled buffer) stored into <paramref name="target"/>.</summary>
        private void Store(IOperation target, Location location, int position, int hops)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    StoreInSymbol(local.Local, "local", local.Local.Type, location, position, hops);
                    break;
                case IParameterReferenceOperation parameter:
                    StoreInSymbol(parameter.Parameter, "parameter", parameter.Parameter.Type, location, position, hops);
                    break;
                case IFieldReferenceOperation field:
                    StoreInSymbol(field.Field, "field", field.Field.Type, location, position, hops);
                    break;
                case IArrayElementReferenceOperation element:
                    // chars[i] = alphabet[rnd.Next(n)]; key[i] = (byte)rnd.Next(256): the array holds the value.
                    Store(element.ArrayReference.WalkDownConversions(), location, position, hops);
                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    // span[i] = ...: only element stores into byte or char buffers; dictionary[k] = v is not a buffer.
                    if (indexer.Instance is not null && indexer.Type?.SpecialType is SpecialType.System_Byte or SpecialType.System_Char)
                    {
                        Store(indexer.Instance.WalkDownConversions(), location, position, hops);
                    }

                    break;
                case IPropertyReferenceOperation property:
                    var containing = property.Property.ContainingType;
                    if (containing is not null && containing.IsInCryptographyNamespace())
                    {
                        if (SecuritySensitiveNames.IsCryptoInput(property.Property.Name))
                        {
                            Found("the " + property.Property.Name + " property of " + (property.Instance?.Type?.Name ?? containing.Name), location);
                        }

                        break;
                    }

                    CheckName(property.Property.Name, property.Property.Type, "the property '" + property.Property.Name + "'", location);
                    break;
            }
        }

        private void StoreInSymbol(ISymbol symbol, string kind, ITypeSymbol? type, Location location, int position, int hops)
        {
            if (!CheckName(symbol.Name, type, "the " + kind + " '" + symbol.Name + "'", location))
            {
                Taint(symbol, position, hops + 1);
            }
        }

        private void TaintReceiver(IOperation receiver, int position, int hops)
        {
            // sb.Append(a).Append(b): the builder at the start of the chain.
            var root = receiver.WalkDownConversions();
            while (root is IInvocationOperation { Instance: { } inner } && SymbolEqualityComparer.Default.Equals(root.Type, _types.StringBuilder))
            {
                root = inner.WalkDownConversions();
            }

            ISymbol? symbol = root switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
            if (symbol is not null)
            {
                StoreInSymbol(symbol, symbol is ILocalSymbol ? "local" : symbol is IParameterSymbol ? "parameter" : "field", root.Type, root.Syntax.GetLocation(), position, hops);
            }
        }

        /// <summary>Queues every read of a local, parameter or field of this member that comes after the store.</summary>
        private void Taint(ISymbol symbol, int position, int hops)
        {
            if (hops > MaxHops || !_tainted.Add(symbol))
            {
                return;
            }

            // Depth-first over the member, skipping subtrees that end before the store.
            var references = new List<IOperation>();
            var stack = new Stack<IOperation>();
            stack.Push(_root);
            while (stack.Count > 0)
            {
                if (--_budget <= 0)
                {
                    break;
                }

                var operation = stack.Pop();
                if (operation.Syntax.Span.End <= position)
                {
                    continue;
                }

                var referenced = operation switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    IFieldReferenceOperation field => field.Field,
                    _ => null,
                };
                if (referenced is not null)
                {
                    if (operation.Syntax.SpanStart > position && SymbolEqualityComparer.Default.Equals(referenced, symbol))
                    {
                        references.Add(operation);
                    }

                    continue;
                }

                foreach (var child in operation.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            // In source order, so the first sink reported is the first one in the code.
            references.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
            foreach (var reference in references)
            {
                _pending.Enqueue((reference, hops));
            }
        }

        /// <summary>Reports when <paramref name="name"/> names a secret of a type that can hold one.</summary>
        private bool CheckName(string name, ITypeSymbol? type, string description, Location location)
        {
            var kind = SecuritySensitiveNames.Classify(name, _types.IsOneNumber(type));
            var matches = kind switch
            {
                SecuritySensitiveNames.NameKind.Secret => _types.CanHoldSecret(type),
                SecuritySensitiveNames.NameKind.BareKey => _types.IsByteBuffer(type),
                _ => false,
            };
            if (matches)
            {
                Found(description, location);
            }

            return matches;
        }

        private void Found(string description, Location location) => Sink ??= new SinkInfo(description, location);

        private static Location Declaration(ISymbol symbol, SyntaxNode fallback)
            => symbol.Locations.Length > 0 && symbol.Locations[0].IsInSource ? symbol.Locations[0] : fallback.GetLocation();
    }

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _span;
        private readonly INamedTypeSymbol? _readOnlySpan;
        private readonly INamedTypeSymbol? _memory;
        private readonly INamedTypeSymbol? _readOnlyMemory;

        public KnownTypes(Compilation compilation, INamedTypeSymbol random)
        {
            Random = random;
            StringBuilder = compilation.ResolveType("System.Text.StringBuilder");
            Encoding = compilation.ResolveType("System.Text.Encoding");
            Guid = compilation.ResolveType("System.Guid");
            BigInteger = compilation.ResolveType("System.Numerics.BigInteger");
            Convert = compilation.ResolveType("System.Convert");
            BitConverter = compilation.ResolveType("System.BitConverter");
            Math = compilation.ResolveType("System.Math");
            MathF = compilation.ResolveType("System.MathF");
            Enumerable = compilation.ResolveType("System.Linq.Enumerable");
            MemoryExtensions = compilation.ResolveType("System.MemoryExtensions");
            _span = compilation.ResolveType("System.Span`1");
            _readOnlySpan = compilation.ResolveType("System.ReadOnlySpan`1");
            _memory = compilation.ResolveType("System.Memory`1");
            _readOnlyMemory = compilation.ResolveType("System.ReadOnlyMemory`1");
        }

        public INamedTypeSymbol Random { get; }

        public INamedTypeSymbol? StringBuilder { get; }

        public INamedTypeSymbol? Encoding { get; }

        public INamedTypeSymbol? Guid { get; }

        public INamedTypeSymbol? BigInteger { get; }

        public INamedTypeSymbol? Convert { get; }

        public INamedTypeSymbol? BitConverter { get; }

        public INamedTypeSymbol? Math { get; }

        public INamedTypeSymbol? MathF { get; }

        public INamedTypeSymbol? Enumerable { get; }

        public INamedTypeSymbol? MemoryExtensions { get; }

        public bool IsSpanLike(ITypeSymbol? type)
        {
            var definition = type?.OriginalDefinition;
            return definition is not null
                   && (SymbolEqualityComparer.Default.Equals(definition, _span) || SymbolEqualityComparer.Default.Equals(definition, _readOnlySpan)
                       || SymbolEqualityComparer.Default.Equals(definition, _memory) || SymbolEqualityComparer.Default.Equals(definition, _readOnlyMemory));
        }

        /// <summary>byte[], Span/ReadOnlySpan/Memory/ReadOnlyMemory of byte: what a bare "key" must be to count.</summary>
        public bool IsByteBuffer(ITypeSymbol? type)
            => type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }
               || (type is INamedTypeSymbol { TypeArguments.Length: 1 } named && IsSpanLike(named)
                   && named.TypeArguments[0].SpecialType == SpecialType.System_Byte);

        /// <summary>
        /// Types a token, password or OTP is held in: strings, integers, Guid, StringBuilder, BigInteger, and arrays
        /// or spans of bytes, chars, strings or integers. Enums (TokenKind), booleans, doubles and other objects are not.
        /// </summary>
        public bool CanHoldSecret(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type is null)
            {
                return false;
            }

            if (IsTextOrInteger(type.SpecialType)
                || SymbolEqualityComparer.Default.Equals(type, Guid)
                || SymbolEqualityComparer.Default.Equals(type, StringBuilder)
                || SymbolEqualityComparer.Default.Equals(type, BigInteger))
            {
                return true;
            }

            var element = type switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { TypeArguments.Length: 1 } named when IsSpanLike(named) => named.TypeArguments[0],
                _ => null,
            };
            return element is not null && (IsTextOrInteger(element.SpecialType) || element.SpecialType == SpecialType.System_Char);
        }

        /// <summary>A single integer (int, long, BigInteger...): a plural name on it is a count (<c>promptTokens</c>).</summary>
        public bool IsOneNumber(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return type is not null
                   && ((type.SpecialType != SpecialType.System_String && IsTextOrInteger(type.SpecialType))
                       || SymbolEqualityComparer.Default.Equals(type, BigInteger));
        }

        private static bool IsTextOrInteger(SpecialType type) => type is SpecialType.System_String or SpecialType.System_Byte
            or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32
            or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
    }
}
