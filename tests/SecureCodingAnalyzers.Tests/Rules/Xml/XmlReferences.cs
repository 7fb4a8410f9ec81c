using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SecureCodingAnalyzers.Tests.Rules.Xml;

/// <summary>
/// .NET Framework 4.8 reference assemblies for the XML tests, whose rules depend on the framework's defaults. Built by
/// hand rather than from <c>ReferenceAssemblies.NetFramework.Net48.Default</c>, which names version 1.0.2 of the
/// reference-assembly package; the package source serves only 1.0.3. The target version a test means is written in
/// the test source as the <c>TargetFrameworkAttribute</c> the SDK generates (the assemblies are the same).
/// Resolved once, when the class initializes, for the reason <see cref="Verifiers.TestReferences"/> gives.
/// </summary>
public static class XmlReferences
{
    /// <summary>mscorlib, System, System.Core and System.Xml of .NET Framework 4.8.</summary>
    public static ReferenceAssemblies NetFramework { get; } = Resolved(new ReferenceAssemblies(
            "net48",
            new PackageIdentity("Microsoft.NETFramework.ReferenceAssemblies.net48", "1.0.3"),
            Path.Combine("build", ".NETFramework", "v4.8"))
        .AddAssemblies(ImmutableArray.Create("mscorlib", "System", "System.Core", "System.Xml")));

    private static ReferenceAssemblies Resolved(ReferenceAssemblies references)
    {
        Task.Run(() => references.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult();
        return references;
    }
}
