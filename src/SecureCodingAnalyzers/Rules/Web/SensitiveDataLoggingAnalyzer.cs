using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Rules.Cryptography;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7010: secrets and credentials written to logs by Microsoft.Extensions.Logging (<c>Log*</c>, <c>BeginScope</c>,
/// <c>[LoggerMessage]</c> methods), Serilog, NLog and log4net. Reported values: the <c>Authorization</c>,
/// <c>Proxy-Authorization</c>, <c>Cookie</c> and <c>Set-Cookie</c> headers (by property, name or <c>HeaderNames</c>),
/// whole header and request-cookie collections, <c>IConfiguration.GetConnectionString</c>, configuration values whose
/// key names a secret, and strings held by a variable, parameter, field or property whose name says it is a secret
/// (the naming heuristic of SCR1010: <c>password</c>, <c>pwd</c>, <c>clientSecret</c>, <c>apiKey</c>,
/// <c>accessToken</c>, <c>connectionString</c>..., not <c>tokenCount</c>, <c>passwordPolicy</c>, <c>secretName</c>,
/// <c>keyId</c>; salts, nonces and IVs are not secrets to a log). Values pass through locals of the same body,
/// concatenation, interpolation, <c>string.Format</c>, anonymous objects, dictionaries and <c>ToString</c>/<c>Trim</c>;
/// any other call (<c>Mask(token)</c>, <c>string.IsNullOrEmpty(token)</c>, <c>token.Length</c>, a hash) is a
/// transformation and ends the trail. <c>Console</c>, <c>Debug</c> and <c>Trace</c> writes are not logs here: command
/// line tools print generated credentials to their user on purpose.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SensitiveDataLoggingAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] LoggerTypes =
    {
        "Microsoft.Extensions.Logging.LoggerExtensions",
        "Microsoft.Extensions.Logging.ILogger",
        "Serilog.ILogger",
        "Serilog.Log",
        "NLog.ILoggerBase",
        "NLog.Logger",
        "log4net.ILog",
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.SensitiveDataInLog);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.Loggers.IsEmpty)
            {
                return;
            }

            // The driver's one walk finds the log calls; only a body with one is looked at as a whole, once.
            var bodies = new PerBody<Secrets>((root, _) => new Secrets(types, root));
            start.RegisterOperationAction(c => AnalyzeLogCall(c, types, bodies), OperationKind.Invocation);
        });
    }

    /// <summary>The logged values of a log call, judged against the locals of its body.</summary>
    private static void AnalyzeLogCall(OperationAnalysisContext context, KnownTypes types, PerBody<Secrets> bodies)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!types.IsLogCall(invocation.TargetMethod))
        {
            return;
        }

        Secrets? secrets = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter && !types.IsPlumbing(parameter.Type) && argument.ArgumentKind != ArgumentKind.DefaultValue
                && !(invocation.TargetMethod.IsExtensionMethod && parameter.Ordinal == 0))
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
                {
                    foreach (var element in elements.ElementValues)
                    {
                        Analyze(element);
                    }
                }
                else
                {
                    Analyze(argument.Value);
                }
            }
        }

        void Analyze(IOperation value)
        {
            secrets ??= bodies.Of(invocation, context.CancellationToken);
            if (secrets.Of(value) is { } secret && !DevelopmentEnvironmentGuard.IsGuarded(value))
            {
                context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.SensitiveDataInLog, value.Syntax.GetLocation(), invocation.TargetMethod.Name, secret));
            }
        }
    }

    /// <summary>Which secret a value carries, in words for the message.</summary>
    private sealed class Secrets
    {
        private static readonly ImmutableHashSet<string> SecretHeaders = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "Api-Key", "X-Auth-Token");

        private readonly KnownTypes _types;
        private readonly LocalValueFacts _locals;

        /// <summary>The secrets of the values of the body rooted at <paramref name="root"/>.</summary>
        public Secrets(KnownTypes types, IOperation root)
        {
            _types = types;
            _locals = new LocalValueFacts(root, OfValue);
        }

        /// <summary>The secret a logged value carries, or null.</summary>
        public string? Of(IOperation value)
        {
            if (value.WalkDownConversions() is ILocalReferenceOperation local && _locals.TryGet(local.Local, out var held))
            {
                return held;
            }

            return OfValue(value);
        }

        private string? OfValue(IOperation value)
        {
            switch (value)
            {
                case IConversionOperation conversion:
                    return OfValue(conversion.Operand);
                case IParenthesizedOperation parenthesized:
                    return OfValue(parenthesized.Operand);
                case ILocalReferenceOperation local when _locals.TryGet(local.Local, out var held):
                    return held;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                    return OfValue(concatenation.LeftOperand) ?? OfValue(concatenation.RightOperand);
                case ICoalesceOperation coalesce:
                    return OfValue(coalesce.Value) ?? OfValue(coalesce.WhenNull);
                case IConditionalOperation conditional:
                    return OfValue(conditional.WhenTrue) ?? (conditional.WhenFalse is null ? null : OfValue(conditional.WhenFalse));
                case IConditionalAccessOperation access:
                    return OfValue(access.WhenNotNull) is { } inner ? inner : null;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation interpolation && OfValue(interpolation.Expression) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IAnonymousObjectCreationOperation anonymous:
                    foreach (var initializer in anonymous.Initializers)
                    {
                        if (initializer is ISimpleAssignmentOperation assignment && OfValue(assignment.Value) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IObjectCreationOperation { Initializer: { } objectInitializer }:
                    foreach (var initializer in objectInitializer.Initializers)
                    {
                        var item = initializer switch
                        {
                            ISimpleAssignmentOperation assignment => assignment.Value,
                            IInvocationOperation { Arguments.Length: > 0 } add => add.Arguments[add.Arguments.Length - 1].Value,
                            _ => null,
                        };
                        if (item is not null && OfValue(item) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IArrayCreationOperation { Initializer: { } array }:
                    foreach (var element in array.ElementValues)
                    {
                        if (OfValue(element) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case IInvocationOperation invocation:
                    return OfCall(invocation);
                case IPropertyReferenceOperation property:
                    return OfProperty(property);
                case IFieldReferenceOperation field:
                    return IsText(field.Type) && _types.IsSecretName(field.Field.Name) ? Named(field.Field.Name) : null;
                case IParameterReferenceOperation parameter:
                    return IsText(parameter.Type) && _types.IsSecretName(parameter.Parameter.Name) ? Named(parameter.Parameter.Name) : null;
                case ILocalReferenceOperation local:
                    return IsText(local.Type) && _types.IsSecretName(local.Local.Name) ? Named(local.Local.Name) : null;
            }

            return null;
        }

        private string? OfCall(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "ToString" or "Trim" or "TrimStart" or "TrimEnd" or "ToLower" or "ToUpper" or "ToLowerInvariant" or "ToUpperInvariant" when invocation.Instance is { } instance:
                    return OfValue(instance);
                case "Format" or "Concat" or "Join" when method.IsStatic && method.ContainingType.SpecialType == SpecialType.System_String:
                    foreach (var argument in invocation.Arguments)
                    {
                        if (OfArgument(argument) is { } found)
                        {
                            return found;
                        }
                    }

                    return null;
                case "GetConnectionString" when method.ContainingType.Name == "ConfigurationExtensions":
                    return invocation.Arguments.Length > 1 && invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }
                        ? "the connection string '" + name + "'"
                        : "a connection string";
                case "GetValue" when method.ContainingType.Name is "ConfigurationBinder":
                    return ConfigurationKey(invocation.Arguments.Length > 1 ? invocation.Arguments[1].Value : null);
                case "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" when method.IsStatic && invocation.Arguments.Length == 1:
                    // Request.Headers["Authorization"].FirstOrDefault()
                    return OfValue(invocation.Arguments[0].Value);
                default:
                    return null;
            }
        }

        private string? OfArgument(IArgumentOperation argument)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
            {
                foreach (var element in elements.ElementValues)
                {
                    if (OfValue(element) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }

            return OfValue(argument.Value);
        }

        private string? OfProperty(IPropertyReferenceOperation reference)
        {
            var property = reference.Property;
            var containing = property.ContainingType;

            // Request.Headers["Authorization"], Headers[HeaderNames.Cookie], configuration["Smtp:Password"]
            if (property.IsIndexer && reference.Arguments.Length == 1)
            {
                var key = reference.Arguments[0].Value;
                if (_types.IsHeaderCollection(containing) || _types.IsHeaderCollection(reference.Instance?.Type))
                {
                    return HeaderName(key) is { } headerName ? "the " + headerName + " header" : null;
                }

                if (_types.IsConfiguration(containing) || _types.IsConfiguration(reference.Instance?.Type))
                {
                    return ConfigurationKey(key);
                }

                if (_types.IsCookieCollection(reference.Instance?.Type))
                {
                    return "a request cookie";
                }
            }

            // Request.Headers.Authorization, httpRequestMessage.Headers.Authorization(.Parameter)
            if (property.Name is "Authorization" or "ProxyAuthorization" or "Cookie" or "SetCookie"
                && (_types.IsHeaderCollection(containing) || _types.IsHeaderCollection(reference.Instance?.Type)))
            {
                return "the " + property.Name switch { "ProxyAuthorization" => "Proxy-Authorization", "SetCookie" => "Set-Cookie", var name => name } + " header";
            }

            if (property.Name == "Parameter" && containing.Name == "AuthenticationHeaderValue" && reference.Instance is { } header)
            {
                return OfValue(header) ?? "the credentials of an Authorization header";
            }

            // Whole collections: Request.Headers, Request.Cookies.
            if (property.Name == "Headers" && _types.IsHeaderCollection(property.Type))
            {
                return "all headers (with Authorization and Cookie)";
            }

            if (property.Name == "Cookies" && _types.IsCookieCollection(property.Type))
            {
                return "all request cookies";
            }

            if (property.Name == "Value" && reference.Instance is IInvocationOperation { TargetMethod.Name: "GetSection", Arguments.Length: 1 } section
                && _types.IsConfiguration(section.TargetMethod.ContainingType))
            {
                return ConfigurationKey(section.Arguments[0].Value);
            }

            return IsText(property.Type) && _types.IsSecretName(property.Name) ? Named(property.Name) : null;
        }

        private static string? HeaderName(IOperation key)
        {
            key = key.WalkDownConversions();
            var name = key.ConstantValue is { HasValue: true, Value: string constant } ? constant
                : key is IFieldReferenceOperation { Field: { ContainingType.Name: "HeaderNames" } field } ? field.Name
                : null;
            if (name is null)
            {
                return null;
            }

            return name switch
            {
                "ProxyAuthorization" => "Proxy-Authorization",
                "SetCookie" => "Set-Cookie",
                _ when SecretHeaders.Contains(name) => name,
                _ => null,
            };
        }

        private static string? ConfigurationKey(IOperation? key)
        {
            if (key?.WalkDownConversions().ConstantValue is not { HasValue: true, Value: string name })
            {
                return null;
            }

            var last = name;
            var separator = Math.Max(name.LastIndexOf(':'), name.LastIndexOf("__", StringComparison.Ordinal));
            if (separator >= 0)
            {
                last = name.Substring(separator + 1).TrimStart('_');
            }

            return IsSecretName(last) ? "the configuration value '" + name + "'" : null;
        }

        private static string Named(string name) => "the secret '" + name + "'";

        /// <summary>Strings and characters: what a credential is written as.</summary>
        private bool IsText(ITypeSymbol? type)
            => type is not null
               && (type.SpecialType is SpecialType.System_String or SpecialType.System_Object
                   || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Char }
                   || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _types.StringValues)
                   || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _types.SecureString));

        /// <summary>A name for a secret (SCR1010's heuristic), a connection string or an Authorization header value.</summary>
        internal static bool IsSecretName(string name)
        {
            var lower = name.TrimStart('_', '@').ToLowerInvariant();
            if (lower.EndsWith("connectionstring", StringComparison.Ordinal)
                || lower is "authorization" or "authorizationheader" or "authheader" or "bearer")
            {
                return true;
            }

            // Salts, nonces and IVs are public by design: logging them leaks nothing.
            if (lower.Contains("salt") || lower.Contains("nonce") || lower == "iv" || name.EndsWith("IV", StringComparison.Ordinal) || name.EndsWith("Iv", StringComparison.Ordinal))
            {
                return false;
            }

            return SecuritySensitiveNames.Classify(name) == SecuritySensitiveNames.NameKind.Secret;
        }
    }

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _headerDictionary;
        private readonly INamedTypeSymbol? _httpHeaders;
        private readonly INamedTypeSymbol? _cookies;
        private readonly INamedTypeSymbol? _configuration;
        private readonly INamedTypeSymbol? _exception;
        private readonly INamedTypeSymbol? _eventId;
        private readonly INamedTypeSymbol? _logLevel;
        private readonly INamedTypeSymbol? _formatProvider;
        private readonly INamedTypeSymbol? _loggerMessage;

        public KnownTypes(Compilation compilation)
        {
            var loggers = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in LoggerTypes)
            {
                if (compilation.ResolveType(name) is { } type)
                {
                    loggers.Add(type);
                }
            }

            Loggers = loggers.ToImmutable();
            _headerDictionary = compilation.ResolveType("Microsoft.AspNetCore.Http.IHeaderDictionary");
            _httpHeaders = compilation.ResolveType("System.Net.Http.Headers.HttpHeaders");
            _cookies = compilation.ResolveType("Microsoft.AspNetCore.Http.IRequestCookieCollection");
            _configuration = compilation.ResolveType("Microsoft.Extensions.Configuration.IConfiguration");
            _exception = compilation.ResolveType("System.Exception");
            _eventId = compilation.ResolveType("Microsoft.Extensions.Logging.EventId");
            _logLevel = compilation.ResolveType("Microsoft.Extensions.Logging.LogLevel");
            _formatProvider = compilation.ResolveType("System.IFormatProvider");
            _loggerMessage = compilation.ResolveType("Microsoft.Extensions.Logging.LoggerMessageAttribute");
            StringValues = compilation.ResolveType("Microsoft.Extensions.Primitives.StringValues");
            SecureString = compilation.ResolveType("System.Security.SecureString");
            _computeIsLogCall = ComputeIsLogCall;
            _isLoggerType = IsLoggerType;
            _isSecretName = Secrets.IsSecretName;
        }

        public ImmutableArray<INamedTypeSymbol> Loggers { get; }

        public INamedTypeSymbol? StringValues { get; }

        public INamedTypeSymbol? SecureString { get; }

        // Asked for every call of the compilation: the answer per method (and per type, inside) is kept.
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _logCalls = new(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _loggerTypes = new(SymbolEqualityComparer.Default);

        // The value factories are kept: a method group passed to GetOrAdd allocates a delegate on every call.
        private readonly Func<IMethodSymbol, bool> _computeIsLogCall;
        private readonly Func<INamedTypeSymbol, bool> _isLoggerType;

        // The names of the logged variables, parameters and properties repeat across a compilation, and the heuristic
        // lower-cases and splits each one: its answer per name is kept.
        private readonly ConcurrentDictionary<string, bool> _secretNames = new(StringComparer.Ordinal);
        private readonly Func<string, bool> _isSecretName;

        /// <summary><see cref="Secrets.IsSecretName"/>, kept per name.</summary>
        public bool IsSecretName(string name) => _secretNames.GetOrAdd(name, _isSecretName);

        // Methods of string, object, the numbers and the other special types are never log calls: no lookup for them.
        public bool IsLogCall(IMethodSymbol method)
            => method.ContainingType?.SpecialType is null or SpecialType.None && _logCalls.GetOrAdd(method.OriginalDefinition, _computeIsLogCall);

        private bool ComputeIsLogCall(IMethodSymbol method)
        {
            var containing = method.ContainingType;
            if (containing is null)
            {
                return false;
            }

            if (_loggerTypes.GetOrAdd(containing, _isLoggerType))
            {
                return true;
            }

            if (_loggerMessage is not null && method.MethodKind == MethodKind.Ordinary)
            {
                foreach (var attribute in method.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _loggerMessage))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Arguments that are not logged values: the logger, exceptions (logged by type), event ids, levels.</summary>
        public bool IsPlumbing(ITypeSymbol type)
            => type.IsOrDerivesFrom(_exception) || SymbolEqualityComparer.Default.Equals(type, _eventId) || SymbolEqualityComparer.Default.Equals(type, _logLevel)
               || SymbolEqualityComparer.Default.Equals(type, _formatProvider) || type.TypeKind == TypeKind.Delegate;

        public bool IsHeaderCollection(ITypeSymbol? type) => type is not null && (Is(type, _headerDictionary) || type.IsOrDerivesFrom(_httpHeaders));

        public bool IsCookieCollection(ITypeSymbol? type) => type is not null && Is(type, _cookies);

        public bool IsConfiguration(ITypeSymbol? type) => type is not null && Is(type, _configuration);

        private bool IsLoggerType(INamedTypeSymbol type)
        {
            foreach (var logger in Loggers)
            {
                if (Is(type, logger))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Is(ITypeSymbol type, INamedTypeSymbol? contract)
        {
            if (contract is null)
            {
                return false;
            }

            if (type.OriginalDefinition.IsOrDerivesFrom(contract))
            {
                return true;
            }

            if (contract.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
