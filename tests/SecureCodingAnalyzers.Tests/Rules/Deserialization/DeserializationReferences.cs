using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>
/// The reference sets of the deserialization tests: the third-party serializers (Json.NET, MessagePack, YamlDotNet)
/// on top of ASP.NET Core, and .NET Framework 4.8 with the assemblies of its legacy formatters (SoapFormatter,
/// NetDataContractSerializer, LosFormatter, ObjectStateFormatter, JavaScriptSerializer). Resolved once, one after the
/// other, for the reason <see cref="TestReferences"/> gives.
/// </summary>
public static class DeserializationReferences
{
    /// <summary><see cref="TestReferences.Web"/> plus Newtonsoft.Json, MessagePack and YamlDotNet.</summary>
    public static ReferenceAssemblies Serializers { get; } = Resolved(TestReferences.Web.AddPackages(ImmutableArray.Create(
        new PackageIdentity("Newtonsoft.Json", "13.0.4"),
        new PackageIdentity("MessagePack", "2.5.307"),
        new PackageIdentity("YamlDotNet", "18.1.0"))));

    /// <summary>
    /// .NET Framework 4.8 with System.Web, System.Web.Extensions, System.Runtime.Serialization and the SOAP formatter.
    /// Built by hand rather than from <c>ReferenceAssemblies.NetFramework.Net48.Default</c>: that names version 1.0.2 of
    /// the reference-assembly package, of which the package source serves only 1.0.3.
    /// </summary>
    public static ReferenceAssemblies NetFramework { get; } = Resolved(new ReferenceAssemblies(
            "net48",
            new PackageIdentity("Microsoft.NETFramework.ReferenceAssemblies.net48", "1.0.3"),
            Path.Combine("build", ".NETFramework", "v4.8"))
        .AddAssemblies(ImmutableArray.Create(
        "mscorlib",
        "System",
        "System.Core",
        "System.Web",
        "System.Web.Extensions",
        "System.Runtime.Serialization",
        "System.Runtime.Serialization.Formatters.Soap",
        "System.Data",
        "System.Xml")));

    private static ReferenceAssemblies Resolved(ReferenceAssemblies references)
    {
        Task.Run(() => references.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult();
        return references;
    }
}
