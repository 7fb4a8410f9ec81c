using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>
/// The reference sets of the deserialization tests: the third-party serializers (Json.NET, MessagePack, YamlDotNet)
/// on top of ASP.NET Core; the legacy formatters of .NET Framework are in <see cref="TestReferences.NetFramework48"/>.
/// </summary>
public static class DeserializationReferences
{
    /// <summary><see cref="TestReferences.Web"/> plus Newtonsoft.Json, MessagePack and YamlDotNet.</summary>
    public static ReferenceAssemblies Serializers { get; } = TestReferences.Resolved(TestReferences.Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Newtonsoft.Json", "13.0.4"),
        new PackageIdentity("MessagePack", "2.5.307"),
        new PackageIdentity("YamlDotNet", "18.1.0"))));
}
