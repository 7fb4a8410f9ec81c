using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4022: an assembly's public key or public key token (<c>AssemblyName.GetPublicKeyToken()</c>/<c>GetPublicKey()</c>,
/// <c>AssemblyDefinition.PublicKey</c> of System.Reflection.Metadata) compared with an expected value (see
/// <see cref="ComparedValues"/>, also through hex strings and locals) where the result decides something: a condition,
/// a loop condition, a <c>when</c> guard, a returned or stored <see langword="bool"/> (predicates such as
/// <c>Where(a =&gt; ...)</c> included), a <c>switch</c> statement or a <see langword="bool"/> <c>switch</c> expression.
/// <para>
/// Only the names of real assemblies count: <c>Assembly.GetName()</c>, <c>AssemblyName.GetAssemblyName(path)</c>,
/// <c>AssemblyLoadContext.GetAssemblyName(path)</c>, <c>AssemblyDefinition.GetAssemblyName()</c>, and
/// <c>AssemblyName</c> parameters outside resolve handlers. A plugin compared with the host's own token
/// (<c>GetExecutingAssembly()</c>, <c>typeof(OwnType).Assembly</c>) is reported; so is the own assembly compared with a
/// constant (a self-check that a tampered copy passes).
/// </para>
/// Silent, because they are binding or bookkeeping rather than trust: names parsed from text (<c>new AssemblyName(...)</c>),
/// references (<c>GetReferencedAssemblies()</c>, <c>AssemblyReference</c>) and the requested name in resolve handlers
/// (parameters next to an <c>AssemblyLoadContext</c>, <c>MetadataLoadContext</c> or <c>ResolveEventArgs</c>, and
/// <c>AssemblyLoadContext.Load</c> overrides); two assemblies' tokens compared with each other (matching a request, an
/// equality comparer); comparisons with the public key tokens of the .NET and ASP.NET Core framework assemblies or with
/// a framework type's assembly (skipping framework assemblies while scanning); null, empty and length checks; tokens
/// only displayed, logged or formatted into assembly-qualified names.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StrongNameIdentityAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Public key tokens of the framework's own assemblies, lower-case hex.</summary>
    private static readonly ImmutableArray<string> FrameworkTokens = ImmutableArray.Create(
        "b77a5c561934e089", // ECMA: mscorlib, System, System.Core (.NET Framework)
        "b03f5f7f11d50a3a", // Microsoft: System.Drawing, System.Configuration, ...
        "31bf3856ad364e35", // Microsoft shared: System.Web, WPF, Microsoft.Extensions (older), ...
        "cc7b13ffcd2ddd51", // .NET open key: netstandard, System.Runtime, ...
        "7cec85d7bea7798e", // System.Private.CoreLib
        "adb9793829ddae60"); // ASP.NET Core, Microsoft.Extensions.*

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.StrongNameAsIdentity);

    [Flags]
    private enum Origin
    {
        None = 0,

        /// <summary>The name of an assembly that is being judged (a plugin, a file, a loaded assembly).</summary>
        Candidate = 1,

        /// <summary>The name of the analyzed project's own assembly.</summary>
        Own = 2,

        /// <summary>A requested or referenced name, or one parsed from text: binding, not trust.</summary>
        Requested = 4,

        /// <summary>The name of a framework assembly (<c>typeof(object).Assembly</c>).</summary>
        Framework = 8,
    }

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.AssemblyName is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeSource(c, types), OperationKind.Invocation);
            if (types.AssemblyDefinition is not null)
            {
                start.RegisterOperationAction(c => AnalyzeSource(c, types), OperationKind.PropertyReference);
            }
        });
    }

    /// <summary>
    /// The whole body is analyzed once, from its first strong-name read, so that a comparison fed by several reads is
    /// reported once.
    /// </summary>
    private static void AnalyzeSource(OperationAnalysisContext context, KnownTypes types)
    {
        var operation = context.Operation;
        if (!types.IsSource(operation))
        {
            return;
        }

        var root = operation.Root();
        IOperation? first = null;
        foreach (var descendant in root.DescendantsAndSelf())
        {
            if (types.IsSource(descendant))
            {
                first = descendant;
                break;
            }
        }

        if (first is null || !ReferenceEquals(first.Syntax, operation.Syntax))
        {
            return;
        }

        new BodyAnalysis(root, types, context).Run();
    }

    private sealed class BodyAnalysis
    {
        private readonly KnownTypes _types;
        private readonly OperationAnalysisContext _context;
        private readonly BodyLocalFlow _flow;
        private readonly Dictionary<ILocalSymbol, Origin> _tokenLocals = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, string> _tokenLocalApis = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<IOperation, Origin> _sources = new();

        public BodyAnalysis(IOperation root, KnownTypes types, OperationAnalysisContext context)
        {
            _types = types;
            _context = context;
            _flow = new BodyLocalFlow(root);
        }

        public void Run()
        {
            foreach (var operation in _flow.Operations)
            {
                if (_types.IsSource(operation))
                {
                    _sources[operation] = OriginOfSource(operation);
                }
            }

            // Locals holding a token or a value computed from one (hex strings, copies), with the origins that reach them.
            bool changed;
            do
            {
                changed = false;
                foreach (var (local, value) in _flow.Writes)
                {
                    var (origin, api) = OriginOf(value);
                    _tokenLocals.TryGetValue(local, out var known);
                    if ((known | origin) != known)
                    {
                        _tokenLocals[local] = known | origin;
                        if (api is not null && !_tokenLocalApis.ContainsKey(local))
                        {
                            _tokenLocalApis[local] = api;
                        }

                        changed = true;
                    }
                }
            }
            while (changed);

            foreach (var operation in _flow.Operations)
            {
                _context.CancellationToken.ThrowIfCancellationRequested();
                var compared = ComparedValues.Of(operation);
                if (!compared.IsDefaultOrEmpty && Decides(operation) && TrustedBy(compared) is { } api)
                {
                    var location = operation is ISwitchOperation or ISwitchExpressionOperation ? compared[0].Syntax : operation.Syntax;
                    _context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.StrongNameAsIdentity, location.GetLocation(), api));
                }
            }
        }

        /// <summary>The strong-name API whose value the comparison trusts, or <see langword="null"/> when it is not a trust decision.</summary>
        private string? TrustedBy(ImmutableArray<IOperation> compared)
        {
            string? api = null;
            var judged = Origin.None;
            var judgedCount = 0;
            var pinned = false;
            foreach (var value in compared)
            {
                var (origin, valueApi) = OriginOf(value);
                if ((origin & (Origin.Requested | Origin.Framework)) != 0)
                {
                    return null; // binding a request, or skipping framework assemblies
                }

                if (origin != Origin.None)
                {
                    if (ComparedValues.IsScalar(value))
                    {
                        return null; // a length or a byte: presence checks and formatting
                    }

                    judgedCount++;
                    judged |= origin;
                    if (api is null || (origin & Origin.Candidate) != 0)
                    {
                        api = valueApi;
                    }
                }
                else if (!ComparedValues.IsTrivial(value))
                {
                    if (NamesFrameworkToken(value))
                    {
                        return null;
                    }

                    pinned = true;
                }
            }

            // One token against an expected value, or a plugin's token against the host's own.
            var decides = judgedCount == 1 ? pinned : judged == (Origin.Candidate | Origin.Own);
            return decides ? api : null;
        }

        /// <summary>The origins of the strong-name values in <paramref name="value"/>, and the API that read the first one.</summary>
        private (Origin Origin, string? Api) OriginOf(IOperation value)
        {
            var origin = Origin.None;
            string? api = null;
            foreach (var part in value.DescendantsAndSelf())
            {
                if (_sources.TryGetValue(part, out var source))
                {
                    origin |= source;
                    api ??= Display(part);
                }
                else if (part is ILocalReferenceOperation local && _tokenLocals.TryGetValue(local.Local, out var held))
                {
                    origin |= held;
                    if (api is null && _tokenLocalApis.TryGetValue(local.Local, out var heldApi))
                    {
                        api = heldApi;
                    }
                }
            }

            return (origin, api);
        }

        private static string Display(IOperation source)
            => source is IPropertyReferenceOperation ? "AssemblyDefinition.PublicKey" : "AssemblyName." + ((IInvocationOperation)source).TargetMethod.Name + "()";

        private Origin OriginOfSource(IOperation source)
            => source is IInvocationOperation invocation ? OriginOfName(invocation.Instance, depth: 0) : Origin.Candidate;

        /// <summary>Where an <c>AssemblyName</c> comes from.</summary>
        private Origin OriginOfName(IOperation? name, int depth)
        {
            switch (name?.WalkDownConversions())
            {
                case IInvocationOperation { TargetMethod: var method } invocation:
                    if (method.Name == "GetName" && method.ContainingType.IsOrDerivesFrom(_types.Assembly))
                    {
                        return OriginOfAssembly(invocation.Instance, depth);
                    }

                    if (method.Name == "GetAssemblyName")
                    {
                        // AssemblyName/AssemblyLoadContext.GetAssemblyName(path), AssemblyDefinition.GetAssemblyName();
                        // AssemblyReference.GetAssemblyName() names a dependency.
                        return method.ContainingType.Name == "AssemblyReference" ? Origin.Requested : Origin.Candidate;
                    }

                    return Origin.Requested;

                case IParameterReferenceOperation parameter:
                    return IsRequestedName(parameter.Parameter) ? Origin.Requested : Origin.Candidate;

                case ILocalReferenceOperation local when depth < 4:
                    var origin = Origin.None;
                    foreach (var (written, value) in _flow.Writes)
                    {
                        if (SymbolEqualityComparer.Default.Equals(written, local.Local))
                        {
                            origin |= value is IInvocationOperation { TargetMethod.Name: "GetReferencedAssemblies" } || !ReturnsName(value)
                                ? Origin.Requested
                                : OriginOfName(value, depth + 1);
                        }
                    }

                    return origin == Origin.None ? Origin.Requested : origin;

                case IConditionalAccessInstanceOperation instance when depth < 4:
                    return OriginOfName(BodyLocalFlow.ImplicitReceiver(instance), depth + 1);

                default:
                    // new AssemblyName("..."), array elements of GetReferencedAssemblies(), fields, unknown helpers.
                    return Origin.Requested;
            }
        }

        private bool ReturnsName(IOperation value) => SymbolEqualityComparer.Default.Equals(value.WalkDownConversions().Type, _types.AssemblyName);

        /// <summary>Where an <c>Assembly</c> comes from: the project's own, a framework assembly, or one being judged.</summary>
        private Origin OriginOfAssembly(IOperation? assembly, int depth)
        {
            switch (assembly?.WalkDownConversions())
            {
                case IInvocationOperation { TargetMethod.Name: "GetExecutingAssembly" or "GetCallingAssembly" or "GetEntryAssembly" }:
                    return Origin.Own;

                case IPropertyReferenceOperation { Property.Name: "Assembly", Instance: { } type }:
                    return OriginOfType(type.WalkDownConversions());

                case ILocalReferenceOperation local when depth < 4:
                    var origin = Origin.None;
                    foreach (var (written, value) in _flow.Writes)
                    {
                        if (SymbolEqualityComparer.Default.Equals(written, local.Local))
                        {
                            origin |= SymbolEqualityComparer.Default.Equals(written.Type, value.WalkDownConversions().Type)
                                ? OriginOfAssembly(value, depth + 1)
                                : Origin.Candidate; // a foreach variable over a list of assemblies
                        }
                    }

                    return origin == Origin.None ? Origin.Candidate : origin;

                default:
                    return Origin.Candidate;
            }
        }

        /// <summary><c>typeof(T).Assembly</c>, <c>GetType().Assembly</c>, <c>typeof(T).GetTypeInfo().Assembly</c>.</summary>
        private Origin OriginOfType(IOperation type)
        {
            if (type is IInvocationOperation { TargetMethod.Name: "GetTypeInfo" } typeInfo)
            {
                type = (typeInfo.Instance ?? (typeInfo.Arguments.Length > 0 ? typeInfo.Arguments[0].Value : typeInfo)).WalkDownConversions();
            }

            switch (type)
            {
                case ITypeOfOperation { TypeOperand: var operand }:
                    return operand.Locations.Length > 0 && operand.Locations[0].IsInSource ? Origin.Own : Origin.Framework;
                case IInvocationOperation { TargetMethod.Name: "GetType", Arguments.Length: 0, Instance: null or IInstanceReferenceOperation }:
                    return Origin.Own;
                default:
                    return Origin.Candidate;
            }
        }

        /// <summary>The requested name in a resolve handler or an <c>AssemblyLoadContext.Load</c> override.</summary>
        private bool IsRequestedName(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return false;
            }

            if (method.IsOverride && method.Name == "Load" && method.ContainingType.IsOrDerivesFrom(_types.AssemblyLoadContext))
            {
                return true;
            }

            foreach (var other in method.Parameters)
            {
                if (other.Type.IsOrDerivesFrom(_types.AssemblyLoadContext)
                    || other.Type.Name is "MetadataLoadContext" or "ResolveEventArgs")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the comparison's result decides something (see the class summary), rather than being displayed.</summary>
        private static bool Decides(IOperation comparison)
        {
            if (comparison is ISwitchOperation)
            {
                return true;
            }

            if (comparison is ISwitchExpressionOperation switchExpression && switchExpression.Type?.SpecialType != SpecialType.System_Boolean)
            {
                return false;
            }

            var current = comparison;
            var parent = current.Parent;
            while (true)
            {
                switch (parent)
                {
                    case IConversionOperation or IParenthesizedOperation:
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or }:
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, Type.SpecialType: SpecialType.System_Boolean }:
                        break;

                    case IConditionalOperation conditional:
                        if (conditional.Condition == current)
                        {
                            // `known ? publisher : "unknown"` picks a text to show; an if or any other choice decides.
                            return conditional.Type?.SpecialType != SpecialType.System_String;
                        }

                        if (conditional.Type?.SpecialType != SpecialType.System_Boolean)
                        {
                            return false;
                        }

                        break;

                    case IWhileLoopOperation loop:
                        return loop.Condition == current;
                    case IForLoopOperation loop:
                        return loop.Condition == current;
                    case IReturnOperation:
                    case IVariableInitializerOperation:
                    case ISimpleAssignmentOperation:
                        return true;
                    case IPatternCaseClauseOperation clause:
                        return clause.Guard == current;
                    case ISwitchExpressionArmOperation arm:
                        return arm.Guard == current;
                    default:
                        return false;
                }

                current = parent;
                parent = current.Parent;
            }
        }

        /// <summary>
        /// The expected value names a framework token: a constant or array in the expression, the initializer of a field or
        /// property of the project it reads, or the collection a lambda's parameter ranges over (<c>Tokens.Any(t =&gt; ...)</c>).
        /// </summary>
        private bool NamesFrameworkToken(IOperation value)
        {
            var text = new StringBuilder();
            Collect(value, text, lambdaDepth: 0);
            var collected = text.ToString().Replace("-", string.Empty).ToLowerInvariant();
            foreach (var token in FrameworkTokens)
            {
                if (collected.IndexOf(token, StringComparison.Ordinal) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private void Collect(IOperation value, StringBuilder text, int lambdaDepth)
        {
            var bytes = new List<byte>();
            foreach (var part in value.DescendantsAndSelf())
            {
                switch (part)
                {
                    case { ConstantValue: { HasValue: true, Value: string s } }:
                        text.Append(s).Append(' ');
                        break;
                    case { ConstantValue: { HasValue: true, Value: var number } } when IsByte(number, out var b):
                        bytes.Add(b);
                        break;
                    case IFieldReferenceOperation field:
                        CollectDeclaration(field.Field, text);
                        break;
                    case IPropertyReferenceOperation property:
                        CollectDeclaration(property.Property, text);
                        break;
                    case IParameterReferenceOperation parameter when lambdaDepth == 0:
                        CollectLambdaSource(parameter.Parameter, value, text);
                        break;
                }
            }

            AppendHex(bytes, text);
        }

        /// <summary>The literals of a field's or property's declaration in this project (its initializer or body).</summary>
        private void CollectDeclaration(ISymbol member, StringBuilder text)
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(_context.CancellationToken);
                if (syntax.Span.Length > 4096)
                {
                    continue;
                }

                var bytes = new List<byte>();
                foreach (var token in syntax.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.StringLiteralToken))
                    {
                        text.Append(token.ValueText).Append(' ');
                    }
                    else if (token.IsKind(SyntaxKind.NumericLiteralToken) && IsByte(token.Value, out var b))
                    {
                        bytes.Add(b);
                    }
                }

                AppendHex(bytes, text);
            }
        }

        /// <summary>For a lambda parameter, the literals of the receiver and other arguments of the call the lambda is passed to.</summary>
        private void CollectLambdaSource(IParameterSymbol parameter, IOperation from, StringBuilder text)
        {
            for (var current = from.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                {
                    for (var outer = lambda.Parent; outer is not null; outer = outer.Parent)
                    {
                        if (outer is IInvocationOperation call)
                        {
                            if (call.Instance is { } instance)
                            {
                                Collect(instance, text, lambdaDepth: 1);
                            }

                            foreach (var argument in call.Arguments)
                            {
                                if (argument.Value.WalkDownConversions() is not IDelegateCreationOperation)
                                {
                                    Collect(argument.Value, text, lambdaDepth: 1);
                                }
                            }

                            return;
                        }
                    }

                    return;
                }
            }
        }

        private static bool IsByte(object? value, out byte result)
        {
            switch (value)
            {
                case byte b:
                    result = b;
                    return true;
                case int i when i is >= 0 and <= 255:
                    result = (byte)i;
                    return true;
                default:
                    result = 0;
                    return false;
            }
        }

        private static void AppendHex(List<byte> bytes, StringBuilder text)
        {
            foreach (var b in bytes)
            {
                text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append(' ');
        }
    }

    private sealed class KnownTypes
    {
        public KnownTypes(Compilation compilation)
        {
            AssemblyName = compilation.ResolveType("System.Reflection.AssemblyName");
            Assembly = compilation.ResolveType("System.Reflection.Assembly");
            AssemblyDefinition = compilation.ResolveType("System.Reflection.Metadata.AssemblyDefinition");
            AssemblyLoadContext = compilation.ResolveType("System.Runtime.Loader.AssemblyLoadContext");
        }

        public INamedTypeSymbol? AssemblyName { get; }

        public INamedTypeSymbol? Assembly { get; }

        public INamedTypeSymbol? AssemblyDefinition { get; }

        public INamedTypeSymbol? AssemblyLoadContext { get; }

        /// <summary><c>AssemblyName.GetPublicKeyToken()</c>/<c>GetPublicKey()</c> or <c>AssemblyDefinition.PublicKey</c>.</summary>
        public bool IsSource(IOperation operation)
            => operation switch
            {
                IInvocationOperation { TargetMethod: { Name: "GetPublicKeyToken" or "GetPublicKey", Parameters.Length: 0 } method }
                    => SymbolEqualityComparer.Default.Equals(method.ContainingType, AssemblyName),
                IPropertyReferenceOperation { Property.Name: "PublicKey" } property
                    => AssemblyDefinition is not null && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, AssemblyDefinition),
                _ => false,
            };
    }
}
