using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Rules.Tls;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7007: <c>UseDeveloperExceptionPage()</c>, the EF Core <c>UseDatabaseErrorPage()</c> and
/// <c>UseMigrationsEndPoint()</c> (which lets any client apply pending migrations) called outside a check that excludes
/// production (<see cref="DevelopmentEnvironmentGuard"/>). Also not reported: calls in an <c>#if DEBUG</c> branch, in
/// the Startup convention methods for the development environment (<c>ConfigureDevelopment</c>, class
/// <c>StartupDevelopment</c>), and in private helpers or local functions taking the application builder whose every
/// call in the compilation is guarded. ASP.NET Framework's <c>customErrors</c> lives in web.config: not in scope.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeveloperExceptionPageAnalyzer : DiagnosticAnalyzer
{
    private static readonly (string Type, string Method, string Display)[] Targets =
    {
        ("Microsoft.AspNetCore.Builder.DeveloperExceptionPageExtensions", "UseDeveloperExceptionPage", "the developer exception page"),
        ("Microsoft.AspNetCore.Builder.DatabaseErrorPageExtensions", "UseDatabaseErrorPage", "the database error page"),
        ("Microsoft.AspNetCore.Builder.MigrationsEndPointExtensions", "UseMigrationsEndPoint", "the migrations endpoint"),
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.DeveloperExceptionPage);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var targets = new Dictionary<INamedTypeSymbol, (string Method, string Display)>(SymbolEqualityComparer.Default);
            foreach (var (typeName, method, display) in Targets)
            {
                if (start.Compilation.ResolveType(typeName) is { } type)
                {
                    targets[type] = (method, display);
                }
            }

            if (targets.Count == 0)
            {
                return;
            }

            var state = new State(targets, start.Compilation.ResolveType("Microsoft.AspNetCore.Builder.IApplicationBuilder"));
            start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterCompilationEndAction(state.ReportHelpers);
        });
    }

    private sealed class State
    {
        private readonly Dictionary<INamedTypeSymbol, (string Method, string Display)> _targets;
        private readonly INamedTypeSymbol? _applicationBuilder;
        private readonly ConcurrentBag<(IMethodSymbol Helper, Diagnostic Diagnostic)> _pending = new();
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _unguardedCall = new(SymbolEqualityComparer.Default);

        public State(Dictionary<INamedTypeSymbol, (string Method, string Display)> targets, INamedTypeSymbol? applicationBuilder)
        {
            _targets = targets;
            _applicationBuilder = applicationBuilder;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (IsHelper(method))
            {
                // A call of a private helper that takes the application builder: remember whether it is guarded.
                var guarded = DevelopmentEnvironmentGuard.IsGuarded(invocation);
                _unguardedCall.AddOrUpdate(method.OriginalDefinition, !guarded, (_, earlier) => earlier || !guarded);
                return;
            }

            if (!method.IsStatic
                || !_targets.TryGetValue(method.ContainingType.OriginalDefinition, out var target)
                || method.Name != target.Method
                || DevelopmentEnvironmentGuard.IsGuarded(invocation)
                || DebugOnlyCode.Contains(invocation.Syntax, context.ContainingSymbol)
                || IsDevelopmentConventionMethod(context.ContainingSymbol))
            {
                return;
            }

            var diagnostic = Diagnostic.Create(Catalog.Rules.DeveloperExceptionPage, invocation.Syntax.GetLocation(), method.Name, target.Display);
            if (EnclosingHelper(invocation, context.ContainingSymbol) is { } helper)
            {
                _pending.Add((helper, diagnostic));
                return;
            }

            context.ReportDiagnostic(diagnostic);
        }

        public void ReportHelpers(CompilationAnalysisContext context)
        {
            foreach (var (helper, diagnostic) in _pending)
            {
                // Reported unless the helper is called, and only under an environment check.
                if (!_unguardedCall.TryGetValue(helper, out var unguarded) || unguarded)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        /// <summary>The private method or local function, taking the application builder, that the call is made in.</summary>
        private IMethodSymbol? EnclosingHelper(IOperation operation, ISymbol containing)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is ILocalFunctionOperation local)
                {
                    return IsHelper(local.Symbol) ? local.Symbol.OriginalDefinition : null;
                }

                if (parent is IAnonymousFunctionOperation)
                {
                    return null;
                }
            }

            return containing is IMethodSymbol method && IsHelper(method) ? method.OriginalDefinition : null;
        }

        private bool IsHelper(IMethodSymbol method)
        {
            if (_applicationBuilder is null
                || method.Parameters.IsEmpty
                || !(method.MethodKind == MethodKind.LocalFunction || (method.MethodKind == MethodKind.Ordinary && method.DeclaredAccessibility == Accessibility.Private))
                || method.Locations.IsEmpty
                || !method.Locations[0].IsInSource)
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, _applicationBuilder))
                {
                    return true;
                }

                foreach (var implemented in parameter.Type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented, _applicationBuilder))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Startup's environment convention: <c>ConfigureDevelopment</c> and class <c>StartupDevelopment</c> run only in Development.</summary>
        private static bool IsDevelopmentConventionMethod(ISymbol? symbol)
            => symbol is IMethodSymbol method
               && (method.Name.StartsWith("ConfigureDevelopment", System.StringComparison.Ordinal)
                   || method.ContainingType?.Name == "StartupDevelopment");
    }
}
