using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4010: resolution handlers that load code from a writable folder or a folder outside the application.
/// Handlers: <c>+=</c> on <c>AppDomain.AssemblyResolve</c>/<c>TypeResolve</c>/<c>ResourceResolve</c> (any
/// <c>AppDomain</c>), <c>AssemblyLoadContext.Resolving</c>/<c>ResolvingUnmanagedDll</c> (any context),
/// <c>NativeLibrary.SetDllImportResolver</c>, and overrides of <c>AssemblyLoadContext.Load</c>/<c>LoadUnmanagedDll</c>
/// (the first step of resolution in a custom context). A handler is a lambda, an anonymous method, a local function,
/// a method group (followed into other files of the compilation: those are reported when the compilation completes),
/// or a local or readonly field holding one. Inside it, loads by path, bytes or stream (<c>Assembly.LoadFrom</c>/
/// <c>LoadFile</c>/<c>UnsafeLoadFrom</c>/<c>Load(byte[])</c>, <c>AssemblyLoadContext.LoadFromAssemblyPath</c>/
/// <c>LoadFromStream</c>/<c>LoadFromNativeImagePath</c>/<c>LoadUnmanagedDllFromPath</c>, <c>NativeLibrary.Load</c>/
/// <c>TryLoad</c>), also in helpers of the same file, are traced to their directory by
/// <see cref="ResolutionDirectoryClassifier"/>. Reported at the subscription (or the override's name) with the load as
/// an additional location; not reported when the directory cannot be traced or is the application's, or when the
/// handler verifies what it loads (<c>CryptographicOperations.FixedTimeEquals</c>, a SHA-2 digest compared,
/// <c>CheckSignature</c>, <c>Verify*</c> of an asymmetric algorithm, <c>WinVerifyTrust</c>, a method marked
/// <c>[IntegrityVerifier]</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AssemblyResolveHandlerAnalyzer : DiagnosticAnalyzer
{
    private const string DllImportResolver = "NativeLibrary.SetDllImportResolver";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.UnsafeAssemblyResolution);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var apis = ResolutionApis.Create(start.Compilation);
            if (apis is null)
            {
                return;
            }

            var deferred = new DeferredHandlers();
            start.RegisterOperationAction(c => AnalyzeSubscription(c, apis, deferred), OperationKind.EventAssignment);
            if (apis.NativeLibrary is not null)
            {
                start.RegisterOperationAction(c => AnalyzeDllImportResolver(c, apis, deferred), OperationKind.Invocation);
            }

            start.RegisterOperationBlockAction(c => AnalyzeMethod(c, apis, deferred));
            start.RegisterCompilationEndAction(deferred.Report);
        });
    }

    private static void AnalyzeSubscription(OperationAnalysisContext context, ResolutionApis apis, DeferredHandlers deferred)
    {
        var assignment = (IEventAssignmentOperation)context.Operation;
        if (!assignment.Adds
            || assignment.EventReference is not IEventReferenceOperation { Event: { } resolveEvent } reference
            || EventName(resolveEvent, apis) is not { } name)
        {
            return;
        }

        new Subscription(context, apis, deferred, name, reference.Syntax.GetLocation()).Inspect(assignment.HandlerValue, depth: 0);
    }

    private static void AnalyzeDllImportResolver(OperationAnalysisContext context, ResolutionApis apis, DeferredHandlers deferred)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "SetDllImportResolver"
            || !ResolutionApis.Is(invocation.TargetMethod.ContainingType, apis.NativeLibrary)
            || ResolutionDirectoryClassifier.Argument(invocation, 1) is not { } resolver)
        {
            return;
        }

        var location = invocation.Syntax is InvocationExpressionSyntax call ? call.Expression.GetLocation() : invocation.Syntax.GetLocation();
        new Subscription(context, apis, deferred, DllImportResolver, location).Inspect(resolver, depth: 0);
    }

    /// <summary>
    /// Overrides of <c>AssemblyLoadContext.Load</c>/<c>LoadUnmanagedDll</c> are reported here; other methods shaped
    /// like a resolution handler are analyzed for subscriptions in other files (joined at compilation end).
    /// </summary>
    private static void AnalyzeMethod(OperationBlockAnalysisContext context, ResolutionApis apis, DeferredHandlers deferred)
    {
        if (context.OwningSymbol is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary)
        {
            return;
        }

        var overridden = OverriddenResolution(method, apis);
        if (overridden is null && !IsHandlerShaped(method, apis))
        {
            return;
        }

        IOperation? body = null;
        foreach (var block in context.OperationBlocks)
        {
            if (block is IMethodBodyBaseOperation methodBody)
            {
                body = (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody;
                break;
            }

            body ??= block as IBlockOperation;
        }

        if (body is null)
        {
            return;
        }

        var finding = new HandlerInspector(apis, body.SemanticModel, context.CancellationToken).Inspect(body);
        if (overridden is null)
        {
            deferred.Analyzed[method.OriginalDefinition] = finding is { } f ? new Finding(f.Load.Syntax.GetLocation(), f.Description) : null;
            return;
        }

        if (finding is { } found && method.Locations.FirstOrDefault() is { } name)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.UnsafeAssemblyResolution,
                name,
                new[] { found.Load.Syntax.GetLocation() },
                overridden,
                found.Description));
        }
    }

    private static string? EventName(IEventSymbol resolveEvent, ResolutionApis apis)
    {
        var owner = resolveEvent.ContainingType;
        if (resolveEvent.Name is "AssemblyResolve" or "TypeResolve" or "ResourceResolve" && ResolutionApis.Is(owner, apis.AppDomain))
        {
            return "AppDomain." + resolveEvent.Name;
        }

        return resolveEvent.Name is "Resolving" or "ResolvingUnmanagedDll" && ResolutionApis.Is(owner, apis.AssemblyLoadContext)
            ? "AssemblyLoadContext." + resolveEvent.Name
            : null;
    }

    /// <summary>"AssemblyLoadContext.Load" or "AssemblyLoadContext.LoadUnmanagedDll" when the method overrides one of them.</summary>
    private static string? OverriddenResolution(IMethodSymbol method, ResolutionApis apis)
    {
        if (!method.IsOverride || method.Name is not ("Load" or "LoadUnmanagedDll"))
        {
            return null;
        }

        for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (ResolutionApis.Is(overridden.ContainingType, apis.AssemblyLoadContext))
            {
                return "AssemblyLoadContext." + method.Name;
            }
        }

        return null;
    }

    /// <summary>The signature of a resolution delegate: <c>ResolveEventHandler</c>, <c>Resolving</c>, <c>ResolvingUnmanagedDll</c>, <c>DllImportResolver</c>.</summary>
    private static bool IsHandlerShaped(IMethodSymbol method, ResolutionApis apis)
    {
        var parameters = method.Parameters;
        if (ResolutionApis.Is(method.ReturnType, apis.Assembly))
        {
            return parameters.Length == 2 && (ResolutionApis.Is(parameters[1].Type, apis.ResolveEventArgs) || ResolutionApis.Is(parameters[1].Type, apis.AssemblyName));
        }

        return method.ReturnType.SpecialType == SpecialType.System_IntPtr
               && ((parameters.Length == 2 && ResolutionApis.Is(parameters[0].Type, apis.Assembly) && parameters[1].Type.SpecialType == SpecialType.System_String)
                   || (parameters.Length == 3 && parameters[0].Type.SpecialType == SpecialType.System_String && ResolutionApis.Is(parameters[1].Type, apis.Assembly)));
    }

    /// <summary>A load found in a handler body: where it is, and the directory it reads from.</summary>
    private sealed class Finding
    {
        public Finding(Location load, string description)
        {
            Load = load;
            Description = description;
        }

        public Location Load { get; }

        public string Description { get; }
    }

    /// <summary>Method-group handlers declared in another file than their subscription: joined when the compilation completes.</summary>
    private sealed class DeferredHandlers
    {
        private readonly ConcurrentQueue<(IMethodSymbol Handler, string Event, Location Subscription)> _pending = new();

        /// <summary>Handler-shaped methods analyzed so far, with their finding (null: nothing found).</summary>
        public ConcurrentDictionary<IMethodSymbol, Finding?> Analyzed { get; } = new(SymbolEqualityComparer.Default);

        public void Add(IMethodSymbol handler, string resolveEvent, Location subscription) => _pending.Enqueue((handler.OriginalDefinition, resolveEvent, subscription));

        public void Report(CompilationAnalysisContext context)
        {
            foreach (var (handler, resolveEvent, subscription) in _pending.OrderBy(p => p.Subscription.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(p => p.Subscription.SourceSpan.Start))
            {
                if (Analyzed.TryGetValue(handler, out var finding) && finding is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.UnsafeAssemblyResolution, subscription, new[] { finding.Load }, resolveEvent, finding.Description));
                }
            }
        }
    }

    /// <summary>One subscription (or <c>SetDllImportResolver</c> call): its handler value followed to the bodies it may run.</summary>
    private sealed class Subscription
    {
        private readonly OperationAnalysisContext _context;
        private readonly ResolutionApis _apis;
        private readonly DeferredHandlers _deferred;
        private readonly string _event;
        private readonly Location _location;
        private bool _reported;

        public Subscription(OperationAnalysisContext context, ResolutionApis apis, DeferredHandlers deferred, string resolveEvent, Location location)
        {
            _context = context;
            _apis = apis;
            _deferred = deferred;
            _event = resolveEvent;
            _location = location;
        }

        public void Inspect(IOperation handler, int depth)
        {
            if (_reported || depth > 4)
            {
                return;
            }

            var model = _context.Operation.SemanticModel;
            switch (handler.WalkDownConversions())
            {
                case IDelegateCreationOperation creation:
                    Inspect(creation.Target, depth + 1);
                    break;

                case IAnonymousFunctionOperation function:
                    InspectBody(function.Body, model);
                    break;

                case IMethodReferenceOperation { Method: { } method }:
                    var references = method.OriginalDefinition.DeclaringSyntaxReferences;
                    if (references.Length == 0)
                    {
                        break;
                    }

                    if (references.Any(r => r.SyntaxTree == handler.Syntax.SyntaxTree))
                    {
                        if (new ResolutionDirectoryClassifier(_apis, model, _context.CancellationToken).BodyOf(method) is { } body)
                        {
                            InspectBody(body, model);
                        }
                    }
                    else if (method.MethodKind == MethodKind.Ordinary && !method.IsVirtual && !method.IsAbstract && !method.IsOverride)
                    {
                        _deferred.Add(method, _event, _location);
                    }

                    break;

                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    Inspect(conditional.WhenTrue, depth + 1);
                    Inspect(whenFalse, depth + 1);
                    break;

                case ICoalesceOperation coalesce:
                    Inspect(coalesce.Value, depth + 1);
                    Inspect(coalesce.WhenNull, depth + 1);
                    break;

                case ILocalReferenceOperation local:
                    if (new ResolutionDirectoryClassifier(_apis, model, _context.CancellationToken).SingleValue(local) is { } value)
                    {
                        Inspect(value, depth + 1);
                    }

                    break;

                case IFieldReferenceOperation field:
                    if (new ResolutionDirectoryClassifier(_apis, model, _context.CancellationToken).ReadonlyFieldInitializer(field.Field) is { } initializer)
                    {
                        Inspect(initializer, depth + 1);
                    }

                    break;
            }
        }

        private void InspectBody(IOperation body, SemanticModel? model)
        {
            if (new HandlerInspector(_apis, model, _context.CancellationToken).Inspect(body) is not { } finding)
            {
                return;
            }

            _reported = true;
            _context.ReportDiagnostic(Diagnostic.Create(
                Catalog.Rules.UnsafeAssemblyResolution,
                _location,
                new[] { finding.Load.Syntax.GetLocation() },
                _event,
                finding.Description));
        }
    }

    /// <summary>
    /// Walks a handler body (and the helpers of the same file it calls, their parameters bound to the arguments) for
    /// loads from untrusted directories and for verification of what is loaded.
    /// </summary>
    private sealed class HandlerInspector
    {
        private const int MaxHelperDepth = 3;

        private readonly ResolutionApis _apis;
        private readonly ResolutionDirectoryClassifier _classifier;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<IMethodSymbol> _visiting = new(SymbolEqualityComparer.Default);
        private int _budget = 20_000;
        private bool _verified;
        private bool _hashed;
        private bool _compared;
        private (IOperation Load, string Description)? _first;

        public HandlerInspector(ResolutionApis apis, SemanticModel? model, CancellationToken cancellationToken)
        {
            _apis = apis;
            _classifier = new ResolutionDirectoryClassifier(apis, model, cancellationToken);
            _cancellationToken = cancellationToken;
        }

        /// <summary>The first load from an untrusted directory, or null (none, or the handler verifies what it loads).</summary>
        public (IOperation Load, string Description)? Inspect(IOperation body)
        {
            Walk(body, scope: null, depth: 0);
            return _verified || (_hashed && _compared) ? null : _first;
        }

        private void Walk(IOperation root, Binding? scope, int depth)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                if (--_budget < 0 || _verified)
                {
                    return;
                }

                var operation = pending.Pop();
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        Visit(invocation, scope, depth);
                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                        when comparison.LeftOperand.Type?.SpecialType == SpecialType.System_String:
                        _compared = true;
                        break;
                }

                var children = operation.ChildOperations.ToArray();
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    pending.Push(children[i]);
                }
            }
        }

        private void Visit(IInvocationOperation invocation, Binding? scope, int depth)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            var method = invocation.TargetMethod;
            if (IsVerification(method))
            {
                _verified = true;
                return;
            }

            if (method.Name is "SequenceEqual" or "Equals")
            {
                _compared = true;
            }
            else if (IsSecureHash(method))
            {
                _hashed = true;
            }

            if (LoadOrigin(invocation, scope) is { } origin)
            {
                _first ??= (invocation, origin);
                return;
            }

            if (depth < MaxHelperDepth
                && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
                && method.Locations.FirstOrDefault()?.IsInSource == true
                && _classifier.BodyOf(method) is { } body
                && _visiting.Add(method.OriginalDefinition))
            {
                Walk(body, ResolutionDirectoryClassifier.Bind(method, invocation.Arguments, scope), depth + 1);
                _visiting.Remove(method.OriginalDefinition);
            }
        }

        /// <summary>The description of the untrusted directory a load call reads from, or null.</summary>
        private string? LoadOrigin(IInvocationOperation invocation, Binding? scope)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            var first = ResolutionDirectoryClassifier.Argument(invocation, 0);
            if (first is null)
            {
                return null;
            }

            if (ResolutionApis.Is(type, _apis.Assembly) || ResolutionApis.Is(type, _apis.AppDomain))
            {
                return method.Name switch
                {
                    // LoadFrom resolves a relative path against the current directory (Path.GetFullPath); LoadFile rejects one.
                    "LoadFrom" or "UnsafeLoadFrom" when type.Name == "Assembly" => _classifier.ClassifyPath(first, scope).Describe(relativeToCurrentDirectory: true),
                    "LoadFile" when type.Name == "Assembly" => _classifier.ClassifyPath(first, scope).Describe(relativeToCurrentDirectory: false),
                    "Load" when method.Parameters.FirstOrDefault()?.Type is IArrayTypeSymbol => _classifier.ClassifyBytes(first, scope).Describe(relativeToCurrentDirectory: false),
                    _ => null,
                };
            }

            if (type.IsOrDerivesFrom(_apis.AssemblyLoadContext))
            {
                switch (method.Name)
                {
                    case "LoadFromAssemblyPath" or "LoadUnmanagedDllFromPath":
                        return _classifier.ClassifyPath(first, scope).Describe(relativeToCurrentDirectory: false);
                    case "LoadFromNativeImagePath":
                        var origin = _classifier.ClassifyPath(first, scope);
                        if (ResolutionDirectoryClassifier.Argument(invocation, 1) is { } assemblyPath)
                        {
                            origin = DirectoryOrigin.Worst(origin, _classifier.ClassifyPath(assemblyPath, scope));
                        }

                        return origin.Describe(relativeToCurrentDirectory: false);
                    case "LoadFromStream":
                        return _classifier.ClassifyStream(first, scope).Describe(relativeToCurrentDirectory: false);
                }

                return null;
            }

            // A relative name goes through the OS search path (SCR4011), not the current directory as such.
            return ResolutionApis.Is(type, _apis.NativeLibrary) && method.Name is "Load" or "TryLoad"
                ? _classifier.ClassifyPath(first, scope).Describe(relativeToCurrentDirectory: false)
                : null;
        }

        private bool IsVerification(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (method.Name == "FixedTimeEquals" && ResolutionApis.Is(type, _apis.CryptographicOperations))
            {
                return true;
            }

            if ((method.Name.StartsWith("CheckSignature", StringComparison.Ordinal) || method.Name.StartsWith("Verify", StringComparison.Ordinal))
                && type is not null
                && (type.IsInCryptographyNamespace() || type.IsOrDerivesFrom(_apis.AsymmetricAlgorithm)))
            {
                return true;
            }

            if (method.IsExtern && method.Name is "WinVerifyTrust" or "WinVerifyTrustEx")
            {
                return true;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name is "IntegrityVerifierAttribute" or "IntegrityVerifier")
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSecureHash(IMethodSymbol method)
            => method.ContainingType is { Name: "SHA256" or "SHA384" or "SHA512" or "SHA3_256" or "SHA3_384" or "SHA3_512" } type
               && type.IsInCryptographyNamespace();
    }
}
