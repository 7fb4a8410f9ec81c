using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.CodeIntegrity.StrongNameIdentityAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>SCR4022: strong names and public key tokens used to decide whether to trust an assembly.</summary>
public class StrongNameIdentityTests
{
    private const string Usings = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Reflection;
        using System.Runtime.Loader;
        using System.Security.Cryptography;

        """;

    // ---- Detect ----

    [Fact]
    public async Task Detect_PluginHostCheckingTokenOfFile()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PluginHost
            {
                static readonly byte[] ContosoToken = { 0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88 };

                public IEnumerable<Assembly> LoadPlugins(string folder)
                {
                    foreach (var path in Directory.EnumerateFiles(folder, "*.dll"))
                    {
                        var name = AssemblyName.GetAssemblyName(path);
                        if ({|#0:name.GetPublicKeyToken()!.SequenceEqual(ContosoToken)|})
                            yield return Assembly.LoadFrom(path);
                    }
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("AssemblyName.GetPublicKeyToken()"));
    }

    [Fact]
    public async Task Detect_HexStrings_ReturnedFromBoolMethods()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Trust
            {
                const string OurToken = "1F2E3D4C5B6A7988";

                public static bool IsOurs(Assembly assembly)
                    => [|Convert.ToHexString(assembly.GetName().GetPublicKeyToken()!) == OurToken|];

                public static bool IsOursLegacy(string path)
                {
                    var hex = BitConverter.ToString(AssemblyName.GetAssemblyName(path).GetPublicKeyToken()!).Replace("-", "");
                    return [|hex.Equals(OurToken, StringComparison.OrdinalIgnoreCase)|];
                }

                public static bool IsOursPattern(Assembly assembly)
                    => [|Convert.ToHexString(assembly.GetName().GetPublicKeyToken()!) is "1F2E3D4C5B6A7988" or "0011223344556677"|];
            }
            """);
    }

    [Fact]
    public async Task Detect_PluginTokenComparedWithHostToken()
    {
        // "Signed with the same key as the host" is the same mistake: anyone can put the host's public key in an assembly.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PluginHost
            {
                public bool IsTrusted(Assembly plugin)
                {
                    var hostToken = typeof(PluginHost).Assembly.GetName().GetPublicKeyToken();
                    return [|plugin.GetName().GetPublicKeyToken()!.SequenceEqual(hostToken!)|];
                }

                public bool IsTrustedKey(string path)
                    => [|AssemblyName.GetAssemblyName(path).GetPublicKey()!.AsSpan().SequenceEqual(Assembly.GetExecutingAssembly().GetName().GetPublicKey())|];
            }
            """);
    }

    [Fact]
    public async Task Detect_FixedTimeEqualsAndStructuralComparison()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PluginHost
            {
                static readonly byte[] PinnedKey = Convert.FromBase64String("ACQAAASAAACUAAAABgIAAAAkAABSU0ExAAQAAAEAAQ==");
                static readonly byte[] PinnedToken = { 0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88 };

                public void Load(string path)
                {
                    var key = AssemblyLoadContext.GetAssemblyName(path).GetPublicKey();
                    if (key is null || !{|#0:CryptographicOperations.FixedTimeEquals(key, PinnedKey)|})
                        throw new InvalidOperationException("Untrusted plugin");
                    AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
                }

                public bool Structural(Assembly plugin)
                    => [|StructuralComparisons.StructuralEqualityComparer.Equals(plugin.GetName().GetPublicKeyToken(), PinnedToken)|];
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("AssemblyName.GetPublicKey()"));
    }

    [Fact]
    public async Task Detect_AllowListOfTokens_InPredicate()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PluginCatalog
            {
                static readonly HashSet<string> TrustedPublishers = new(StringComparer.OrdinalIgnoreCase) { "1f2e3d4c5b6a7988", "0011223344556677" };

                public IEnumerable<Assembly> Trusted(IEnumerable<Assembly> candidates)
                    => candidates.Where(a => [|TrustedPublishers.Contains(Convert.ToHexString(a.GetName().GetPublicKeyToken()!))|]);
            }
            """);
    }

    [Fact]
    public async Task Detect_SwitchOnToken()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            enum TrustLevel { None, Partner, Full }
            class PluginHost
            {
                public TrustLevel Classify(string path)
                {
                    switch ([|Convert.ToHexString(AssemblyName.GetAssemblyName(path).GetPublicKeyToken()!)|])
                    {
                        case "1F2E3D4C5B6A7988": return TrustLevel.Full;
                        case "0011223344556677": return TrustLevel.Partner;
                        default: return TrustLevel.None;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_MetadataReaderPublicKey()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Reflection.Metadata;
            using System.Reflection.PortableExecutable;
            class PluginInspector
            {
                static readonly byte[] PinnedKey = { 0x00, 0x24, 0x00, 0x00, 0x04, 0x80, 0x00, 0x00 };

                public bool IsTrusted(Stream file)
                {
                    using var pe = new PEReader(file);
                    var reader = pe.GetMetadataReader();
                    var definition = reader.GetAssemblyDefinition();
                    return {|#0:reader.GetBlobBytes(definition.PublicKey).SequenceEqual(PinnedKey)|};
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("AssemblyDefinition.PublicKey"));
    }

    [Fact]
    public async Task Detect_SelfCheckOfOwnAssembly()
    {
        // An anti-tamper check by strong name: a modified copy keeps its public key and passes.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Licensing
            {
                static readonly byte[] Expected = { 0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88 };
                public static void EnsureGenuine()
                {
                    if (![|typeof(Licensing).Assembly.GetName().GetPublicKeyToken()!.SequenceEqual(Expected)|])
                        Environment.FailFast("Tampered");
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ConditionalAccessAndGuard()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PluginHost
            {
                const string OurToken = "1f2e3d4c5b6a7988";
                public string Describe(Assembly? plugin, object state) => state switch
                {
                    string s when [|Convert.ToHexString(plugin?.GetName().GetPublicKeyToken() ?? Array.Empty<byte>()) == OurToken|] => "trusted " + s,
                    _ => "untrusted",
                };
            }
            """);
    }

    [Fact]
    public async Task Detect_HelperTakingTheExpectedToken()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class PluginPolicy
            {
                public static bool HasToken(Assembly plugin, byte[] expected)
                {
                    var actual = plugin.GetName().GetPublicKeyToken();
                    if (actual is null)
                        return false;
                    bool trusted = [|actual.SequenceEqual(expected)|];
                    return trusted;
                }

                public static IEnumerable<string> Trusted(IEnumerable<string> paths)
                {
                    var hostToken = Assembly.GetEntryAssembly()!.GetName().GetPublicKeyToken()!;
                    return paths.Where(p => [|AssemblyName.GetAssemblyName(p).GetPublicKeyToken()!.SequenceEqual(hostToken)|]);
                }
            }
            """);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_DisplayAndLogging()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Diagnostics;
            class About
            {
                public void Print()
                {
                    foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                    {
                        var name = assembly.GetName();
                        var token = name.GetPublicKeyToken();
                        Console.WriteLine($"{name.Name} {name.Version} {BitConverter.ToString(token ?? Array.Empty<byte>())}");
                        Trace.TraceInformation("Public key: {0}", Convert.ToBase64String(name.GetPublicKey() ?? Array.Empty<byte>()));
                    }
                }

                public void Compare(Assembly plugin, byte[] expected)
                    => Console.WriteLine("matches: " + plugin.GetName().GetPublicKeyToken()!.SequenceEqual(expected));
            }
            """);
    }

    [Fact]
    public async Task Safe_BuildingAssemblyQualifiedNames()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class TypeNames
            {
                public static string QualifiedName(Type type)
                {
                    var name = type.Assembly.GetName();
                    var token = name.GetPublicKeyToken();
                    var tokenText = token is null || token.Length == 0 ? "null" : Convert.ToHexString(token).ToLowerInvariant();
                    return $"{type.FullName}, {name.Name}, Version={name.Version}, Culture=neutral, PublicKeyToken={tokenText}";
                }

                public static string Token(Assembly assembly)
                {
                    var token = assembly.GetName().GetPublicKeyToken();
                    return token == null || token.Length == 0 ? "null" : string.Concat(token.Select(b => b.ToString("x2")));
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_InternalsVisibleTo()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Runtime.CompilerServices;
            [assembly: InternalsVisibleTo("Contoso.Tests, PublicKey=0024000004800000940000000602000000240000525341310004000001000100")]
            class C { }
            """);
    }

    [Fact]
    public async Task Safe_BindingRedirectInAssemblyResolve()
    {
        // Which file answers a request is binding, not trust: the requested name is parsed from text.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Redirects
            {
                static readonly byte[] NewtonsoftToken = { 0x30, 0xad, 0x4f, 0xe6, 0xb2, 0xa6, 0xae, 0xed };

                public static void Install() => AppDomain.CurrentDomain.AssemblyResolve += OnResolve;

                static Assembly? OnResolve(object? sender, ResolveEventArgs args)
                {
                    var requested = new AssemblyName(args.Name);
                    if (requested.Name == "Newtonsoft.Json" && requested.GetPublicKeyToken()!.SequenceEqual(NewtonsoftToken))
                        return Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Newtonsoft.Json.dll"));

                    foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
                    {
                        var name = loaded.GetName();
                        if (name.Name == requested.Name && name.GetPublicKeyToken()!.SequenceEqual(requested.GetPublicKeyToken()!))
                            return loaded;
                    }

                    return null;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_LoadContextOverridesAndResolvingHandlers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            class PluginLoadContext : AssemblyLoadContext
            {
                static readonly byte[] SharedToken = { 0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88 };

                public PluginLoadContext() : base(isCollectible: true)
                {
                    Resolving += (context, name) =>
                        name.GetPublicKeyToken()!.SequenceEqual(SharedToken) ? context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, name.Name + ".dll")) : null;
                }

                protected override Assembly? Load(AssemblyName assemblyName)
                {
                    // Shared contracts come from the host's context.
                    if (assemblyName.GetPublicKeyToken()!.SequenceEqual(SharedToken))
                        return null;
                    return LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "plugins", assemblyName.Name + ".dll"));
                }
            }

            // The shape of System.Reflection.MetadataLoadContext's resolver (inspection only, nothing runs).
            sealed class MetadataLoadContext { }
            sealed class SharedResolver
            {
                static readonly byte[] SharedToken = { 0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88 };
                public string? Resolve(MetadataLoadContext context, AssemblyName assemblyName)
                    => assemblyName.GetPublicKeyToken()!.SequenceEqual(SharedToken) ? assemblyName.Name : null;
            }
            """);
    }

    [Fact]
    public async Task Safe_SkippingFrameworkAssemblies()
    {
        // Scanning for types: framework assemblies are skipped for speed, not trusted.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Scanner
            {
                static readonly HashSet<string> FrameworkTokens = new(StringComparer.OrdinalIgnoreCase)
                {
                    "b77a5c561934e089", "b03f5f7f11d50a3a", "31bf3856ad364e35", "cc7b13ffcd2ddd51", "adb9793829ddae60",
                };
                static readonly byte[] EcmaToken = { 0xb7, 0x7a, 0x5c, 0x56, 0x19, 0x34, 0xe0, 0x89 };
                static readonly byte[][] MicrosoftTokens = { new byte[] { 0xb0, 0x3f, 0x5f, 0x7f, 0x11, 0xd5, 0x0a, 0x3a } };

                public static IEnumerable<Assembly> Candidates()
                {
                    foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                    {
                        var token = assembly.GetName().GetPublicKeyToken() ?? Array.Empty<byte>();
                        if (FrameworkTokens.Contains(Convert.ToHexString(token)))
                            continue;
                        if (token.SequenceEqual(EcmaToken) || MicrosoftTokens.Any(t => t.SequenceEqual(token)))
                            continue;
                        if (token.SequenceEqual(typeof(object).Assembly.GetName().GetPublicKeyToken()!))
                            continue;
                        if (BitConverter.ToString(token).Replace("-", "").Equals("7CEC85D7BEA7798E", StringComparison.OrdinalIgnoreCase))
                            continue;
                        yield return assembly;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ComparingTwoAssembliesOrReferences()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            sealed class AssemblyIdentityComparer : IEqualityComparer<AssemblyName>
            {
                public bool Equals(AssemblyName? x, AssemblyName? y)
                    => x?.Name == y?.Name && (x?.GetPublicKeyToken() ?? Array.Empty<byte>()).SequenceEqual(y?.GetPublicKeyToken() ?? Array.Empty<byte>());
                public int GetHashCode(AssemblyName obj) => obj.Name?.GetHashCode() ?? 0;
            }

            static class Dependencies
            {
                static readonly byte[] ContosoToken = { 0x1f, 0x2e, 0x3d, 0x4c, 0x5b, 0x6a, 0x79, 0x88 };

                public static bool UsesContosoCore(Assembly plugin)
                {
                    foreach (var reference in plugin.GetReferencedAssemblies())
                    {
                        if (reference.Name == "Contoso.Core" && reference.GetPublicKeyToken()!.SequenceEqual(ContosoToken))
                            return true;
                    }
                    return false;
                }

                public static bool SameSigner(string a, string b)
                    => AssemblyName.GetAssemblyName(a).GetPublicKeyToken()!.SequenceEqual(AssemblyName.GetAssemblyName(b).GetPublicKeyToken()!);
            }
            """);
    }

    [Fact]
    public async Task Safe_PresenceAndLengthChecks()
    {
        // Whether an assembly is strong-named at all: a precondition for GAC or binding logic, not a publisher check.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class StrongNames
            {
                public static bool IsStrongNamed(Assembly assembly)
                {
                    var token = assembly.GetName().GetPublicKeyToken();
                    return token != null && token.Length > 0;
                }

                public static bool HasKey(string path) => AssemblyName.GetAssemblyName(path).GetPublicKey() is { Length: > 0 };
                public static bool NoToken(Assembly a) => a.GetName().GetPublicKeyToken() is null or [];
                public static bool Empty(Assembly a) => a.GetName().GetPublicKeyToken()!.SequenceEqual(Array.Empty<byte>());
            }
            """);
    }

    [Fact]
    public async Task Safe_PublisherNameForDisplay()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            static class Publishers
            {
                static readonly Dictionary<string, string> Known = new() { ["1F2E3D4C5B6A7988"] = "Contoso" };

                public static string NameOf(Assembly assembly)
                {
                    var hex = Convert.ToHexString(assembly.GetName().GetPublicKeyToken() ?? Array.Empty<byte>());
                    return Known.TryGetValue(hex, out var publisher) ? publisher : "unknown publisher";
                }

                public static string Label(Assembly assembly) => Convert.ToHexString(assembly.GetName().GetPublicKeyToken()!) switch
                {
                    "1F2E3D4C5B6A7988" => "Contoso",
                    _ => "other",
                };
            }
            """);
    }

    [Fact]
    public async Task Safe_UnrelatedGetPublicKeyMethods()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                static readonly byte[] Pinned = { 1, 2, 3 };
                bool Certificate(X509Certificate2 certificate) => certificate.GetPublicKey().SequenceEqual(Pinned);
                bool Own(Key key) => key.GetPublicKeyToken().SequenceEqual(Pinned);
            }
            class Key { public byte[] GetPublicKeyToken() => new byte[8]; }
            """);
    }
}
