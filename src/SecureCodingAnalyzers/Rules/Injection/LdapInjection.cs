using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2004: untrusted data in LDAP search filters and distinguished names (<c>System.DirectoryServices</c> and
/// <c>System.DirectoryServices.Protocols</c>). The AntiXSS LDAP encoders clean a value; teams with their own encoder
/// declare it with <c>[InputSanitizer("ldap")]</c> or <c>dotnet_diagnostic.SCR2004.taint_sanitizers</c>.
/// </summary>
internal static class LdapInjection
{
    public static TaintRule Rule { get; } = new(
        Catalog.Rules.LdapInjection,
        SinkKind.Ldap,
        ImmutableArray.Create(
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectorySearcher", ".ctor", "an LDAP search filter", "filter"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectorySearcher", "Filter", "an LDAP search filter"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntry", ".ctor", "an LDAP path", "path"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntry", "Path", "an LDAP path"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.Protocols.SearchRequest", ".ctor", "an LDAP search request", "distinguishedName", "ldapFilter"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.Protocols.SearchRequest", "Filter", "an LDAP search filter"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.Protocols.SearchRequest", "DistinguishedName", "an LDAP distinguished name")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Ldap, "Microsoft.Security.Application.Encoder", "LdapFilterEncode"),
            Sanitizer(SinkKind.Ldap, "Microsoft.Security.Application.Encoder", "LdapDistinguishedNameEncode")));
}
