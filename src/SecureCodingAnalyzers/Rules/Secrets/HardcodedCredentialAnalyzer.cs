using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.ConstantData;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Secrets;

/// <summary>
/// Constant values (see <see cref="ConstantByteData"/> and <see cref="ConstantString"/>: literals, constants,
/// readonly fields and get-only properties initialized with constants, locals assigned only constants, and the
/// constant pieces of interpolations, concatenations, <c>string.Concat</c>/<c>string.Format</c>) that reach a
/// credential:
/// <list type="bullet">
/// <item>SCR6001: a connection string with a non-placeholder <c>Password</c>/<c>Pwd</c> passed to a
/// <c>DbConnection</c>, <c>DbConnectionStringBuilder</c> or <c>DbDataSource</c> (any provider: matched by base type),
/// assigned to their <c>ConnectionString</c>, a constant assigned to a builder's <c>Password</c>, or passed to an EF Core
/// <c>Use*</c> provider method (an extension of <c>DbContextOptionsBuilder</c> with a <c>connectionString</c> parameter)
/// or to the <c>connectionString</c> parameter of any referenced library method (<c>AddSqlServer&lt;TContext&gt;</c>).</item>
/// <item>SCR6002: the password of <c>NetworkCredential</c>; the credentials of <c>AuthenticationHeaderValue</c> (Basic:
/// the password after ':' of the Base64-encoded pair; any other scheme: the parameter); an <c>Authorization</c> header
/// added to <c>HttpHeaders</c>; <c>ClientSecret</c>/<c>AppSecret</c>/<c>ConsumerSecret</c> on Microsoft authentication
/// options; <c>clientSecret</c> parameters of MSAL (<c>WithClientSecret</c>) and Azure.Identity (<c>ClientSecretCredential</c>);
/// the <c>password</c> of X509 certificate APIs and Kestrel's <c>UseHttps</c>.</item>
/// <item>SCR6003: key material outside <c>System.Security.Cryptography</c> (SCR1005 covers that namespace):
/// <c>SymmetricSecurityKey</c>, <c>JsonWebKey.K</c>, a constant JSON Web Key with <c>k</c> or private members,
/// <c>InMemorySymmetricSecurityKey</c>, OWIN's
/// <c>SymmetricKeyIssuerSecurityKeyProvider</c>, JWT.Net's <c>WithSecret</c> and encoder keys.</item>
/// <item>SCR6005: a password-named value (<see cref="SecretValues.IsPasswordName"/>) compared with a non-placeholder
/// constant, or any string compared with a constant whose name says it is a password (<c>==</c>, <c>!=</c>,
/// <c>Equals</c>, <c>string.Equals</c>, <c>string.Compare</c>/<c>CompareOrdinal</c>, <c>is</c> and <c>switch</c> patterns).</item>
/// </list>
/// Placeholders (<see cref="SecretValues.IsPlaceholder"/>), empty values and any value with a non-constant piece are
/// not reported; the constant fallback of <c>configured ?? "..."</c> is (SCR6001-SCR6003). No code fix: where the secret should come from (configuration, a vault, a certificate store) is a
/// design decision. Messages never contain the value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedCredentialAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.HardcodedConnectionStringPassword,
        Catalog.Rules.HardcodedCredential,
        Catalog.Rules.HardcodedSigningKey,
        Catalog.Rules.HardcodedPasswordCheck);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            var constants = new ConstantByteData(start.Compilation);
            start.RegisterOperationAction(c => AnalyzeArgument(c, types, constants), OperationKind.Argument);
            start.RegisterOperationAction(c => AnalyzeAssignment(c, types, constants), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => PasswordComparison.AnalyzeBinary(c, constants), OperationKind.Binary);
            start.RegisterOperationAction(c => PasswordComparison.AnalyzeInvocation(c, constants), OperationKind.Invocation);
            start.RegisterOperationAction(c => PasswordComparison.AnalyzePattern(c, constants), OperationKind.IsPattern, OperationKind.SwitchCase, OperationKind.SwitchExpressionArm);
        });
    }

    private static void AnalyzeArgument(OperationAnalysisContext context, KnownTypes types, ConstantByteData constants)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.Parameter is not { } parameter || parameter.ContainingSymbol is not IMethodSymbol method || argument.ArgumentKind == ArgumentKind.DefaultValue)
        {
            return;
        }

        var type = method.ContainingType;
        var name = parameter.Name;
        var isString = parameter.Type.SpecialType == SpecialType.System_String;
        if (isString && string.Equals(name, "connectionString", StringComparison.OrdinalIgnoreCase))
        {
            if (types.IsDatabaseType(type) || types.IsEntityFrameworkProvider(method) || IsLibraryMethod(method))
            {
                ReportConnectionString(context, argument.Value, Api(method), constants);
            }

            return;
        }

        if (type is null)
        {
            return;
        }

        // The namespace's display string is built only for the parameter names that need it.
        switch (name)
        {
            case "password" when isString && SymbolEqualityComparer.Default.Equals(type, types.NetworkCredential):
                ReportCredential(context, argument.Value, "NetworkCredential", "password", constants);
                return;

            case "parameter" when isString && SymbolEqualityComparer.Default.Equals(type, types.AuthenticationHeaderValue)
                                 && argument.Parent is IObjectCreationOperation { Arguments.Length: 2 } creation:
                var scheme = ConstantString.Evaluate(creation.Arguments[0].Value, constants, context.CancellationToken);
                if (scheme is { IsComplete: true })
                {
                    AuthorizationCredential(context, argument.Value, "AuthenticationHeaderValue", scheme.Text.Trim(), credentialText: null, constants);
                }

                return;

            // "value" names the parameter of countless setters and adders: the method name before the base type walk.
            case "value" when isString && method.Name is "Add" or "TryAddWithoutValidation"
                             && type.IsOrDerivesFrom(types.HttpHeaders)
                             && argument.Parent is IInvocationOperation { Arguments.Length: 2 } invocation
                             && ConstantString.Evaluate(invocation.Arguments[0].Value, constants, context.CancellationToken) is { IsComplete: true } header
                             && (string.Equals(header.Text, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(header.Text, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)):
                if (ConstantString.Evaluate(argument.Value, constants, context.CancellationToken) is { } headerValue)
                {
                    var text = headerValue.Text.Trim();
                    var space = text.IndexOf(' ');
                    if (space > 0 && text.Substring(0, space).IndexOf(ConstantString.Hole) < 0)
                    {
                        AuthorizationCredential(context, argument.Value, "the " + header.Text + " header", text.Substring(0, space), text.Substring(space + 1), constants);
                    }
                    else if (!SecretValues.IsPlaceholder(text))
                    {
                        Report(context, Catalog.Rules.HardcodedCredential, argument.Value, headerValue.Origin, "the " + header.Text + " header", "credential");
                    }
                }

                return;

            case "password" when isString && IsCertificatePasswordSink(method, Namespace(type)):
                ReportCredential(context, argument.Value, Api(method), "certificate password", constants);
                return;

            case "json" when isString && method.MethodKind is MethodKind.Constructor or MethodKind.Ordinary
                            && (SymbolEqualityComparer.Default.Equals(type, types.JsonWebKey) || (type.Name == "JsonWebKeySet" && Namespace(type) == "Microsoft.IdentityModel.Tokens")):
                if (ConstantString.Evaluate(argument.Value, constants, context.CancellationToken) is { IsComplete: true } json && HasJsonWebKeySecret(json.Text))
                {
                    Report(context, Catalog.Rules.HardcodedSigningKey, argument.Value, json.Origin, type.Name, json.Description);
                }

                return;

            case "clientSecret" when isString && Namespace(type) is var ns && (ns.StartsWith("Microsoft.Identity.Client", StringComparison.Ordinal) || ns.StartsWith("Azure.Identity", StringComparison.Ordinal)):
                ReportCredential(context, argument.Value, Api(method), "client secret", constants);
                return;

            case "key" or "symmetricKey" or "base64Key" or "secret" or "secrets" or "keys"
                when types.IsKeyMaterialSink(method, parameter):
                ReportKey(context, argument, Api(method), constants);
                return;
        }
    }

    private static string Namespace(INamedTypeSymbol type) => type.ContainingNamespace?.ToDisplayString() ?? string.Empty;

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types, ConstantByteData constants)
    {
        var assignment = (IAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Arguments.Length: 0 } target)
        {
            return;
        }

        var property = target.Property;
        var type = property.ContainingType;
        switch (property.Name)
        {
            case "ConnectionString" when types.IsDatabaseType(type):
                ReportConnectionString(context, assignment.Value, type.Name + ".ConnectionString", constants);
                return;

            case "Password" or "Pwd" when type.IsOrDerivesFrom(types.DbConnectionStringBuilder) && property.Type.SpecialType == SpecialType.System_String:
                if (ConstantString.Evaluate(assignment.Value, constants, context.CancellationToken) is { IsComplete: true } password && !SecretValues.IsPlaceholder(password.Text))
                {
                    Report(context, Catalog.Rules.HardcodedConnectionStringPassword, assignment.Value, password.Origin, password.Description, type.Name + "." + property.Name);
                }

                return;

            case "Password" when SymbolEqualityComparer.Default.Equals(type, types.NetworkCredential):
                ReportCredential(context, assignment.Value, "NetworkCredential.Password", "password", constants);
                return;

            case "ClientSecret" or "AppSecret" or "ConsumerSecret" when property.Type.SpecialType == SpecialType.System_String
                                                                          && type.ContainingNamespace?.ToDisplayString() is { } ns
                                                                          && (ns.StartsWith("Microsoft.", StringComparison.Ordinal) || ns.StartsWith("Owin", StringComparison.Ordinal)):
                ReportCredential(context, assignment.Value, type.Name + "." + property.Name, property.Name == "ClientSecret" ? "client secret" : "application secret", constants);
                return;

            case "K" when SymbolEqualityComparer.Default.Equals(type, types.JsonWebKey):
                if (ConstantString.Evaluate(assignment.Value, constants, context.CancellationToken) is { IsComplete: true } key && !SecretValues.IsPlaceholder(key.Text))
                {
                    Report(context, Catalog.Rules.HardcodedSigningKey, assignment.Value, key.Origin, "JsonWebKey.K", key.Description);
                }

                return;
        }
    }

    private static void ReportConnectionString(OperationAnalysisContext context, IOperation value, string api, ConstantByteData constants)
    {
        if (ConstantString.Evaluate(value, constants, context.CancellationToken) is { } text)
        {
            if (SecretValues.ConnectionStringPassword(text.Text) is not null)
            {
                Report(context, Catalog.Rules.HardcodedConnectionStringPassword, value, text.Origin, text.Description, api);
            }
        }
        else if (Fallback(value) is { } fallback)
        {
            ReportConnectionString(context, fallback, api, constants);
        }
    }

    private static void ReportCredential(OperationAnalysisContext context, IOperation value, string api, string what, ConstantByteData constants)
    {
        if (ConstantString.Evaluate(value, constants, context.CancellationToken) is { } text)
        {
            if (text.IsComplete && !SecretValues.IsPlaceholder(text.Text))
            {
                Report(context, Catalog.Rules.HardcodedCredential, value, text.Origin, api, what);
            }
        }
        else if (Fallback(value) is { } fallback)
        {
            ReportCredential(context, fallback, api, what, constants);
        }
    }

    /// <summary>
    /// The right side of <c>configured ?? "fallback"</c>: the value every installation without that configuration
    /// runs with, so a constant there is as hard-coded as a constant alone. A conditional (<c>dev ? "a" : b</c>) is
    /// not followed: which branch ships is not known.
    /// </summary>
    private static IOperation? Fallback(IOperation value)
        => Strip(value) is ICoalesceOperation coalesce && coalesce.WhenNull is not IThrowOperation ? coalesce.WhenNull : null;

    /// <summary>A method of a referenced library (not of this compilation): its <c>connectionString</c> parameter means what it says.</summary>
    private static bool IsLibraryMethod(IMethodSymbol method)
    {
        foreach (var location in method.Locations)
        {
            if (location.IsInSource)
            {
                return false;
            }
        }

        return method.Locations.Length > 0;
    }

    /// <summary>The <c>password</c> of a PFX/PKCS#12 file or blob: X509 certificate types and Kestrel's <c>UseHttps(fileName, password)</c>.</summary>
    private static bool IsCertificatePasswordSink(IMethodSymbol method, string ns)
        => ns == "System.Security.Cryptography.X509Certificates"
           || (method.Name == "UseHttps" && ns.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));

    /// <summary>A JSON Web Key (or set) with symmetric (<c>k</c>) or private (<c>d</c>, <c>p</c>, <c>q</c>...) material that is not a placeholder.</summary>
    private static bool HasJsonWebKeySecret(string json)
    {
        foreach (System.Text.RegularExpressions.Match match in s_jwkSecretMember.Matches(json))
        {
            if (!SecretValues.IsPlaceholder(match.Groups["v"].Value))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Text.RegularExpressions.Regex s_jwkSecretMember = new(
        @"""(?:k|d|p|q|dp|dq|qi)""\s*:\s*""(?<v>[^""]*)""",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(200));

    /// <summary>
    /// The credentials of an authorization header: for <c>Basic</c>, the password of the <c>user:password</c> pair
    /// (given as <c>Convert.ToBase64String(Encoding.X.GetBytes(pair))</c> or as a Base64 constant); for any other
    /// scheme, the whole parameter.
    /// </summary>
    private static void AuthorizationCredential(OperationAnalysisContext context, IOperation value, string api, string scheme, string? credentialText, ConstantByteData constants)
    {
        if (string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            ConstantString? pair = null;
            string? pairText = null;
            if (credentialText is null
                && Strip(value) is IInvocationOperation { TargetMethod.Name: "ToBase64String", Arguments.Length: >= 1 } toBase64
                && Strip(toBase64.Arguments[0].Value) is IInvocationOperation { TargetMethod.Name: "GetBytes", Arguments.Length: 1 } getBytes)
            {
                pair = ConstantString.Evaluate(getBytes.Arguments[0].Value, constants, context.CancellationToken);
                pairText = pair?.Text;
            }
            else
            {
                var encoded = credentialText ?? ConstantString.Evaluate(value, constants, context.CancellationToken)?.Text;
                pairText = encoded is null ? null : DecodeBase64(encoded.Trim());
            }

            if (pairText is null && credentialText is not null && credentialText.IndexOf(ConstantString.Hole) >= 0
                && FindToBase64OfBytes(value) is { } inner)
            {
                // "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:password")): the pair is inside.
                pair = ConstantString.Evaluate(inner.Arguments[0].Value, constants, context.CancellationToken);
                pairText = pair?.Text;
            }

            var colon = pairText?.IndexOf(':') ?? -1;
            if (pairText is not null && colon >= 0 && !SecretValues.IsPlaceholder(pairText.Substring(colon + 1)))
            {
                Report(context, Catalog.Rules.HardcodedCredential, value, pair?.Origin ?? value.Syntax.GetLocation(), api, "Basic authentication password");
            }

            return;
        }

        var credential = credentialText ?? ConstantString.Evaluate(value, constants, context.CancellationToken)?.Text;
        if (credential is not null && !SecretValues.IsPlaceholder(credential))
        {
            var what = string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? "bearer token" : scheme + " credential";
            Report(context, Catalog.Rules.HardcodedCredential, value, value.Syntax.GetLocation(), api, what);
        }
    }

    private static void ReportKey(OperationAnalysisContext context, IArgumentOperation argument, string api, ConstantByteData constants)
    {
        var values = argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer }
            ? initializer.ElementValues
            : ImmutableArray.Create(argument.Value);
        foreach (var value in values)
        {
            if (value.Type?.SpecialType == SpecialType.System_String)
            {
                if (ConstantString.Evaluate(value, constants, context.CancellationToken) is { IsComplete: true } text && !SecretValues.IsPlaceholder(text.Text))
                {
                    Report(context, Catalog.Rules.HardcodedSigningKey, value, text.Origin, api, text.Description);
                }
            }
            else if (constants.Types.IsByteBuffer(value.Type))
            {
                if (constants.Classify(value, context.CancellationToken) is { } data)
                {
                    if (!(data.Text is { } source && SecretValues.IsPlaceholder(source)))
                    {
                        Report(context, Catalog.Rules.HardcodedSigningKey, value, data.Origin, api, data.Description);
                    }
                }
                else if (Strip(value) is IInvocationOperation { TargetMethod.Name: "GetBytes" or "FromBase64String" or "FromHexString", Arguments.Length: 1 } decode
                         && Fallback(decode.Arguments[0].Value) is { } fallback
                         && ConstantString.Evaluate(fallback, constants, context.CancellationToken) is { IsComplete: true } text
                         && !SecretValues.IsPlaceholder(text.Text))
                {
                    Report(context, Catalog.Rules.HardcodedSigningKey, value, text.Origin, api, "the bytes of a fallback " + text.Description.Replace("a string literal", "string literal"));
                }
            }
        }
    }

    internal static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, IOperation value, Location origin, string first, string second)
    {
        var location = value.Syntax.GetLocation();
        var additional = origin.IsInSource && !(origin.SourceTree == location.SourceTree && location.SourceSpan.Contains(origin.SourceSpan))
            ? ImmutableArray.Create(origin)
            : ImmutableArray<Location>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additional, first, second));
    }

    /// <summary>The <c>GetBytes(pair)</c> of the one <c>Convert.ToBase64String(Encoding.X.GetBytes(pair))</c> inside a header value.</summary>
    private static IInvocationOperation? FindToBase64OfBytes(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "ToBase64String", Arguments.Length: >= 1 } toBase64
                && Strip(toBase64.Arguments[0].Value) is IInvocationOperation { TargetMethod.Name: "GetBytes", Arguments.Length: 1 } getBytes)
            {
                return getBytes;
            }
        }

        return null;
    }

    private static string? DecodeBase64(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IOperation Strip(IOperation operation)
    {
        while (operation is IConversionOperation { OperatorMethod: null } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary><c>SqlConnection</c> for a constructor, <c>UseSqlServer</c> for a method.</summary>
    private static string Api(IMethodSymbol method)
        => method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;

    private sealed class KnownTypes
    {
        public KnownTypes(Compilation compilation)
        {
            DbConnection = compilation.ResolveType("System.Data.Common.DbConnection");
            DbConnectionStringBuilder = compilation.ResolveType("System.Data.Common.DbConnectionStringBuilder");
            DbDataSource = compilation.ResolveType("System.Data.Common.DbDataSource");
            IDbConnection = compilation.ResolveType("System.Data.IDbConnection");
            NetworkCredential = compilation.ResolveType("System.Net.NetworkCredential");
            AuthenticationHeaderValue = compilation.ResolveType("System.Net.Http.Headers.AuthenticationHeaderValue");
            HttpHeaders = compilation.ResolveType("System.Net.Http.Headers.HttpHeaders");
            JsonWebKey = compilation.ResolveType("Microsoft.IdentityModel.Tokens.JsonWebKey");
            SymmetricSecurityKey = compilation.ResolveType("Microsoft.IdentityModel.Tokens.SymmetricSecurityKey");
            InMemorySymmetricSecurityKey = compilation.ResolveType("System.IdentityModel.Tokens.InMemorySymmetricSecurityKey");
        }

        public INamedTypeSymbol? DbConnection { get; }

        public INamedTypeSymbol? DbConnectionStringBuilder { get; }

        public INamedTypeSymbol? DbDataSource { get; }

        public INamedTypeSymbol? IDbConnection { get; }

        public INamedTypeSymbol? NetworkCredential { get; }

        public INamedTypeSymbol? AuthenticationHeaderValue { get; }

        public INamedTypeSymbol? HttpHeaders { get; }

        public INamedTypeSymbol? JsonWebKey { get; }

        public INamedTypeSymbol? SymmetricSecurityKey { get; }

        public INamedTypeSymbol? InMemorySymmetricSecurityKey { get; }

        /// <summary>A connection, connection string builder or data source of any ADO.NET provider.</summary>
        public bool IsDatabaseType(INamedTypeSymbol? type)
            => type is not null
               && (type.IsOrDerivesFrom(DbConnection) || type.IsOrDerivesFrom(DbConnectionStringBuilder) || type.IsOrDerivesFrom(DbDataSource)
                   || (IDbConnection is not null && type.AllInterfaces.Contains(IDbConnection, SymbolEqualityComparer.Default))
                   || (type.Name.EndsWith("DataSourceBuilder", StringComparison.Ordinal) && type.ContainingNamespace?.IsGlobalNamespace == false));

        /// <summary>An EF Core provider method: <c>UseSqlServer(this DbContextOptionsBuilder, string connectionString, ...)</c>.</summary>
        public bool IsEntityFrameworkProvider(IMethodSymbol method)
            => method.Name.StartsWith("Use", StringComparison.Ordinal)
               && method.IsExtensionMethod
               && method.Parameters.Length > 0
               && method.Parameters[0].Type is INamedTypeSymbol { Name: "DbContextOptionsBuilder" } builder
               && builder.ContainingNamespace?.ToDisplayString() == "Microsoft.EntityFrameworkCore";

        /// <summary>Key parameters of token-signing APIs outside System.Security.Cryptography.</summary>
        public bool IsKeyMaterialSink(IMethodSymbol method, IParameterSymbol parameter)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            if (method.MethodKind == MethodKind.Constructor
                && (SymbolEqualityComparer.Default.Equals(type, SymmetricSecurityKey) || SymbolEqualityComparer.Default.Equals(type, InMemorySymmetricSecurityKey)))
            {
                return true;
            }

            var owinProvider = method.MethodKind == MethodKind.Constructor && type.Name == "SymmetricKeyIssuerSecurityKeyProvider";
            var jwtMethod = method.Name == "WithSecret" || (method.Name == "Encode" && parameter.Name == "key");
            if (!owinProvider && !jwtMethod)
            {
                return false;
            }

            var ns = Namespace(type);
            return (owinProvider && ns.StartsWith("Microsoft.Owin", StringComparison.Ordinal))
                   || ((ns == "JWT" || ns.StartsWith("JWT.", StringComparison.Ordinal))
                       && (method.Name == "WithSecret" || (method.Name == "Encode" && parameter.Name == "key")));
        }
    }
}
