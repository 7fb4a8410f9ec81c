using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2004: untrusted data in LDAP search filters and distinguished names: <c>System.DirectoryServices</c>
/// (<c>DirectorySearcher</c> filters, <c>DirectoryEntry</c> paths, child names) and
/// <c>System.DirectoryServices.Protocols</c> (the filter and the distinguished names of search, add, delete, modify,
/// rename and compare requests). Attribute values (<c>DirectoryAttribute</c>, the value of a compare) are data and
/// are not sinks. .NET has no LDAP encoder: the AntiXSS encoders clean a value, and teams with their own encoder
/// declare it with <c>[InputSanitizer("ldap")]</c> or <c>dotnet_diagnostic.SCR2004.taint_sanitizers</c>.
/// </summary>
internal static class LdapInjection
{
    private const string Protocols = "System.DirectoryServices.Protocols.";
    private const string Filter = "an LDAP search filter";
    private const string Dn = "an LDAP distinguished name";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.LdapInjection,
        SinkKind.Ldap,
        ImmutableArray.Create(
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectorySearcher", ".ctor", Filter, "filter"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectorySearcher", "Filter", Filter),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntry", ".ctor", "an LDAP path", "path"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntry", "Path", "an LDAP path"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntry", "Rename", "an LDAP relative name", "newName"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntry", "MoveTo", "an LDAP relative name", "newName"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntry", "CopyTo", "an LDAP relative name", "newName"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntries", "Find", "an LDAP relative name", "name"),
            Sink(SinkKind.Ldap, "System.DirectoryServices.DirectoryEntries", "Add", "an LDAP relative name", "name"),
            Sink(SinkKind.Ldap, Protocols + "SearchRequest", ".ctor", Filter, "ldapFilter"),
            Sink(SinkKind.Ldap, Protocols + "SearchRequest", "Filter", Filter),
            Sink(SinkKind.Ldap, Protocols + "SearchRequest", ".ctor", Dn, "distinguishedName"),
            Sink(SinkKind.Ldap, Protocols + "SearchRequest", "DistinguishedName", Dn),
            Sink(SinkKind.Ldap, Protocols + "AddRequest", ".ctor", Dn, "distinguishedName"),
            Sink(SinkKind.Ldap, Protocols + "AddRequest", "DistinguishedName", Dn),
            Sink(SinkKind.Ldap, Protocols + "DeleteRequest", ".ctor", Dn, "distinguishedName"),
            Sink(SinkKind.Ldap, Protocols + "DeleteRequest", "DistinguishedName", Dn),
            Sink(SinkKind.Ldap, Protocols + "ModifyRequest", ".ctor", Dn, "distinguishedName"),
            Sink(SinkKind.Ldap, Protocols + "ModifyRequest", "DistinguishedName", Dn),
            Sink(SinkKind.Ldap, Protocols + "ModifyDNRequest", ".ctor", Dn, "distinguishedName", "newParentDistinguishedName", "newName"),
            Sink(SinkKind.Ldap, Protocols + "ModifyDNRequest", "DistinguishedName", Dn),
            Sink(SinkKind.Ldap, Protocols + "ModifyDNRequest", "NewParentDistinguishedName", Dn),
            Sink(SinkKind.Ldap, Protocols + "ModifyDNRequest", "NewName", Dn),
            Sink(SinkKind.Ldap, Protocols + "CompareRequest", ".ctor", Dn, "distinguishedName"),
            Sink(SinkKind.Ldap, Protocols + "CompareRequest", "DistinguishedName", Dn)),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Ldap, "Microsoft.Security.Application.Encoder", "LdapFilterEncode"),
            Sanitizer(SinkKind.Ldap, "Microsoft.Security.Application.Encoder", "LdapDistinguishedNameEncode"),
            Sanitizer(SinkKind.Ldap, "Microsoft.Security.Application.Encoder", "LdapEncode")));
}
