using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Options;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Web;

/// <summary>
/// SCR7001 (Secure), SCR7002 (HttpOnly), SCR7003 (SameSite=None) for session and authentication cookies.
/// <list type="bullet">
/// <item>The framework's own cookies: an explicit insecure setting of <c>Cookie</c> on
/// <c>CookieAuthenticationOptions</c> (cookie authentication, Identity's application and external cookies),
/// <c>SessionOptions</c> and <c>AntiforgeryOptions</c>: <c>SecurePolicy = CookieSecurePolicy.None</c>,
/// <c>HttpOnly = false</c>, <c>SameSite = SameSiteMode.None</c>. The defaults (<c>SameAsRequest</c>, <c>true</c>,
/// <c>Lax</c>/<c>Strict</c>) and values computed at run time (<c>env.IsDevelopment() ? ... : ...</c>) are not reported.</item>
/// <item>Cookies the code appends itself (<c>IResponseCookies.Append</c>) whose name or value marks them as session or
/// authentication cookies (words of the constant name, of the symbol naming it or of the symbol holding the value:
/// session, sid, auth, token, jwt, ...; configurable). <c>CookieOptions</c> defaults to Secure = false and
/// HttpOnly = false, so a missing setting is reported too (SameSite only when set to <c>None</c>: unset, browsers
/// treat it as Lax). Options the rule cannot see (a parameter, a field, a factory) are not reported; nor is a
/// <c>CookiePolicyOptions</c> with <c>Secure = Always</c> / <c>HttpOnly = Always</c> /
/// <c>MinimumSameSitePolicy = Lax|Strict</c> anywhere in the compilation (the cookie policy middleware enforces it on
/// every appended cookie), which is why these findings are reported when the compilation completes. The
/// JavaScript-readable antiforgery request token (<c>XSRF-TOKEN</c>) is not a session cookie and is skipped.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CookieSecurityAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: how the fixer repairs the finding (one of the <c>Fix*</c> values).</summary>
    public const string FixProperty = "Fix";

    /// <summary>The reported node is an assignment whose value is replaced.</summary>
    public const string FixValue = "Value";

    /// <summary>The reported node is an <c>Append</c> call whose inline <c>CookieOptions</c> initializer gets the setting.</summary>
    public const string FixAddMember = "AddMember";

    /// <summary>The reported node is an <c>Append(name, value)</c> call that gets a <c>CookieOptions</c> argument.</summary>
    public const string FixAddArgument = "AddArgument";

    /// <summary>The words that mark a cookie as a session or authentication cookie, shared by the three rules.</summary>
    internal static readonly string[] DefaultSessionWords =
    {
        "session*", "sess", "sessid", "sid", "jsessionid", "phpsessid", "auth", "authn", "authentication", "token",
        "jwt", "bearer", "refresh", "identity", "remember",
    };

    private const string NamesDescription = "Words that mark an appended cookie as a session or authentication cookie. The cookie's constant name, the name of the constant, field or property naming it and the name of the symbol holding its value are split into words (at punctuation and lower-to-upper case changes); a cookie is checked when one word matches an entry (ignoring case; an entry ending in * matches words starting with it).";

    /// <summary>SCR7001's cookie words.</summary>
    internal static readonly ListRuleOption SecureNames = new("SCR7001", "session_cookie_words", NamesDescription, DefaultSessionWords);

    /// <summary>SCR7002's cookie words.</summary>
    internal static readonly ListRuleOption HttpOnlyNames = new("SCR7002", "session_cookie_words", NamesDescription, DefaultSessionWords);

    /// <summary>SCR7003's cookie words.</summary>
    internal static readonly ListRuleOption SameSiteNames = new("SCR7003", "session_cookie_words", NamesDescription, DefaultSessionWords);

    private static readonly string[] AntiforgeryWords = { "xsrf", "csrf", "antiforgery", "requestverificationtoken" };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.CookieWithoutSecure, Catalog.Rules.CookieWithoutHttpOnly, Catalog.Rules.CookieSameSiteNone);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new CookieTypes(start.Compilation);
            if (types.CookieBuilder is null && types.ResponseCookies is null)
            {
                return;
            }

            var state = new CompilationState();
            start.RegisterOperationAction(c => AnalyzeAssignment(c, types, state), OperationKind.SimpleAssignment);
            if (types.ResponseCookies is not null && types.CookieOptions is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAppend(c, types, state), OperationKind.Invocation);
                start.RegisterCompilationEndAction(state.Report);
            }
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, CookieTypes types, CompilationState state)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation target)
        {
            return;
        }

        var property = target.Property;
        var value = assignment.Value.WalkDownConversions().ConstantValue;
        if (!value.HasValue)
        {
            return;
        }

        if (property.ContainingType.IsOrDerivesFrom(types.CookiePolicyOptions))
        {
            state.RecordPolicy(property.Name, EnumMemberName(property.Type, value.Value));
            return;
        }

        if (!property.ContainingType.IsOrDerivesFrom(types.CookieBuilder)
            || property.Name is not ("SecurePolicy" or "HttpOnly" or "SameSite")
            || FrameworkCookieOwner(target.Instance, assignment, types) is not { } owner)
        {
            return;
        }

        var api = owner + ".Cookie." + property.Name;
        switch (property.Name)
        {
            case "SecurePolicy" when EnumMemberName(property.Type, value.Value) == "None":
                Report(context.ReportDiagnostic, Catalog.Rules.CookieWithoutSecure, assignment.Syntax.GetLocation(), FixValue, api, "is CookieSecurePolicy.None, so the cookie is also sent over plain HTTP");
                break;
            case "HttpOnly" when value.Value is false:
                Report(context.ReportDiagnostic, Catalog.Rules.CookieWithoutHttpOnly, assignment.Syntax.GetLocation(), FixValue, api, "is false, so scripts can read the cookie");
                break;
            case "SameSite" when EnumMemberName(property.Type, value.Value) == "None":
                Report(context.ReportDiagnostic, Catalog.Rules.CookieSameSiteNone, assignment.Syntax.GetLocation(), FixValue, api, "is SameSiteMode.None, so browsers send the cookie with requests other sites trigger");
                break;
        }
    }

    /// <summary>
    /// "CookieAuthenticationOptions", "SessionOptions" or "AntiforgeryOptions" when <paramref name="instance"/> (the receiver
    /// of a <c>CookieBuilder</c> property set by <paramref name="assignment"/>) is the <c>Cookie</c> of one of them:
    /// <c>options.Cookie.HttpOnly = false</c>, <c>Cookie = { HttpOnly = false }</c>, <c>Cookie = new CookieBuilder { HttpOnly = false }</c>.
    /// </summary>
    private static string? FrameworkCookieOwner(IOperation? instance, ISimpleAssignmentOperation assignment, CookieTypes types)
    {
        switch (instance?.WalkDownConversions())
        {
            case IPropertyReferenceOperation cookie:
                return OwnerOf(cookie, types);
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                when assignment.Parent is IObjectOrCollectionInitializerOperation initializer:
                switch (initializer.Parent)
                {
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation cookie }:
                        return OwnerOf(cookie, types);
                    case IObjectCreationOperation creation
                        when creation.WalkUpConversions(out _) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation cookie }:
                        return OwnerOf(cookie, types);
                }

                return null;
            default:
                return null;
        }
    }

    private static string? OwnerOf(IPropertyReferenceOperation cookie, CookieTypes types)
    {
        if (cookie.Property.Name != "Cookie")
        {
            return null;
        }

        var owner = cookie.Property.ContainingType;
        return owner.IsOrDerivesFrom(types.CookieAuthenticationOptions) ? "CookieAuthenticationOptions"
            : owner.IsOrDerivesFrom(types.SessionOptions) ? "SessionOptions"
            : owner.IsOrDerivesFrom(types.AntiforgeryOptions) ? "AntiforgeryOptions"
            : null;
    }

    private static void AnalyzeAppend(OperationAnalysisContext context, CookieTypes types, CompilationState state)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "Append"
            || method.Parameters.Length is not (2 or 3)
            || method.Parameters[0].Type.SpecialType != SpecialType.System_String
            || !IsResponseCookies(method.ContainingType, types))
        {
            return;
        }

        var nameArgument = Argument(invocation, 0);
        var valueArgument = Argument(invocation, 1);
        if (nameArgument is null || valueArgument is null)
        {
            return;
        }

        var tree = invocation.Syntax.SyntaxTree;
        var config = context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var described = Describe(nameArgument, valueArgument, out var nameWords, out var valueWords);
        if (described is null
            || ContainsAny(nameWords, AntiforgeryWords)
            || (valueArgument is IPropertyReferenceOperation { Property.Name: "RequestToken" } requestToken && requestToken.Property.ContainingType.Name == "AntiforgeryTokenSet"))
        {
            return;
        }

        var settings = method.Parameters.Length == 2
            ? CookieSettings.Defaults(FixAddArgument)
            : CookieSettings.Read(Argument(invocation, 2), types, context.CancellationToken);
        if (settings is null)
        {
            return;
        }

        var invocationLocation = invocation.Syntax.GetLocation();
        if (IsSessionCookie(SecureNames.Read(config), nameWords, valueWords) && settings.Secure is { } secure)
        {
            state.Defer(new Finding(Catalog.Rules.CookieWithoutSecure, secure.Location ?? invocationLocation, secure.Fix, described,
                secure.Location is null ? "is appended without Secure (CookieOptions.Secure defaults to false)" : "is appended with Secure = false"));
        }

        if (IsSessionCookie(HttpOnlyNames.Read(config), nameWords, valueWords) && settings.HttpOnly is { } httpOnly)
        {
            state.Defer(new Finding(Catalog.Rules.CookieWithoutHttpOnly, httpOnly.Location ?? invocationLocation, httpOnly.Fix, described,
                httpOnly.Location is null ? "is appended without HttpOnly (CookieOptions.HttpOnly defaults to false)" : "is appended with HttpOnly = false"));
        }

        if (IsSessionCookie(SameSiteNames.Read(config), nameWords, valueWords) && settings.SameSiteNone is { } sameSite)
        {
            state.Defer(new Finding(Catalog.Rules.CookieSameSiteNone, sameSite, FixValue, described, "is appended with SameSite = None"));
        }
    }

    private static bool IsResponseCookies(INamedTypeSymbol? type, CookieTypes types)
    {
        if (type is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, types.ResponseCookies))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, types.ResponseCookies))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The argument bound to parameter <paramref name="ordinal"/>, conversions removed (named arguments in any order).</summary>
    internal static IOperation? Argument(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value.WalkDownConversions();
            }
        }

        return null;
    }

    /// <summary>How the message names the cookie, from its constant name, the symbol naming it or the symbol holding its value.</summary>
    private static string? Describe(IOperation name, IOperation value, out List<string> nameWords, out List<string> valueWords)
    {
        nameWords = new List<string>();
        valueWords = new List<string>();
        string? description = null;
        if (name.ConstantValue is { HasValue: true, Value: string constantName })
        {
            Words(constantName, nameWords);
            description = "The cookie \"" + constantName + "\"";
        }

        if (ReferencedName(name) is { } nameSymbol)
        {
            Words(nameSymbol, nameWords);
            description ??= "The cookie named by " + nameSymbol;
        }

        if (ReferencedName(value) is { } valueSymbol)
        {
            Words(valueSymbol, valueWords);
            description ??= "The cookie holding " + valueSymbol;
        }

        return description ?? "The cookie";
    }

    /// <summary>The name of the local, parameter, field, property or method an expression reads.</summary>
    private static string? ReferencedName(IOperation operation) => operation.WalkDownConversions() switch
    {
        ILocalReferenceOperation local => local.Local.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } => ReferencedName(instance),
        IInvocationOperation call => call.TargetMethod.Name,
        _ => null,
    };

    private static bool IsSessionCookie(ImmutableArray<string> entries, List<string> nameWords, List<string> valueWords)
    {
        foreach (var word in nameWords)
        {
            if (ListRuleOption.Matches(entries, word))
            {
                return true;
            }
        }

        foreach (var word in valueWords)
        {
            if (ListRuleOption.Matches(entries, word))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAny(List<string> words, string[] wanted)
    {
        foreach (var word in words)
        {
            if (Array.IndexOf(wanted, word) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits <paramref name="text"/> into lower-case words at punctuation and lower-to-upper case changes ("JWTToken" is "jwt", "token").</summary>
    internal static void Words(string text, List<string> words)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (!char.IsLetterOrDigit(c))
            {
                Flush(i);
                start = -1;
                continue;
            }

            if (start < 0)
            {
                start = i;
                continue;
            }

            var previous = text[i - 1];
            var boundary = (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous)))
                           || (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1]));
            if (boundary)
            {
                Flush(i);
                start = i;
            }
        }

        void Flush(int end)
        {
            if (start >= 0 && end > start)
            {
                words.Add(text.Substring(start, end - start).ToLowerInvariant());
            }
        }
    }

    /// <summary>The name of the member of enum <paramref name="type"/> with <paramref name="value"/>.</summary>
    private static string? EnumMemberName(ITypeSymbol type, object? value)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType || value is null)
        {
            return null;
        }

        foreach (var member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
            {
                return field.Name;
            }
        }

        return null;
    }

    private static void Report(Action<Diagnostic> report, DiagnosticDescriptor rule, Location location, string? fix, string api, string problem)
    {
        var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        report(Diagnostic.Create(rule, location, properties, api, problem));
    }

    /// <summary>What an <c>Append</c> call's <c>CookieOptions</c> leave insecure; null when the options cannot be seen.</summary>
    private sealed class CookieSettings
    {
        /// <summary>Secure unset (Location null) or false (the assignment); null when set to anything else.</summary>
        public Setting? Secure { get; private set; }

        /// <summary>HttpOnly unset or false; null when set to anything else.</summary>
        public Setting? HttpOnly { get; private set; }

        /// <summary>Where SameSite is set to None; null otherwise.</summary>
        public Location? SameSiteNone { get; private set; }

        public static CookieSettings Defaults(string? fix) => new()
        {
            Secure = new Setting(null, fix),
            HttpOnly = new Setting(null, fix),
        };

        /// <summary>
        /// Reads <c>new CookieOptions { ... }</c> passed inline, or a local initialized with one in the same body (then also the
        /// later <c>local.Secure = ...</c> assignments). Anything else is not seen.
        /// </summary>
        public static CookieSettings? Read(IOperation? options, CookieTypes types, CancellationToken cancellationToken)
        {
            switch (options)
            {
                case IObjectCreationOperation creation when IsPlainCookieOptions(creation, types):
                    var inline = Defaults(FixAddMember);
                    inline.Apply(creation.Initializer, fixable: true);
                    return inline;
                case ILocalReferenceOperation local:
                    return ReadLocal(local, types, cancellationToken);
                default:
                    return null;
            }
        }

        private static bool IsPlainCookieOptions(IObjectCreationOperation creation, CookieTypes types)
            => SymbolEqualityComparer.Default.Equals(creation.Type, types.CookieOptions) && creation.Arguments.IsEmpty;

        private static CookieSettings? ReadLocal(ILocalReferenceOperation reference, CookieTypes types, CancellationToken cancellationToken)
        {
            CookieSettings? settings = null;
            var assignments = new List<ISimpleAssignmentOperation>();
            foreach (var operation in reference.Root().Descendants())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                        if (declarator.Initializer?.Value.WalkDownConversions() is not IObjectCreationOperation creation || !IsPlainCookieOptions(creation, types))
                        {
                            return null;
                        }

                        settings = Defaults(fix: null);
                        settings.Apply(creation.Initializer, fixable: false);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } reassigned
                        when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local) && reassigned.Parent is not IVariableInitializerOperation:
                        return null;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } } set
                        when SymbolEqualityComparer.Default.Equals(owner.Local, reference.Local):
                        assignments.Add(set);
                        break;
                }
            }

            if (settings is null)
            {
                return null;
            }

            foreach (var set in assignments)
            {
                settings.Set(set, fixable: false);
            }

            return settings;
        }

        private void Apply(IObjectOrCollectionInitializerOperation? initializer, bool fixable)
        {
            if (initializer is null)
            {
                return;
            }

            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation set)
                {
                    Set(set, fixable);
                }
            }
        }

        private void Set(ISimpleAssignmentOperation set, bool fixable)
        {
            if (set.Target is not IPropertyReferenceOperation property)
            {
                return;
            }

            var value = set.Value.WalkDownConversions().ConstantValue;
            var isFalse = value is { HasValue: true, Value: false };
            var fix = fixable ? FixValue : null;
            switch (property.Property.Name)
            {
                case "Secure":
                    Secure = isFalse ? new Setting(set.Syntax.GetLocation(), fix) : null;
                    break;
                case "HttpOnly":
                    HttpOnly = isFalse ? new Setting(set.Syntax.GetLocation(), fix) : null;
                    break;
                case "SameSite":
                    SameSiteNone = value.HasValue && EnumMemberName(property.Property.Type, value.Value) == "None" ? set.Syntax.GetLocation() : null;
                    break;
            }
        }
    }

    /// <summary>An insecure setting: where it is written (null: left at its insecure default) and how to fix it.</summary>
    private sealed class Setting
    {
        public Setting(Location? location, string? fix)
        {
            Location = location;
            Fix = fix;
        }

        public Location? Location { get; }

        public string? Fix { get; }
    }

    private sealed class Finding
    {
        public Finding(DiagnosticDescriptor rule, Location location, string? fix, string api, string problem)
        {
            Rule = rule;
            Location = location;
            Fix = fix;
            Api = api;
            Problem = problem;
        }

        public DiagnosticDescriptor Rule { get; }

        public Location Location { get; }

        public string? Fix { get; }

        public string Api { get; }

        public string Problem { get; }
    }

    /// <summary>The cookie policy seen anywhere in the compilation, and the <c>Append</c> findings it may cancel.</summary>
    private sealed class CompilationState
    {
        private readonly ConcurrentQueue<Finding> _findings = new();
        private int _secure;
        private int _httpOnly;
        private int _sameSite;

        public void RecordPolicy(string property, string? value)
        {
            switch (property)
            {
                case "Secure" when value == "Always":
                    Interlocked.Exchange(ref _secure, 1);
                    break;
                case "HttpOnly" when value == "Always":
                    Interlocked.Exchange(ref _httpOnly, 1);
                    break;
                case "MinimumSameSitePolicy" when value is "Lax" or "Strict":
                    Interlocked.Exchange(ref _sameSite, 1);
                    break;
            }
        }

        public void Defer(Finding finding) => _findings.Enqueue(finding);

        public void Report(CompilationAnalysisContext context)
        {
            foreach (var finding in _findings)
            {
                var enforced = finding.Rule == Catalog.Rules.CookieWithoutSecure ? Volatile.Read(ref _secure)
                    : finding.Rule == Catalog.Rules.CookieWithoutHttpOnly ? Volatile.Read(ref _httpOnly)
                    : Volatile.Read(ref _sameSite);
                if (enforced == 0)
                {
                    CookieSecurityAnalyzer.Report(context.ReportDiagnostic, finding.Rule, finding.Location, finding.Fix, finding.Api, finding.Problem);
                }
            }
        }
    }

    private sealed class CookieTypes
    {
        public CookieTypes(Compilation compilation)
        {
            CookieBuilder = compilation.ResolveType("Microsoft.AspNetCore.Http.CookieBuilder");
            CookieOptions = compilation.ResolveType("Microsoft.AspNetCore.Http.CookieOptions");
            ResponseCookies = compilation.ResolveType("Microsoft.AspNetCore.Http.IResponseCookies");
            CookiePolicyOptions = compilation.ResolveType("Microsoft.AspNetCore.Builder.CookiePolicyOptions");
            CookieAuthenticationOptions = compilation.ResolveType("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions");
            SessionOptions = compilation.ResolveType("Microsoft.AspNetCore.Builder.SessionOptions");
            AntiforgeryOptions = compilation.ResolveType("Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions");
        }

        public INamedTypeSymbol? CookieBuilder { get; }

        public INamedTypeSymbol? CookieOptions { get; }

        public INamedTypeSymbol? ResponseCookies { get; }

        public INamedTypeSymbol? CookiePolicyOptions { get; }

        public INamedTypeSymbol? CookieAuthenticationOptions { get; }

        public INamedTypeSymbol? SessionOptions { get; }

        public INamedTypeSymbol? AntiforgeryOptions { get; }
    }
}
