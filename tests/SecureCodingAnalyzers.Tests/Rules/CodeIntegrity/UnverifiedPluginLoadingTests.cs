using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>
/// SCR4001, plugins loaded from a listed folder without verification, and the verification forms every
/// code-integrity rule accepts (the Safe cases). The code fix is tested in <see cref="IntegrityVerificationFixTests"/>.
/// </summary>
/// <remarks>Markup {|#0:...|} is the finding, {|#1:...|} its source, further numbers its steps (see <see cref="Finding"/>).</remarks>
public class UnverifiedPluginLoadingTests
{
    private const string Rule = "SCR4001";

    // ---- Detect ----

    [Fact]
    public async Task Detect_EveryDllOfAFolderLoaded()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Reflection;
            class PluginHost
            {
                void LoadAll(string directory)
                {
                    foreach (var file in {|#1:Directory.GetFiles(directory, "*.dll")|})
                    {
                        Assembly.LoadFrom({|#0:file|});
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("a file listed from a directory (line 7)", "the assembly loaded by Assembly.LoadFrom (line 9)"));
    }

    [Theory]
    [InlineData("Assembly.LoadFrom({|#0:f|});")]
    [InlineData("Assembly.LoadFile({|#0:f|});")]
    [InlineData("Assembly.UnsafeLoadFrom({|#0:f|});")]
    [InlineData("Assembly.Load({|#0:File.ReadAllBytes(f)|});")]
    [InlineData("AssemblyLoadContext.Default.LoadFromAssemblyPath({|#0:f|});")]
    [InlineData("AssemblyLoadContext.Default.LoadFromStream({|#0:File.OpenRead(f)|});")]
    [InlineData("Activator.CreateInstanceFrom({|#0:f|}, \"Plugin.Entry\");")]
    [InlineData("AppDomain.CurrentDomain.ExecuteAssembly({|#0:f|});")]
    [InlineData("NativeLibrary.Load({|#0:f|});")]
    [InlineData("NativeLibrary.TryLoad({|#0:f|}, out _);")]
    [InlineData("new AssemblyCatalog({|#0:f|});")]
    public async Task Detect_EveryLoadingApi(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.ComponentModel.Composition.Hosting;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using System.Runtime.Loader;
            class PluginHost
            {
                void LoadAll(DirectoryInfo folder)
                {
                    foreach (var info in {|#1:folder.EnumerateFiles("*.dll")|})
                    {
                        var f = info.FullName;
            """ + statement + """

                    }
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_DirectoryCatalogLoadsWhateverItsFolderHolds()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.ComponentModel.Composition.Hosting;
            using System.IO;
            class Shell
            {
                CompositionContainer Compose()
                {
                    var catalog = new AggregateCatalog();
                    catalog.Catalogs.Add({|#1:new DirectoryCatalog({|#0:Path.Combine(AppContext.BaseDirectory, "Extensions")|})|});
                    return new CompositionContainer(catalog);
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("every assembly in the catalog's directory (line 9)", "the assemblies of a MEF DirectoryCatalog (line 9)"));
    }

    [Fact]
    public async Task Detect_ListedInOneClassLoadedByAHelperOfAnother()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Linq;
            using System.Reflection;
            using System.Threading.Tasks;
            class Discovery
            {
                private readonly Loader _loader = new();
                public async Task<int> ScanAsync(string folder)
                {
                    await Task.Yield();
                    var candidates = {|#1:Directory.EnumerateFiles(folder, "*.Plugin.dll")|}.Where(p => !p.Contains("Test")).ToList();
                    foreach (var candidate in candidates)
                    {
                        _loader.Load({|#0:candidate|});
                    }

                    return candidates.Count;
                }
            }
            class Loader
            {
                public Assembly Load(string path) => Assembly.LoadFrom({|#2:path|});
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1, 2));
    }

    // An MD5 or SHA-1 digest can be forged: comparing one proves nothing.
    [Fact]
    public async Task Detect_WeakDigestDoesNotVerify()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Reflection;
            using System.Security.Cryptography;
            class PluginHost
            {
                static readonly byte[] Pinned = new byte[16];
                void LoadAll(string directory)
                {
                    foreach (var file in {|#1:Directory.GetFiles(directory, "*.dll")|})
                    {
                        if (CryptographicOperations.FixedTimeEquals(MD5.HashData(File.ReadAllBytes(file)), Pinned))
                        {
                            Assembly.LoadFrom({|#0:file|});
                        }
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1));
    }

    // Checking the name is not checking the code: an allow-list of file names verifies nothing.
    [Fact]
    public async Task Detect_FileNameAllowListDoesNotVerify()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.IO;
            using System.Reflection;
            class PluginHost
            {
                static readonly HashSet<string> Known = new() { "Vendor.Drivers.dll", "Vendor.Reports.dll" };
                void LoadAll(string directory)
                {
                    foreach (var file in {|#1:Directory.GetFiles(directory, "*.dll")|})
                    {
                        if (Known.Contains(Path.GetFileName(file)) || Known.Contains(file))
                        {
                            Assembly.LoadFrom({|#0:file|});
                        }
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity,
            Finding.At(Rule, 0, 1));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_PinnedSha256ComparedInConstantTime()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Reflection;
            using System.Security.Cryptography;
            class PluginHost
            {
                static readonly Dictionary<string, string> PinnedSha256 = new()
                {
                    ["Vendor.Drivers.dll"] = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
                };

                void LoadAll(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        if (!PinnedSha256.TryGetValue(Path.GetFileName(file), out var expected))
                        {
                            continue;
                        }

                        using var stream = File.OpenRead(file);
                        var actual = SHA256.HashData(stream);
                        if (!CryptographicOperations.FixedTimeEquals(actual, Convert.FromHexString(expected)))
                        {
                            throw new InvalidDataException("Plugin " + file + " is not the one we shipped.");
                        }

                        Assembly.LoadFrom(file);
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_HexDigestComparedWithPinnedStringAndSequenceEqual()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Linq;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using System.Security.Cryptography;
            class PluginHost
            {
                const string Expected = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
                static readonly byte[] ExpectedNative = Convert.FromHexString(Expected);

                void LoadManaged(string directory)
                {
                    foreach (var file in Directory.EnumerateFiles(directory, "*.dll"))
                    {
                        var hex = Convert.ToHexString(SHA512.HashData(File.ReadAllBytes(file))).ToLowerInvariant();
                        if (hex == Expected)
                        {
                            Assembly.LoadFrom(file);
                        }
                    }
                }

                void LoadNative(string directory)
                {
                    foreach (var file in Directory.EnumerateFiles(directory, "*.so"))
                    {
                        using var sha = SHA256.Create();
                        var digest = sha.ComputeHash(File.ReadAllBytes(file));
                        if (digest.SequenceEqual(ExpectedNative) && string.Equals(Convert.ToHexString(digest), Expected, StringComparison.OrdinalIgnoreCase))
                        {
                            NativeLibrary.Load(file);
                        }
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_SignatureOverTheFileWithPinnedKey()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Reflection;
            using System.Security.Cryptography;
            class PluginHost
            {
                private readonly ECDsa _publisher;
                PluginHost(ECDsa publisher) => _publisher = publisher;

                void LoadAll(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        var bytes = File.ReadAllBytes(file);
                        var signature = File.ReadAllBytes(file + ".sig");
                        if (_publisher.VerifyData(bytes, signature, HashAlgorithmName.SHA256))
                        {
                            Assembly.Load(bytes);
                        }
                    }
                }

                void LoadRsa(RSA key, string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        if (!key.VerifyData(File.ReadAllBytes(file), File.ReadAllBytes(file + ".sig"), HashAlgorithmName.SHA256, RSASignaturePadding.Pss))
                        {
                            continue;
                        }

                        Assembly.LoadFrom(file);
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_CmsSignatureChecked()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Reflection;
            using System.Security.Cryptography.Pkcs;
            class PluginHost
            {
                void LoadSigned(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.p7"))
                    {
                        var cms = new SignedCms();
                        cms.Decode(File.ReadAllBytes(file));
                        cms.CheckSignature(verifySignatureOnly: false);
                        Assembly.Load(cms.ContentInfo.Content);
                    }
                }

                void LoadDetached(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        var content = File.ReadAllBytes(file);
                        var cms = new SignedCms(new ContentInfo(content), detached: true);
                        cms.Decode(File.ReadAllBytes(file + ".p7s"));
                        cms.CheckSignature(false);
                        Assembly.Load(content);
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_NuGetPackageSignatureVerified()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Compression;
            using System.Reflection;
            using System.Threading;
            using System.Threading.Tasks;
            using NuGet.Packaging;
            using NuGet.Packaging.Signing;
            class PluginHost
            {
                async Task LoadPackages(string directory, IPackageSignatureVerifier verifier, SignedPackageVerifierSettings settings)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.nupkg"))
                    {
                        using var package = new PackageArchiveReader(File.OpenRead(file), leaveStreamOpen: false);
                        var result = await verifier.VerifySignaturesAsync(package, settings, CancellationToken.None, System.Guid.NewGuid());
                        if (!result.IsValid)
                        {
                            continue;
                        }

                        var target = Path.Combine(directory, "extracted", Path.GetFileNameWithoutExtension(file));
                        ZipFile.ExtractToDirectory(file, target);
                        Assembly.LoadFrom(Path.Combine(target, "lib", "plugin.dll"));
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_TeamVerifierMarkedWithAttribute()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            [AttributeUsage(AttributeTargets.Method)]
            sealed class IntegrityVerifierAttribute : Attribute { }
            static class Integrity
            {
                [IntegrityVerifier] public static void Require(string path) { if (path.Length == 0) throw new InvalidDataException(); }
                [IntegrityVerifier] public static bool IsTrusted(string path) => path.Length > 0;
                [IntegrityVerifier] public static string Verified(string path) => path;
            }
            class PluginHost
            {
                void LoadAll(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        Integrity.Require(file);
                        Assembly.LoadFrom(file);
                    }

                    foreach (var file in Directory.GetFiles(directory, "*.so"))
                    {
                        if (Integrity.IsTrusted(file))
                        {
                            Assembly.LoadFile(file);
                        }
                    }

                    foreach (var file in Directory.GetFiles(directory, "*.exe"))
                    {
                        Assembly.LoadFrom(Integrity.Verified(file));
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Safe_VerifierDeclaredInConfiguration()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Reflection;
            namespace Plant.Security
            {
                public static class Authenticode
                {
                    public static extern bool IsSignedByUs(string path);
                }
            }
            class PluginHost
            {
                void LoadAll(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        if (Plant.Security.Authenticode.IsSignedByUs(file))
                        {
                            Assembly.LoadFrom(file);
                        }
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity,
            "secure_coding.integrity_verifiers = M:Plant.Security.Authenticode.IsSignedByUs(System.String)");
    }

    [Fact]
    public async Task Safe_FixedPluginsFromTheApplicationDirectoryByNameOrInspectionOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            class PluginHost
            {
                static readonly string[] Plugins = { "Vendor.Drivers.dll", "Vendor.Reports.dll" };

                void LoadKnown()
                {
                    foreach (var name in Plugins)
                    {
                        Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, name));
                    }

                    Assembly.Load("Vendor.Protocols");
                    Assembly.Load(new AssemblyName("Vendor.Protocols, Version=2.0.0.0"));
                    NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, "libplc.so"));
                }

                int Inspect(string directory)
                {
                    var count = 0;
                    var files = Directory.GetFiles(directory, "*.dll");
                    using var inspection = new MetadataLoadContext(new PathAssemblyResolver(files));
                    foreach (var file in files)
                    {
                        count += AssemblyName.GetAssemblyName(file).Version?.Major ?? 0;
                        count += inspection.LoadFromAssemblyPath(file).GetTypes().Length;
                        count += File.ReadAllBytes(file).Length;
                    }

                    return count;
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }
}
