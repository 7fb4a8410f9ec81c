using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity.IntegrityVerificationCodeFixProvider>;
using VerifyProject = SecureCodingAnalyzers.Tests.Verifiers.ProjectFixVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity.IntegrityVerificationCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

/// <summary>
/// The code fix of SCR4001, SCR4002 and SCR4003: the loaded path or bytes are wrapped in
/// <c>IntegrityVerification.VerifyFile</c>/<c>VerifyBytes</c>, and the helper is added to the project once. Every fixed
/// state is analyzed again by the testing library: the findings are gone.
/// </summary>
public class IntegrityVerificationFixTests
{
    private const string HelperFile = "IntegrityVerification.cs";

    // ---- Fix ----

    [Fact]
    public async Task Fix_PluginLoadedFromAListedFolder_VerifiesTheFile()
    {
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                """
                using System.IO;
                using System.Reflection;

                namespace Contoso.Updates;

                class PluginHost
                {
                    void LoadAll(string directory)
                    {
                        foreach (var file in Directory.GetFiles(directory, "*.dll"))
                        {
                            Assembly.LoadFrom({|SCR4001:file|});
                        }
                    }
                }
                """,
            },
            new FixedProject(
                new[]
                {
                    """
                    using System.IO;
                    using System.Reflection;

                    namespace Contoso.Updates;

                    class PluginHost
                    {
                        void LoadAll(string directory)
                        {
                            foreach (var file in Directory.GetFiles(directory, "*.dll"))
                            {
                                Assembly.LoadFrom(IntegrityVerification.VerifyFile(file, expectedSha256: ""));
                            }
                        }
                    }
                    """,
                },
                (HelperFile, Helper("Contoso.Updates"))),
            TestReferences.CodeIntegrity);
    }

    // Every API whose path or bytes argument can be pinned; the bytes of Assembly.Load get VerifyBytes.
    [Theory]
    [InlineData("Assembly.LoadFrom({|SCR4001:f|});", "Assembly.LoadFrom(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    [InlineData("Assembly.LoadFile({|SCR4001:f|});", "Assembly.LoadFile(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    [InlineData("Assembly.UnsafeLoadFrom({|SCR4001:f|});", "Assembly.UnsafeLoadFrom(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    [InlineData("Assembly.Load({|SCR4001:File.ReadAllBytes(f)|});", "Assembly.Load(IntegrityVerification.VerifyBytes(File.ReadAllBytes(f), expectedSha256: \"\"));")]
    [InlineData("AssemblyLoadContext.Default.LoadFromAssemblyPath({|SCR4001:f|});", "AssemblyLoadContext.Default.LoadFromAssemblyPath(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    [InlineData("Activator.CreateInstanceFrom({|SCR4001:f|}, \"Plugin.Entry\");", "Activator.CreateInstanceFrom(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"), \"Plugin.Entry\");")]
    [InlineData("AppDomain.CurrentDomain.ExecuteAssembly({|SCR4001:f|});", "AppDomain.CurrentDomain.ExecuteAssembly(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    [InlineData("NativeLibrary.Load({|SCR4001:f|});", "NativeLibrary.Load(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    [InlineData("NativeLibrary.TryLoad({|SCR4001:f|}, out _);", "NativeLibrary.TryLoad(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"), out _);")]
    [InlineData("_ = new AssemblyCatalog({|SCR4001:f|});", "_ = new AssemblyCatalog(IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    [InlineData("Assembly.LoadFrom({|SCR4001:assemblyFile: f|});", "Assembly.LoadFrom(assemblyFile: IntegrityVerification.VerifyFile(f, expectedSha256: \"\"));")]
    public async Task Fix_EveryPinnableApi(string statement, string fixedStatement)
    {
        const string Start = """
            using System;
            using System.ComponentModel.Composition.Hosting;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using System.Runtime.Loader;

            namespace Contoso.Updates;

            class PluginHost
            {
                void LoadAll(DirectoryInfo folder)
                {
                    foreach (var info in folder.EnumerateFiles("*.dll"))
                    {
                        var f = info.FullName;

            """;
        const string End = """

                    }
                }
            }
            """;
        await VerifyProject.VerifyCodeFixAsync(
            new[] { Start + "            " + statement + End },
            new FixedProject(new[] { Start + "            " + fixedStatement + End }, (HelperFile, Helper("Contoso.Updates"))),
            TestReferences.CodeIntegrity);
    }

    [Fact]
    public async Task Fix_DownloadedAssemblyBytes_AreVerified()
    {
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                """
                using System;
                using System.Net.Http;
                using System.Reflection;
                using System.Threading.Tasks;

                namespace Contoso.Updates;

                class PluginFeed
                {
                    async Task<Assembly> FetchAsync(HttpClient http, Uri feed)
                        => Assembly.Load({|SCR4003:await http.GetByteArrayAsync(feed)|});
                }
                """,
            },
            new FixedProject(
                new[]
                {
                    """
                    using System;
                    using System.Net.Http;
                    using System.Reflection;
                    using System.Threading.Tasks;

                    namespace Contoso.Updates;

                    class PluginFeed
                    {
                        async Task<Assembly> FetchAsync(HttpClient http, Uri feed)
                            => Assembly.Load(IntegrityVerification.VerifyBytes(await http.GetByteArrayAsync(feed), expectedSha256: ""));
                    }
                    """,
                },
                (HelperFile, Helper("Contoso.Updates"))),
            TestReferences.CodeIntegrity);
    }

    // Three findings in one document: the single fixes one after another and Fix All (in the document, the project and
    // the solution) all end with every program verified and one helper.
    [Fact]
    public async Task Fix_DownloadedProgramsStarted_FixAllAddsTheHelperOnce()
    {
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                """
                using System.Diagnostics;
                using System.IO;
                using System.Net.Http;
                using System.Threading.Tasks;

                namespace Contoso.Updates;

                class Updater
                {
                    private readonly HttpClient _http = new();

                    async Task InstallAsync(string url, string target)
                    {
                        var installer = await _http.GetByteArrayAsync(url);
                        await File.WriteAllBytesAsync(target, installer);
                        Process.Start({|SCR4003:target|});
                    }

                    async Task RepairAsync(string url, string target)
                    {
                        await File.WriteAllBytesAsync(target, await _http.GetByteArrayAsync(url));
                        var start = new ProcessStartInfo { {|SCR4003:FileName = target|}, UseShellExecute = false };
                        Process.Start(start);
                    }

                    async Task UninstallAsync(string url, string target)
                    {
                        await File.WriteAllBytesAsync(target, await _http.GetByteArrayAsync(url));
                        Process.Start(new ProcessStartInfo({|SCR4003:target|}, "/uninstall") { UseShellExecute = false });
                    }
                }
                """,
            },
            new FixedProject(
                new[]
                {
                    """
                    using System.Diagnostics;
                    using System.IO;
                    using System.Net.Http;
                    using System.Threading.Tasks;

                    namespace Contoso.Updates;

                    class Updater
                    {
                        private readonly HttpClient _http = new();

                        async Task InstallAsync(string url, string target)
                        {
                            var installer = await _http.GetByteArrayAsync(url);
                            await File.WriteAllBytesAsync(target, installer);
                            Process.Start(IntegrityVerification.VerifyFile(target, expectedSha256: ""));
                        }

                        async Task RepairAsync(string url, string target)
                        {
                            await File.WriteAllBytesAsync(target, await _http.GetByteArrayAsync(url));
                            var start = new ProcessStartInfo { FileName = IntegrityVerification.VerifyFile(target, expectedSha256: ""), UseShellExecute = false };
                            Process.Start(start);
                        }

                        async Task UninstallAsync(string url, string target)
                        {
                            await File.WriteAllBytesAsync(target, await _http.GetByteArrayAsync(url));
                            Process.Start(new ProcessStartInfo(IntegrityVerification.VerifyFile(target, expectedSha256: ""), "/uninstall") { UseShellExecute = false });
                        }
                    }
                    """,
                },
                (HelperFile, Helper("Contoso.Updates"))),
            TestReferences.CodeIntegrity);
    }

    // Findings in two documents: one helper, next to the first document; the second document uses it.
    [Fact]
    public async Task Fix_FindingsInTwoDocuments_OneHelperForTheProject()
    {
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                """
                using System.IO;
                using System.Reflection;

                namespace Contoso.Updates;

                class PluginHost
                {
                    void LoadAll(string directory)
                    {
                        foreach (var file in Directory.GetFiles(directory, "*.dll"))
                        {
                            Assembly.LoadFrom({|SCR4001:file|});
                        }
                    }
                }
                """,
                """
                using System.IO;
                using System.Runtime.InteropServices;

                namespace Contoso.Drivers
                {
                    class DriverHost
                    {
                        void LoadAll(string directory)
                        {
                            foreach (var file in Directory.EnumerateFiles(directory, "*.so"))
                            {
                                NativeLibrary.Load({|SCR4001:file|});
                            }
                        }
                    }
                }
                """,
            },
            new FixedProject(
                new[]
                {
                    """
                    using System.IO;
                    using System.Reflection;

                    namespace Contoso.Updates;

                    class PluginHost
                    {
                        void LoadAll(string directory)
                        {
                            foreach (var file in Directory.GetFiles(directory, "*.dll"))
                            {
                                Assembly.LoadFrom(IntegrityVerification.VerifyFile(file, expectedSha256: ""));
                            }
                        }
                    }
                    """,
                    """
                    using System.IO;
                    using System.Runtime.InteropServices;
                    using Contoso.Updates;

                    namespace Contoso.Drivers
                    {
                        class DriverHost
                        {
                            void LoadAll(string directory)
                            {
                                foreach (var file in Directory.EnumerateFiles(directory, "*.so"))
                                {
                                    NativeLibrary.Load(IntegrityVerification.VerifyFile(file, expectedSha256: ""));
                                }
                            }
                        }
                    }
                    """,
                },
                (HelperFile, Helper("Contoso.Updates"))),
            TestReferences.CodeIntegrity);
    }

    // Code in the global namespace gets the helper there; the project's own [IntegrityVerifier] attribute is used.
    [Fact]
    public async Task Fix_TempFolderInTheGlobalNamespace_UsesTheProjectsAttribute()
    {
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                """
                using System;
                using System.IO;
                using System.Runtime.InteropServices;

                [AttributeUsage(AttributeTargets.Method)]
                sealed class IntegrityVerifierAttribute : Attribute { }

                class Codecs
                {
                    IntPtr LoadCodec() => NativeLibrary.Load({|SCR4002:Path.Combine(Path.GetTempPath(), "codec.dll")|});
                }
                """,
            },
            new FixedProject(
                new[]
                {
                    """
                    using System;
                    using System.IO;
                    using System.Runtime.InteropServices;

                    [AttributeUsage(AttributeTargets.Method)]
                    sealed class IntegrityVerifierAttribute : Attribute { }

                    class Codecs
                    {
                        IntPtr LoadCodec() => NativeLibrary.Load(IntegrityVerification.VerifyFile(Path.Combine(Path.GetTempPath(), "codec.dll"), expectedSha256: ""));
                    }
                    """,
                },
                (HelperFile, Helper(null, declaresAttribute: false))),
            TestReferences.CodeIntegrity);
    }

    // The project's own helper is used as it is (its namespace imported, its digest parameter's name): no new document.
    [Fact]
    public async Task Fix_HelperAlreadyInTheProject_OnlyWrapsTheArgument()
    {
        const string Security = """
            using System;
            using System.IO;
            using System.Security.Cryptography;

            namespace Contoso.Security;

            [AttributeUsage(AttributeTargets.Method)]
            public sealed class IntegrityVerifierAttribute : Attribute { }

            public static class IntegrityVerification
            {
                [IntegrityVerifier]
                public static string VerifyFile(string path, string pinnedSha256)
                    => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) == pinnedSha256 ? path : throw new InvalidDataException(path);

                [IntegrityVerifier]
                public static byte[] VerifyBytes(byte[] content, string pinnedSha256)
                    => Convert.ToHexString(SHA256.HashData(content)) == pinnedSha256 ? content : throw new InvalidDataException();
            }
            """;
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                Security,
                """
                using System.IO;
                using System.Reflection;

                namespace Contoso.Plugins;

                class PluginHost
                {
                    void LoadAll(string directory)
                    {
                        foreach (var file in Directory.GetFiles(directory, "*.dll"))
                        {
                            Assembly.Load({|SCR4001:File.ReadAllBytes(file)|});
                        }
                    }
                }
                """,
            },
            new FixedProject(new[]
            {
                Security,
                """
                using System.IO;
                using System.Reflection;
                using Contoso.Security;

                namespace Contoso.Plugins;

                class PluginHost
                {
                    void LoadAll(string directory)
                    {
                        foreach (var file in Directory.GetFiles(directory, "*.dll"))
                        {
                            Assembly.Load(IntegrityVerification.VerifyBytes(File.ReadAllBytes(file), pinnedSha256: ""));
                        }
                    }
                }
                """,
            }),
            TestReferences.CodeIntegrity);
    }

    // A project type that shadows a framework type in the helper's namespace (a document-management File class) keeps
    // the framework type qualified in the helper: the names are simplified only where they bind to the same type.
    [Fact]
    public async Task Fix_ProjectTypeNamedLikeAFrameworkType_StaysQualifiedInTheHelper()
    {
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                """
                using System.IO;
                using System.Reflection;

                namespace Contoso.Updates;

                class File
                {
                    public string Name { get; set; } = "";
                }

                class PluginHost
                {
                    void LoadAll(string directory)
                    {
                        foreach (var file in Directory.GetFiles(directory, "*.dll"))
                        {
                            Assembly.LoadFrom({|SCR4001:file|});
                        }
                    }
                }
                """,
            },
            new FixedProject(
                new[]
                {
                    """
                    using System.IO;
                    using System.Reflection;

                    namespace Contoso.Updates;

                    class File
                    {
                        public string Name { get; set; } = "";
                    }

                    class PluginHost
                    {
                        void LoadAll(string directory)
                        {
                            foreach (var file in Directory.GetFiles(directory, "*.dll"))
                            {
                                Assembly.LoadFrom(IntegrityVerification.VerifyFile(file, expectedSha256: ""));
                            }
                        }
                    }
                    """,
                },
                (HelperFile, Helper("Contoso.Updates").Replace("= File.OpenRead(path)", "= System.IO.File.OpenRead(path)", StringComparison.Ordinal))),
            TestReferences.CodeIntegrity);
    }

    // netstandard2.0 (like .NET Framework) has no CryptographicOperations, SHA256.HashData or Convert.FromHexString: the
    // helper hashes with SHA256.Create(), parses the hex itself and compares in a constant-time loop. Block namespaces
    // stay block namespaces.
    [Fact]
    public async Task Fix_NetStandard20_HelperWithoutTheNewerApis()
    {
        await VerifyProject.VerifyCodeFixAsync(
            new[]
            {
                """
                using System.IO;
                using System.Reflection;

                namespace Contoso.Plugins
                {
                    class PluginHost
                    {
                        void LoadAll(string directory)
                        {
                            foreach (var file in Directory.GetFiles(directory, "*.dll"))
                            {
                                Assembly.LoadFrom({|SCR4001:file|});
                            }
                        }
                    }
                }
                """,
            },
            new FixedProject(
                new[]
                {
                    """
                    using System.IO;
                    using System.Reflection;

                    namespace Contoso.Plugins
                    {
                        class PluginHost
                        {
                            void LoadAll(string directory)
                            {
                                foreach (var file in Directory.GetFiles(directory, "*.dll"))
                                {
                                    Assembly.LoadFrom(IntegrityVerification.VerifyFile(file, expectedSha256: ""));
                                }
                            }
                        }
                    }
                    """,
                },
                (HelperFile, CompatibleHelper)),
            ReferenceAssemblies.NetStandard.NetStandard20);
    }

    // A stream has no path or bytes to pin; a DirectoryCatalog loads a whole folder.
    [Theory]
    [InlineData("AssemblyLoadContext.Default.LoadFromStream({|SCR4001:File.OpenRead(f)|});")]
    [InlineData("_ = new DirectoryCatalog({|SCR4001:Path.Combine(AppContext.BaseDirectory, \"Extensions\")|});")]
    public async Task Fix_NotOffered_ForStreamsAndFolders(string statement)
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System;
            using System.ComponentModel.Composition.Hosting;
            using System.IO;
            using System.Runtime.Loader;
            class PluginHost
            {
                void LoadAll(DirectoryInfo folder)
                {
                    foreach (var info in folder.EnumerateFiles("*.dll"))
                    {
                        var f = info.FullName;
            """ + statement + """

                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // The finding at a call that passes the value into a helper: the load is elsewhere (the helper may load other
    // values too), so the call is not rewritten.
    [Fact]
    public async Task Fix_NotOffered_AtTheCallOfAHelper()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Reflection;
            using System.Threading.Tasks;
            class Agent
            {
                private readonly PluginHost _host = new();
                async Task Handle(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var command = await reader.ReadLineAsync();
                    if (command is { Length: > 5 } && command.StartsWith("LOAD "))
                    {
                        _host.Load({|SCR4003:command.Substring(5)|});
                    }
                }
            }
            class PluginHost
            {
                public Assembly Load(string path) => Assembly.LoadFrom(path);
            }
            """,
            TestReferences.CodeIntegrity,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck);
    }

    // The project has a type named IntegrityVerification without the methods: no second one is declared.
    [Fact]
    public async Task Fix_NotOffered_WhenTheProjectHasAnotherIntegrityVerification()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.IO;
            using System.Reflection;
            enum IntegrityVerification { None, Digest }
            class PluginHost
            {
                void LoadAll(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        Assembly.LoadFrom({|SCR4001:file|});
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // The project's IntegrityVerifierAttribute is no attribute: the helper would declare a second type of that name in
    // the same namespace, which does not compile, so no fix is offered.
    [Fact]
    public async Task Fix_NotOffered_WhenTheHelperWouldNotCompile()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.IO;
            using System.Reflection;
            class IntegrityVerifierAttribute { }
            class PluginHost
            {
                void LoadAll(string directory)
                {
                    foreach (var file in Directory.GetFiles(directory, "*.dll"))
                    {
                        Assembly.LoadFrom({|SCR4001:file|});
                    }
                }
            }
            """,
            TestReferences.CodeIntegrity);
    }

    // ---- Fix: the generated helper ----

    // Each API on its own: compiles as C# 7.3 (block namespace) and as C# 10 with nullable reference types (file-scoped
    // namespace), with no warning, documentation comments included.
    [Theory]
    [MemberData(nameof(ApiCombinations))]
    public async Task Fix_GeneratedHelper_CompilesWithoutWarnings(bool fixedTimeEquals, bool hashDataBytes, bool hashDataStream, bool fromHexString)
    {
        var apis = new HelperApis(fixedTimeEquals, hashDataBytes, hashDataStream, fromHexString);
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        foreach (var (fileScoped, version, nullable) in new[] { (false, LanguageVersion.CSharp7_3, NullableContextOptions.Disable), (true, LanguageVersion.CSharp10, NullableContextOptions.Enable) })
        {
            var source = IntegrityVerificationSource.Generate("Contoso.Updates", fileScoped, attribute: null, apis, "\n");
            var diagnostics = Compile(source, references, version, nullable).GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .ToArray();
            Assert.True(diagnostics.Length == 0, string.Join("\n", diagnostics.Select(d => d.ToString())));
        }
    }

    // What the helper does at run time, with the newer APIs and without: the pinned digest (either case) passes, another
    // digest throws InvalidDataException, a missing or malformed one InvalidOperationException.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fix_GeneratedHelper_AcceptsOnlyThePinnedDigest(bool newerApis)
    {
        var apis = new HelperApis(newerApis, newerApis, newerApis, newerApis);
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = Compile(IntegrityVerificationSource.Generate("Contoso.Updates", fileScoped: false, attribute: null, apis, "\n"), references, LanguageVersion.CSharp7_3, NullableContextOptions.Disable);
        using var image = new MemoryStream();
        Assert.True(compilation.Emit(image).Success);
        var context = new AssemblyLoadContext(nameof(Fix_GeneratedHelper_AcceptsOnlyThePinnedDigest) + newerApis, isCollectible: true);
        var path = Path.GetTempFileName();
        try
        {
            image.Position = 0;
            var helper = context.LoadFromStream(image).GetType("Contoso.Updates.IntegrityVerification", throwOnError: true)!;
            var content = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 };
            var digest = Convert.ToHexString(SHA256.HashData(content));
            var other = Convert.ToHexString(SHA256.HashData(new byte[] { 1 }));
            File.WriteAllBytes(path, content);

            Assert.Same(content, Invoke(helper, "VerifyBytes", content, digest));
            Assert.Same(content, Invoke(helper, "VerifyBytes", content, digest.ToLowerInvariant()));
            Assert.Equal(path, Invoke(helper, "VerifyFile", path, digest));
            Assert.IsType<InvalidDataException>(Failure(helper, "VerifyBytes", content, other));
            Assert.IsType<InvalidDataException>(Failure(helper, "VerifyFile", path, other));
            foreach (var wrong in new[] { string.Empty, null, digest.Substring(2), "G" + digest.Substring(1) })
            {
                var failure = Failure(helper, "VerifyBytes", content, wrong);
                Assert.IsType<InvalidOperationException>(failure);
                Assert.Contains("pass the SHA-256 of the reviewed file", failure.Message, StringComparison.Ordinal);
            }

            Assert.IsType<InvalidOperationException>(Failure(helper, "VerifyFile", path, string.Empty));
        }
        finally
        {
            File.Delete(path);
            context.Unload();
        }
    }

    public static TheoryData<bool, bool, bool, bool> ApiCombinations()
    {
        var data = new TheoryData<bool, bool, bool, bool>();
        for (var i = 0; i < 16; i++)
        {
            data.Add((i & 1) != 0, (i & 2) != 0, (i & 4) != 0, (i & 8) != 0);
        }

        return data;
    }

    private static CSharpCompilation Compile(string source, IEnumerable<MetadataReference> references, LanguageVersion version, NullableContextOptions nullable)
        => CSharpCompilation.Create(
            "Helper",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(version, DocumentationMode.Diagnose)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));

    private static object? Invoke(Type helper, string method, params object?[] arguments)
        => helper.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);

    private static Exception Failure(Type helper, string method, params object?[] arguments)
        => Assert.IsType<TargetInvocationException>(Record.Exception(() => Invoke(helper, method, arguments))).InnerException!;

    /// <summary>The helper the fix adds to a .NET 8 project, in a file-scoped namespace or the global one.</summary>
    private static string Helper(string? fileScopedNamespace, bool declaresAttribute = true)
        => "using System;\nusing System.IO;\nusing System.Security.Cryptography;\n\n"
           + (fileScopedNamespace is null ? string.Empty : "namespace " + fileScopedNamespace + ";\n\n")
           + ModernHelperClass
           + (declaresAttribute ? "\n" + AttributeClass : string.Empty);

    private const string ModernHelperClass = """
        /// <summary>
        /// Integrity checks for the code this program loads or starts: the SHA-256 of a file or of bytes must equal the
        /// digest pinned in the source code, the digest of the reviewed release, compared in constant time. Anything else
        /// throws, so unverified code never runs. Pin the digest printed by <c>sha256sum FILE</c> or
        /// <c>(Get-FileHash FILE).Hash</c> for the exact file you reviewed or shipped.
        /// </summary>
        internal static class IntegrityVerification
        {
            /// <summary>Returns <paramref name="path"/> when the SHA-256 of the file it names equals <paramref name="expectedSha256"/>.</summary>
            /// <remarks>
            /// The file is checked here and then loaded or started again by its path: whoever can replace it in between
            /// defeats the check. Keep it in a directory only administrators can write to, or load the verified bytes
            /// instead (<see cref="VerifyBytes"/> over <c>File.ReadAllBytes(path)</c>, then <c>Assembly.Load(bytes)</c>).
            /// </remarks>
            /// <param name="path">The file to check.</param>
            /// <param name="expectedSha256">The SHA-256 of the reviewed file: 64 hexadecimal digits.</param>
            /// <returns><paramref name="path"/>, verified.</returns>
            /// <exception cref="System.InvalidOperationException">No valid SHA-256 is pinned.</exception>
            /// <exception cref="System.IO.InvalidDataException">The file does not match: it was modified or replaced.</exception>
            [IntegrityVerifier]
            public static string VerifyFile(string path, string expectedSha256)
            {
                if (path == null)
                {
                    throw new ArgumentNullException(nameof(path));
                }

                byte[] expected = ParseSha256(expectedSha256, "'" + path + "'");
                byte[] actual;
                using (FileStream stream = File.OpenRead(path))
                {
                    actual = SHA256.HashData(stream);
                }

                if (!CryptographicOperations.FixedTimeEquals(actual, expected))
                {
                    throw new InvalidDataException("The SHA-256 of '" + path + "' does not match the pinned digest: the file was modified or replaced since it was reviewed.");
                }

                return path;
            }

            /// <summary>Returns <paramref name="content"/> when its SHA-256 equals <paramref name="expectedSha256"/>.</summary>
            /// <param name="content">The code to check, as it will be loaded.</param>
            /// <param name="expectedSha256">The SHA-256 of the reviewed code: 64 hexadecimal digits.</param>
            /// <returns><paramref name="content"/>, verified.</returns>
            /// <exception cref="System.InvalidOperationException">No valid SHA-256 is pinned.</exception>
            /// <exception cref="System.IO.InvalidDataException">The bytes do not match: they were modified or replaced.</exception>
            [IntegrityVerifier]
            public static byte[] VerifyBytes(byte[] content, string expectedSha256)
            {
                if (content == null)
                {
                    throw new ArgumentNullException(nameof(content));
                }

                byte[] expected = ParseSha256(expectedSha256, "the code");
                byte[] actual = SHA256.HashData(content);
                if (!CryptographicOperations.FixedTimeEquals(actual, expected))
                {
                    throw new InvalidDataException("The SHA-256 of the code does not match the pinned digest: it was modified or replaced since it was reviewed.");
                }

                return content;
            }

            private static byte[] ParseSha256(string expectedSha256, string subject)
            {
                if (expectedSha256 == null || expectedSha256.Length != 64 || !IsHex(expectedSha256))
                {
                    throw new InvalidOperationException("No SHA-256 is pinned for " + subject + ": pass the SHA-256 of the reviewed file as expectedSha256 (64 hexadecimal digits, as printed by sha256sum or Get-FileHash).");
                }

                return Convert.FromHexString(expectedSha256);
            }

            private static bool IsHex(string text)
            {
                for (int i = 0; i < text.Length; i++)
                {
                    if (HexValue(text[i]) < 0)
                    {
                        return false;
                    }
                }

                return true;
            }

            private static int HexValue(char c)
            {
                if (c >= '0' && c <= '9')
                {
                    return c - '0';
                }

                if (c >= 'a' && c <= 'f')
                {
                    return c - 'a' + 10;
                }

                if (c >= 'A' && c <= 'F')
                {
                    return c - 'A' + 10;
                }

                return -1;
            }
        }

        """;

    private const string AttributeClass = """
        /// <summary>
        /// Marks a method that verifies the integrity of the code it is given: the SecureCodingAnalyzers code-integrity
        /// rules treat what it returns, and the data it checked, as verified.
        /// </summary>
        [AttributeUsage(AttributeTargets.Method, Inherited = false)]
        internal sealed class IntegrityVerifierAttribute : Attribute
        {
        }

        """;

    private const string CompatibleHelper = """
        using System;
        using System.IO;
        using System.Runtime.CompilerServices;
        using System.Security.Cryptography;

        namespace Contoso.Plugins
        {
            /// <summary>
            /// Integrity checks for the code this program loads or starts: the SHA-256 of a file or of bytes must equal the
            /// digest pinned in the source code, the digest of the reviewed release, compared in constant time. Anything else
            /// throws, so unverified code never runs. Pin the digest printed by <c>sha256sum FILE</c> or
            /// <c>(Get-FileHash FILE).Hash</c> for the exact file you reviewed or shipped.
            /// </summary>
            internal static class IntegrityVerification
            {
                /// <summary>Returns <paramref name="path"/> when the SHA-256 of the file it names equals <paramref name="expectedSha256"/>.</summary>
                /// <remarks>
                /// The file is checked here and then loaded or started again by its path: whoever can replace it in between
                /// defeats the check. Keep it in a directory only administrators can write to, or load the verified bytes
                /// instead (<see cref="VerifyBytes"/> over <c>File.ReadAllBytes(path)</c>, then <c>Assembly.Load(bytes)</c>).
                /// </remarks>
                /// <param name="path">The file to check.</param>
                /// <param name="expectedSha256">The SHA-256 of the reviewed file: 64 hexadecimal digits.</param>
                /// <returns><paramref name="path"/>, verified.</returns>
                /// <exception cref="System.InvalidOperationException">No valid SHA-256 is pinned.</exception>
                /// <exception cref="System.IO.InvalidDataException">The file does not match: it was modified or replaced.</exception>
                [IntegrityVerifier]
                public static string VerifyFile(string path, string expectedSha256)
                {
                    if (path == null)
                    {
                        throw new ArgumentNullException(nameof(path));
                    }

                    byte[] expected = ParseSha256(expectedSha256, "'" + path + "'");
                    byte[] actual;
                    using (SHA256 sha256 = SHA256.Create())
                    using (FileStream stream = File.OpenRead(path))
                    {
                        actual = sha256.ComputeHash(stream);
                    }

                    if (!FixedTimeEquals(actual, expected))
                    {
                        throw new InvalidDataException("The SHA-256 of '" + path + "' does not match the pinned digest: the file was modified or replaced since it was reviewed.");
                    }

                    return path;
                }

                /// <summary>Returns <paramref name="content"/> when its SHA-256 equals <paramref name="expectedSha256"/>.</summary>
                /// <param name="content">The code to check, as it will be loaded.</param>
                /// <param name="expectedSha256">The SHA-256 of the reviewed code: 64 hexadecimal digits.</param>
                /// <returns><paramref name="content"/>, verified.</returns>
                /// <exception cref="System.InvalidOperationException">No valid SHA-256 is pinned.</exception>
                /// <exception cref="System.IO.InvalidDataException">The bytes do not match: they were modified or replaced.</exception>
                [IntegrityVerifier]
                public static byte[] VerifyBytes(byte[] content, string expectedSha256)
                {
                    if (content == null)
                    {
                        throw new ArgumentNullException(nameof(content));
                    }

                    byte[] expected = ParseSha256(expectedSha256, "the code");
                    byte[] actual;
                    using (SHA256 sha256 = SHA256.Create())
                    {
                        actual = sha256.ComputeHash(content);
                    }

                    if (!FixedTimeEquals(actual, expected))
                    {
                        throw new InvalidDataException("The SHA-256 of the code does not match the pinned digest: it was modified or replaced since it was reviewed.");
                    }

                    return content;
                }

                private static byte[] ParseSha256(string expectedSha256, string subject)
                {
                    if (expectedSha256 == null || expectedSha256.Length != 64 || !IsHex(expectedSha256))
                    {
                        throw new InvalidOperationException("No SHA-256 is pinned for " + subject + ": pass the SHA-256 of the reviewed file as expectedSha256 (64 hexadecimal digits, as printed by sha256sum or Get-FileHash).");
                    }

                    byte[] digest = new byte[32];
                    for (int i = 0; i < digest.Length; i++)
                    {
                        digest[i] = (byte)((HexValue(expectedSha256[2 * i]) << 4) | HexValue(expectedSha256[(2 * i) + 1]));
                    }

                    return digest;
                }

                private static bool IsHex(string text)
                {
                    for (int i = 0; i < text.Length; i++)
                    {
                        if (HexValue(text[i]) < 0)
                        {
                            return false;
                        }
                    }

                    return true;
                }

                private static int HexValue(char c)
                {
                    if (c >= '0' && c <= '9')
                    {
                        return c - '0';
                    }

                    if (c >= 'a' && c <= 'f')
                    {
                        return c - 'a' + 10;
                    }

                    if (c >= 'A' && c <= 'F')
                    {
                        return c - 'A' + 10;
                    }

                    return -1;
                }

                // Compares every byte whatever the first difference, like CryptographicOperations.FixedTimeEquals.
                [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
                private static bool FixedTimeEquals(byte[] left, byte[] right)
                {
                    if (left.Length != right.Length)
                    {
                        return false;
                    }

                    int difference = 0;
                    for (int i = 0; i < left.Length; i++)
                    {
                        difference |= left[i] ^ right[i];
                    }

                    return difference == 0;
                }
            }

            /// <summary>
            /// Marks a method that verifies the integrity of the code it is given: the SecureCodingAnalyzers code-integrity
            /// rules treat what it returns, and the data it checked, as verified.
            /// </summary>
            [AttributeUsage(AttributeTargets.Method, Inherited = false)]
            internal sealed class IntegrityVerifierAttribute : Attribute
            {
            }
        }

        """;
}
