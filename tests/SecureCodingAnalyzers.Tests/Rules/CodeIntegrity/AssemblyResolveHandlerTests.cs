using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Rules.CodeIntegrity;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.CodeIntegrity.AssemblyResolveHandlerAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.CodeIntegrity;

public class AssemblyResolveHandlerTests
{
    private const string Temp = "the temp folder (Path.GetTempPath)";

    /// <summary>An expected diagnostic at markup location <paramref name="index"/>, its additional location (the load) not asserted.</summary>
    private static DiagnosticResult At(int index, string resolveEvent, string description)
        => VerifyCS.Diagnostic().WithLocation(index).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(resolveEvent, description);

    // ---- Detect ----

    [Fact]
    public async Task Detect_TempFolderInLambda_MessageNamesEventAndFolder_LoadIsAdditionalLocation()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void Install()
                {
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += (sender, args) =>
                    {
                        var name = new AssemblyName(args.Name).Name;
                        var path = Path.Combine(Path.GetTempPath(), "MyApp", name + ".dll");
                        return File.Exists(path) ? {|#1:Assembly.LoadFrom(path)|} : null;
                    };
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AppDomain.AssemblyResolve", Temp));
    }

    [Theory]
    [InlineData("ApplicationData", "the user profile folder (Environment.SpecialFolder.ApplicationData)")]
    [InlineData("LocalApplicationData", "the user profile folder (Environment.SpecialFolder.LocalApplicationData)")]
    [InlineData("UserProfile", "the user profile folder (Environment.SpecialFolder.UserProfile)")]
    [InlineData("Desktop", "the user profile folder (Environment.SpecialFolder.Desktop)")]
    [InlineData("MyDocuments", "the user profile folder (Environment.SpecialFolder.MyDocuments)")]
    [InlineData("Personal", "the user profile folder (Environment.SpecialFolder.Personal)")]
    [InlineData("CommonApplicationData", "the shared folder Environment.SpecialFolder.CommonApplicationData, where every local user can add files on Windows")]
    [InlineData("CommonDocuments", "the shared folder Environment.SpecialFolder.CommonDocuments, where every local user can add files on Windows")]
    [InlineData("ProgramFiles", "the folder Environment.SpecialFolder.ProgramFiles outside the application")]
    public async Task Detect_SpecialFolders(string folder, string description)
    {
        var source = $$"""
            using System;
            using System.IO;
            using System.Reflection;
            static class Bootstrap
            {
                static readonly string PluginFolder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.{{folder}}), "Contoso", "Plugins");

                public static void Register()
                    => {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += (s, e) =>
                    {
                        var candidate = Path.Combine(PluginFolder, new AssemblyName(e.Name).Name + ".dll");
                        return File.Exists(candidate) ? {|#1:Assembly.LoadFrom(candidate)|} : null;
                    };
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source, VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AppDomain.AssemblyResolve", description));
    }

    [Theory]
    [InlineData("TEMP", "the temp folder (environment variable TEMP)")]
    [InlineData("TMP", "the temp folder (environment variable TMP)")]
    [InlineData("USERPROFILE", "the user profile folder (environment variable USERPROFILE)")]
    [InlineData("APPDATA", "the user profile folder (environment variable APPDATA)")]
    [InlineData("LOCALAPPDATA", "the user profile folder (environment variable LOCALAPPDATA)")]
    [InlineData("HOME", "the user profile folder (environment variable HOME)")]
    [InlineData("ProgramData", "the shared folder named by the environment variable ProgramData, where every local user can add files on Windows")]
    [InlineData("CONTOSO_PLUGINS", "the folder named by the environment variable 'CONTOSO_PLUGINS'")]
    public async Task Detect_EnvironmentVariables(string variable, string description)
    {
        var source = $$"""
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    var root = Environment.GetEnvironmentVariable("{{variable}}");
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += (s, e) => {|#1:Assembly.LoadFile(Path.Combine(root!, new AssemblyName(e.Name).Name + ".dll"))|};
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source, VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AppDomain.AssemblyResolve", description));
    }

    [Fact]
    public async Task Detect_ExpandedEnvironmentVariableAndPathList()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.LoadFrom(Environment.ExpandEnvironmentVariables(@"%LOCALAPPDATA%\Contoso\" + e.Name + ".dll"));
                    [|AppDomain.CurrentDomain.TypeResolve|] += (s, e) =>
                    {
                        foreach (var folder in Environment.GetEnvironmentVariable("CONTOSO_PATH")!.Split(';'))
                        {
                            var file = Path.Combine(folder, "Types.dll");
                            if (File.Exists(file))
                            {
                                return Assembly.LoadFrom(file);
                            }
                        }

                        return null;
                    };
                }
            }
            """);
    }

    [Theory]
    [InlineData("Path.Combine(Environment.CurrentDirectory, name + \".dll\")", "the current directory (Environment.CurrentDirectory)")]
    [InlineData("Path.Combine(Directory.GetCurrentDirectory(), \"lib\", name + \".dll\")", "the current directory (Directory.GetCurrentDirectory)")]
    [InlineData("\"lib\\\\\" + name + \".dll\"", "the current directory (relative path 'lib\\')")]
    [InlineData("$\"lib/{name}.dll\"", "the current directory (relative path 'lib/')")]
    [InlineData("name + \".dll\"", "the current directory (a file name without a folder)")]
    [InlineData("Path.ChangeExtension(e.Name, \".dll\")", "the current directory (a file name without a folder)")]
    [InlineData("Path.Combine(\"plugins\", name + \".dll\")", "the current directory (relative path 'plugins')")]
    [InlineData("Path.Combine(Path.GetFullPath(\"plugins\"), name + \".dll\")", "the current directory (relative path 'plugins')")]
    public async Task Detect_CurrentDirectory(string path, string description)
    {
        // Assembly.LoadFrom resolves a relative path against the current directory (Path.GetFullPath), not the application directory.
        var source = $$"""
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += (s, e) =>
                    {
                        var name = new AssemblyName(e.Name).Name;
                        return {|#1:Assembly.LoadFrom({{path}})|};
                    };
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source, VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AppDomain.AssemblyResolve", description));
    }

    [Fact]
    public async Task Detect_ConstantFolderOutsideTheApplication_RealWorldProbe()
    {
        // The classic "load dependencies from C:\ExtraAssemblies" answer: any authenticated user may create that folder.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            public static class Loader
            {
                static void Main()
                {
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += FindAssem;
                }

                static Assembly FindAssem(object sender, ResolveEventArgs args)
                {
                    string simpleName = new AssemblyName(args.Name).Name;
                    string path = @"C:\ExtraAssemblies\" + simpleName + ".dll";
                    if (!File.Exists(path)) return null;
                    return {|#1:Assembly.LoadFrom(path)|};
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AppDomain.AssemblyResolve", "the folder 'C:\\ExtraAssemblies' outside the application"));
    }

    [Theory]
    [InlineData("\"/opt/shared\"", "the folder '/opt/shared' outside the application")]
    [InlineData("\"/opt/shared/\"", "the folder '/opt/shared' outside the application")]
    [InlineData("@\"D:\\Plugins\"", "the folder 'D:\\Plugins' outside the application")]
    [InlineData("@\"C:\\\"", "the folder 'C:\\' outside the application")]
    [InlineData("\"/tmp/contoso\"", "the temp folder '/tmp/contoso'")]
    [InlineData("@\"C:\\Windows\\Temp\"", "the temp folder 'C:\\Windows\\Temp'")]
    [InlineData("@\"C:\\ProgramData\\Contoso\"", "the shared folder 'C:\\ProgramData\\Contoso', where every local user can add files")]
    [InlineData("@\"C:\\Users\\Public\\Contoso\"", "the shared folder 'C:\\Users\\Public\\Contoso', where every local user can add files")]
    [InlineData("\"/home/build/plugins\"", "the user profile folder '/home/build/plugins'")]
    [InlineData("@\"\\\\fileserver\\deploy\\plugins\"", "the network share '\\\\fileserver\\deploy'")]
    [InlineData("\"https://updates.contoso.com/plugins\"", "the remote location 'https://updates.contoso.com/plugins'")]
    [InlineData("Path.GetPathRoot(Environment.SystemDirectory)!", "the root folder of a drive (Path.GetPathRoot)")]
    public async Task Detect_ConstantAndForeignFolders(string folder, string description)
    {
        var source = $$"""
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                const string Extension = ".dll";

                void M()
                {
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += (s, e) => {|#1:Assembly.LoadFrom(Path.Combine({{folder}}, new AssemblyName(e.Name).Name + Extension))|};
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source, VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AppDomain.AssemblyResolve", description));
    }

    [Fact]
    public async Task Detect_FolderFromConfiguration()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.Loader;
            using Microsoft.Extensions.Configuration;
            class Startup
            {
                public void Configure(IConfiguration configuration)
                {
                    var pluginRoot = configuration["Plugins:Path"];
                    {|#0:AssemblyLoadContext.Default.Resolving|} += (context, name) => {|#1:context.LoadFromAssemblyPath(Path.Combine(pluginRoot!, name.Name + ".dll"))|};

                    var section = configuration.GetSection("Plugins:Fallback");
                    {|#2:AssemblyLoadContext.Default.Resolving|} += (context, name) => context.LoadFromAssemblyPath(Path.Combine(section.Value!, name.Name + ".dll"));
                    {|#3:AssemblyLoadContext.Default.Resolving|} += (context, name) => context.LoadFromAssemblyPath(Path.Combine(configuration.GetValue<string>("Shared")!, name.Name + ".dll"));
                }
            }
            """,
            TestReferences.Web,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AssemblyLoadContext.Resolving", "a folder read from configuration (IConfiguration)"),
            At(2, "AssemblyLoadContext.Resolving", "a folder read from configuration (IConfiguration)"),
            At(3, "AssemblyLoadContext.Resolving", "a folder read from configuration (IConfiguration)"));
    }

    [Fact]
    public async Task Detect_FolderFromAppSettings()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Configuration;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += (s, e) =>
                        {|#1:Assembly.LoadFrom(Path.Combine(ConfigurationManager.AppSettings["ProbeFolder"]!, new AssemblyName(e.Name).Name + ".dll"))|};
                }
            }

            namespace System.Configuration
            {
                // Stand-in for System.Configuration.ConfigurationManager (a package, not part of the .NET 8 reference assemblies).
                public static class ConfigurationManager
                {
                    public static System.Collections.Specialized.NameValueCollection AppSettings { get; } = new();
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AppDomain.AssemblyResolve", "a folder read from configuration (ConfigurationManager.AppSettings)"));
    }

    [Fact]
    public async Task Detect_EveryFormOfHandler()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                static readonly ResolveEventHandler Stored = (s, e) => Assembly.LoadFrom(Path.Combine(Path.GetTempPath(), "a.dll"));

                void Subscribe(AppDomain domain)
                {
                    [|domain.AssemblyResolve|] += OnResolve;
                    [|domain.AssemblyResolve|] += new ResolveEventHandler(OnResolve);
                    [|domain.AssemblyResolve|] += this.OnResolve;
                    [|domain.AssemblyResolve|] += delegate { return Assembly.LoadFrom(Path.GetTempPath() + "b.dll"); };
                    [|domain.AssemblyResolve|] += Local;
                    ResolveEventHandler handler = (s, e) => Assembly.LoadFrom($"{Path.GetTempPath()}{e.Name}.dll");
                    [|domain.AssemblyResolve|] += handler;
                    [|domain.AssemblyResolve|] += Stored;

                    Assembly? Local(object? sender, ResolveEventArgs args) => Assembly.LoadFrom(string.Concat(Path.GetTempPath(), args.Name, ".dll"));
                }

                Assembly? OnResolve(object? sender, ResolveEventArgs args)
                    => Assembly.LoadFrom(string.Format(@"C:\Temp\{0}.dll", args.Name));
            }
            """);
    }

    [Fact]
    public async Task Detect_MethodGroupDeclaredInAnotherFile()
    {
        var test = new CSharpAnalyzerTest<AssemblyResolveHandlerAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = VerifyCS.References,
            CompilerDiagnostics = CompilerDiagnostics.Errors,
        };
        test.TestState.Sources.Add(("Program.cs", """
            using System;
            static class Program
            {
                static void Main()
                {
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += PluginResolver.Resolve;
                    AppDomain.CurrentDomain.AssemblyResolve += PluginResolver.ResolveFromApplication;
                }
            }
            """));
        test.TestState.Sources.Add(("PluginResolver.cs", """
            using System;
            using System.IO;
            using System.Reflection;
            static class PluginResolver
            {
                public static Assembly? Resolve(object? sender, ResolveEventArgs args)
                {
                    var path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "Contoso", new AssemblyName(args.Name).Name + ".dll");
                    return File.Exists(path) ? {|#1:Assembly.LoadFrom(path)|} : null;
                }

                public static Assembly? ResolveFromApplication(object? sender, ResolveEventArgs args)
                {
                    var path = Path.Combine(AppContext.BaseDirectory, new AssemblyName(args.Name).Name + ".dll");
                    return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                }
            }
            """));
        test.ExpectedDiagnostics.Add(VerifyCS.Diagnostic().WithLocation(0).WithLocation(1)
            .WithArguments("AppDomain.AssemblyResolve", "the user profile folder (Environment.SpecialFolder.LocalApplicationData)"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Detect_OtherAppDomainResolveEvents()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M(AppDomain domain)
                {
                    {|#0:domain.TypeResolve|} += (s, e) => Assembly.LoadFrom(Path.Combine(Path.GetTempPath(), "Types.dll"));
                    {|#1:AppDomain.CurrentDomain.ResourceResolve|} += (s, e) => Assembly.LoadFrom(Path.Combine(Path.GetTempPath(), "Resources.dll"));
                }
            }
            """,
            At(0, "AppDomain.TypeResolve", Temp),
            At(1, "AppDomain.ResourceResolve", Temp));
    }

    [Fact]
    public async Task Detect_AssemblyLoadContextResolving_OnAnyContext()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.Loader;
            class C
            {
                static string Cache => Path.Combine(Path.GetTempPath(), "contoso-cache");

                void M(AssemblyLoadContext plugins)
                {
                    {|#0:AssemblyLoadContext.Default.Resolving|} += (context, name) => context.LoadFromAssemblyPath(Path.Combine(Cache, name.Name + ".dll"));
                    {|#1:plugins.Resolving|} += (context, name) => context.LoadFromStream(File.OpenRead(Path.Combine(Cache, name.Name + ".dll")));
                    var alc = AssemblyLoadContext.GetLoadContext(typeof(C).Assembly)!;
                    {|#2:alc.Resolving|} += (context, name) =>
                    {
                        using var stream = new FileStream(Path.Combine(Cache, name.Name + ".dll"), FileMode.Open, FileAccess.Read);
                        return context.LoadFromStream(stream);
                    };
                }
            }
            """,
            At(0, "AssemblyLoadContext.Resolving", Temp),
            At(1, "AssemblyLoadContext.Resolving", Temp),
            At(2, "AssemblyLoadContext.Resolving", Temp));
    }

    [Fact]
    public async Task Detect_NativeResolution()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using System.Runtime.Loader;
            class C
            {
                void M()
                {
                    var native = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Contoso", "native");
                    {|#0:AssemblyLoadContext.Default.ResolvingUnmanagedDll|} += (assembly, name) => {|#1:NativeLibrary.Load(Path.Combine(native, name + ".dll"))|};
                    {|#2:AssemblyLoadContext.Default.ResolvingUnmanagedDll|} += (assembly, name) =>
                        NativeLibrary.TryLoad(Path.Combine(native, name), out var handle) ? handle : IntPtr.Zero;
                    {|#3:NativeLibrary.SetDllImportResolver|}(typeof(C).Assembly, (name, assembly, searchPath) => NativeLibrary.Load(Path.Combine(native, name)));
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("AssemblyLoadContext.ResolvingUnmanagedDll", "the user profile folder (Environment.SpecialFolder.ApplicationData)"),
            At(2, "AssemblyLoadContext.ResolvingUnmanagedDll", "the user profile folder (Environment.SpecialFolder.ApplicationData)"),
            At(3, "NativeLibrary.SetDllImportResolver", "the user profile folder (Environment.SpecialFolder.ApplicationData)"));
    }

    [Fact]
    public async Task Detect_LoadContextOverrides()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.Loader;
            class SharedLoadContext : AssemblyLoadContext
            {
                private static readonly string SharedFolder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Contoso", "Shared");

                protected override Assembly? {|#0:Load|}(AssemblyName assemblyName)
                {
                    var path = Path.Combine(SharedFolder, assemblyName.Name + ".dll");
                    return File.Exists(path) ? {|#1:LoadFromAssemblyPath(path)|} : null;
                }

                protected override IntPtr {|#2:LoadUnmanagedDll|}(string unmanagedDllName)
                    => {|#3:LoadUnmanagedDllFromPath(Path.Combine(Path.GetTempPath(), unmanagedDllName))|};
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "AssemblyLoadContext.Load", "the shared folder Environment.SpecialFolder.CommonApplicationData, where every local user can add files on Windows"),
            VerifyCS.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("AssemblyLoadContext.LoadUnmanagedDll", Temp));
    }

    [Fact]
    public async Task Detect_EveryLoadApi()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.Loader;
            class C
            {
                const string Dir = "/var/tmp/contoso/";

                void M(AssemblyLoadContext context)
                {
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.Load(File.ReadAllBytes(Dir + e.Name + ".dll"));
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) =>
                    {
                        var raw = File.ReadAllBytes(Path.Combine(Dir, e.Name + ".dll"));
                        return Assembly.Load(raw);
                    };
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.UnsafeLoadFrom(Dir + e.Name);
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.LoadFile(Dir + e.Name);
                    [|context.Resolving|] += (c, n) => c.LoadFromNativeImagePath(Dir + n.Name + ".ni.dll", null);
                    [|context.Resolving|] += (c, n) => c.LoadFromStream(new MemoryStream(File.ReadAllBytes(Dir + n.Name)));
                    [|context.Resolving|] += (c, n) => c.LoadFromStream(new FileInfo(Dir + n.Name).OpenRead());
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_TracedThroughHelpersPropertiesAndLoops()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Reflection;
            class C
            {
                static readonly string[] ProbeFolders = { AppContext.BaseDirectory, Path.Combine(Path.GetTempPath(), "contoso") };

                static string UserPlugins { get; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".contoso");

                static string CacheFolder()
                {
                    return Path.Combine(Path.GetTempPath(), "contoso");
                }

                static Assembly? LoadFromFolder(string folder, string name)
                {
                    var path = Path.Combine(folder, name + ".dll");
                    return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                }

                void M()
                {
                    // Probing a list of folders: one of them is writable.
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) =>
                    {
                        foreach (var folder in ProbeFolders)
                        {
                            var path = Path.Combine(folder, new AssemblyName(e.Name).Name + ".dll");
                            if (File.Exists(path))
                            {
                                return Assembly.LoadFrom(path);
                            }
                        }

                        return null;
                    };

                    // The load happens in a helper; the folder is its argument.
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => LoadFromFolder(UserPlugins, new AssemblyName(e.Name).Name!);
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => LoadFromFolder(CacheFolder(), new AssemblyName(e.Name).Name!);

                    // Every file of a writable folder.
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) =>
                    {
                        var match = Directory.GetFiles(CacheFolder(), "*.dll").FirstOrDefault(f => Path.GetFileNameWithoutExtension(f) == new AssemblyName(e.Name).Name);
                        return match is null ? null : Assembly.LoadFrom(match);
                    };
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) =>
                    {
                        foreach (var file in new DirectoryInfo(UserPlugins).GetFiles("*.dll"))
                        {
                            if (file.Name == e.Name)
                            {
                                return Assembly.LoadFrom(file.FullName);
                            }
                        }

                        return null;
                    };

                    var folders = new List<string> { AppContext.BaseDirectory, Directory.CreateTempSubdirectory().FullName };
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.LoadFrom(Path.Combine(folders.First(), e.Name + ".dll"));
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_PathJoinAndFullPathAgainstABase()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.LoadFrom(Path.Join(Path.GetTempPath(), "contoso", e.Name + ".dll"));
                    [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.LoadFile(Path.GetFullPath("lib/" + e.Name + ".dll", Path.GetTempPath()));
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) => Assembly.LoadFile(Path.GetFullPath("lib/" + e.Name + ".dll", AppContext.BaseDirectory));
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_RulePageNonCompliantExamples()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using System.Runtime.Loader;
            class C
            {
                void M()
                {
                    {|#0:AppDomain.CurrentDomain.AssemblyResolve|} += (sender, args) =>
                    {
                        var file = new AssemblyName(args.Name).Name + ".dll";
                        var path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Contoso", "Shared", file);
                        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                    };

                    {|#1:AssemblyLoadContext.Default.ResolvingUnmanagedDll|} += (assembly, name) =>
                        NativeLibrary.Load(Path.Combine(Path.GetTempPath(), name + ".dll"));

                    {|#2:AppDomain.CurrentDomain.AssemblyResolve|} += (sender, args) => Assembly.LoadFrom(new AssemblyName(args.Name).Name + ".dll");
                }
            }
            """,
            At(0, "AppDomain.AssemblyResolve", "the shared folder Environment.SpecialFolder.CommonApplicationData, where every local user can add files on Windows"),
            At(1, "AssemblyLoadContext.ResolvingUnmanagedDll", Temp),
            At(2, "AppDomain.AssemblyResolve", "the current directory (a file name without a folder)"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_RulePageCompliantExamples()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Reflection;
            using System.Runtime.Loader;
            using System.Security.Cryptography;
            class C
            {
                static readonly string CacheFolder = Path.Combine(Path.GetTempPath(), "contoso");

                static readonly Dictionary<string, byte[]> PinnedSha256 = new()
                {
                    ["Contoso.Codecs"] = Convert.FromHexString("3F1AE2"),
                };

                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                    {
                        var path = Path.Combine(AppContext.BaseDirectory, "lib", new AssemblyName(args.Name).Name + ".dll");
                        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                    };

                    AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                    {
                        var name = new AssemblyName(args.Name).Name!;
                        if (!PinnedSha256.TryGetValue(name, out var expected)) return null;
                        var bytes = File.ReadAllBytes(Path.Combine(CacheFolder, name + ".dll"));
                        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), expected) ? Assembly.Load(bytes) : null;
                    };
                }
            }

            sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext
            {
                private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

                protected override Assembly? Load(AssemblyName name)
                    => _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
            }
            """);
    }

    [Theory]
    [InlineData("AppContext.BaseDirectory")]
    [InlineData("AppDomain.CurrentDomain.BaseDirectory")]
    [InlineData("Path.Combine(AppContext.BaseDirectory, \"plugins\")")]
    [InlineData("Path.GetDirectoryName(typeof(C).Assembly.Location)!")]
    [InlineData("Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location)!")]
    [InlineData("Path.GetDirectoryName(Assembly.GetEntryAssembly()!.Location)!")]
    [InlineData("Path.GetDirectoryName(Environment.ProcessPath)!")]
    [InlineData("Path.GetDirectoryName(Process.GetCurrentProcess().MainModule!.FileName)!")]
    [InlineData("Path.GetDirectoryName(new Uri(typeof(C).Assembly.Location).LocalPath)!")]
    [InlineData("RuntimeEnvironment.GetRuntimeDirectory()")]
    [InlineData("Environment.GetFolderPath(Environment.SpecialFolder.System)")]
    [InlineData("Path.Combine(Environment.GetEnvironmentVariable(\"windir\")!, \"Microsoft.NET\", \"assembly\")")]
    [InlineData("Path.Combine(Environment.GetEnvironmentVariable(\"DOTNET_ROOT\")!, \"shared\", \"Microsoft.NETCore.App\")")]
    [InlineData("Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, \"..\", \"lib\"))")]
    public async Task Safe_ApplicationAndSystemDirectories(string folder)
    {
        var source = $$"""
            using System;
            using System.Diagnostics;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            class C
            {
                void M()
                {
                    var folder = {{folder}};
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var path = Path.Combine(folder, new AssemblyName(e.Name).Name + ".dll");
                        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                    };
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Safe_RequestingAssemblyFolder()
    {
        // The dependencies of a plugin next to the plugin: what Assembly.LoadFrom's own resolve handler does.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                    {
                        if (args.RequestingAssembly?.Location is not { Length: > 0 } requester)
                        {
                            return null;
                        }

                        var candidate = Path.Combine(Path.GetDirectoryName(requester)!, new AssemblyName(args.Name).Name + ".dll");
                        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
                    };
                    AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                        Assembly.LoadFrom(Path.Combine(Path.GetDirectoryName(args.RequestingAssembly?.Location)!, new AssemblyName(args.Name).Name + ".dll"));
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_AlreadyLoadedOrLoadedByName()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Linq;
            using System.Reflection;
            using System.Runtime.Loader;
            class C
            {
                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.FullName == e.Name);
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var requested = new AssemblyName(e.Name);
                        if (requested.Name == "Contoso.Legacy")
                        {
                            requested.Version = null;
                            return Assembly.Load(requested);
                        }

                        return null;
                    };
                    AssemblyLoadContext.Default.Resolving += (context, name) => context.LoadFromAssemblyName(new AssemblyName(name.Name!));
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_EmbeddedResourceAssemblies()
    {
        // Costura-style: the bytes come from the application's own resources.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var resource = "Contoso.Embedded." + new AssemblyName(e.Name).Name + ".dll";
                        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource);
                        if (stream is null)
                        {
                            return null;
                        }

                        using var buffer = new MemoryStream();
                        stream.CopyTo(buffer);
                        return Assembly.Load(buffer.ToArray());
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_PluginLoadContextWithAssemblyDependencyResolver()
    {
        // The documented plugin pattern: the resolver reads the plugin's own .deps.json.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Reflection;
            using System.Runtime.Loader;
            class PluginLoadContext : AssemblyLoadContext
            {
                private readonly AssemblyDependencyResolver _resolver;

                public PluginLoadContext(string pluginPath) => _resolver = new AssemblyDependencyResolver(pluginPath);

                protected override Assembly? Load(AssemblyName assemblyName)
                {
                    string? assemblyPath = _resolver.ResolveAssemblyToPath(assemblyName);
                    return assemblyPath != null ? LoadFromAssemblyPath(assemblyPath) : null;
                }

                protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
                {
                    string? libraryPath = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
                    return libraryPath != null ? LoadUnmanagedDllFromPath(libraryPath) : IntPtr.Zero;
                }
            }

            class Host
            {
                void M(string pluginPath)
                {
                    var resolver = new AssemblyDependencyResolver(pluginPath);
                    AssemblyLoadContext.Default.Resolving += (context, name) =>
                        resolver.ResolveAssemblyToPath(name) is { } path ? context.LoadFromAssemblyPath(path) : null;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_UntraceableFolders()
    {
        // Parameters, fields set by a constructor, mutable state and collections filled elsewhere: the rule does not guess.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Concurrent;
            using System.IO;
            using System.Linq;
            using System.Reflection;
            using System.Runtime.Loader;
            class PluginContext : AssemblyLoadContext
            {
                private readonly string _pluginDirectory;

                public PluginContext(string pluginDirectory) : base(isCollectible: true) => _pluginDirectory = pluginDirectory;

                protected override Assembly? Load(AssemblyName assemblyName)
                {
                    var path = Path.Combine(_pluginDirectory, assemblyName.Name + ".dll");
                    return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
                }
            }

            static class AssemblyLoader
            {
                private static readonly ConcurrentDictionary<string, bool> AssemblyDirectories = new();
                public static string ProbePath { get; set; } = Path.GetTempPath();

                public static void Install(string extraFolder)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var name = new AssemblyName(e.Name).Name + ".dll";
                        foreach (var directory in AssemblyDirectories.Keys.ToList())
                        {
                            var path = Path.Combine(directory, name);
                            if (File.Exists(path))
                            {
                                return Assembly.LoadFile(path);
                            }
                        }

                        return File.Exists(Path.Combine(extraFolder, name)) ? Assembly.LoadFrom(Path.Combine(extraFolder, name)) : null;
                    };
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) => Assembly.LoadFrom(Path.Combine(ProbePath, e.Name + ".dll"));

                    var folder = Path.GetTempPath();
                    folder = AppContext.BaseDirectory;
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) => Assembly.LoadFrom(Path.Combine(folder, e.Name + ".dll"));
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_VerifiedBeforeLoading()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Security.Cryptography;
            [AttributeUsage(AttributeTargets.Method)]
            sealed class IntegrityVerifierAttribute : Attribute { }

            class C
            {
                static readonly byte[] PinnedSha256 = Convert.FromHexString("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08");
                static readonly RSA PublisherKey = RSA.Create();

                [IntegrityVerifier]
                static bool IsTrusted(string path) => File.Exists(path + ".sig");

                void M()
                {
                    var cache = Path.Combine(Path.GetTempPath(), "contoso");
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var bytes = File.ReadAllBytes(Path.Combine(cache, e.Name + ".dll"));
                        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), PinnedSha256) ? Assembly.Load(bytes) : null;
                    };
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var path = Path.Combine(cache, e.Name + ".dll");
                        using var file = File.OpenRead(path);
                        return SHA256.HashData(file).AsSpan().SequenceEqual(PinnedSha256) ? Assembly.LoadFrom(path) : null;
                    };
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var path = Path.Combine(cache, e.Name + ".dll");
                        return IsTrusted(path) ? Assembly.LoadFrom(path) : null;
                    };
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var path = Path.Combine(cache, e.Name + ".dll");
                        var data = File.ReadAllBytes(path);
                        var signature = File.ReadAllBytes(path + ".sig");
                        return PublisherKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss) ? Assembly.Load(data) : null;
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_NotAResolutionHandler()
    {
        // Other events and unsubscription are not resolution handlers (a load from temp there is SCR4002's concern).
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                static Assembly? FromTemp(object? s, ResolveEventArgs e) => Assembly.LoadFrom(Path.Combine(Path.GetTempPath(), e.Name + ".dll"));

                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= FromTemp;
                    AppDomain.CurrentDomain.AssemblyLoad += (s, e) => Assembly.LoadFrom(Path.Combine(Path.GetTempPath(), "Audit.dll"));
                    AppDomain.CurrentDomain.UnhandledException += (s, e) => Assembly.LoadFrom(Path.Combine(Path.GetTempPath(), "Crash.dll"));
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_NativeLibrariesByNameOrFromSystemFolders()
    {
        // A bare name goes through the OS search path (SCR4011); OS library folders belong to the system.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            using System.Runtime.InteropServices;
            using System.Runtime.Loader;
            class C
            {
                void M()
                {
                    AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) =>
                        name == "sqlite3" ? NativeLibrary.Load("e_sqlite3") : IntPtr.Zero;
                    AssemblyLoadContext.Default.ResolvingUnmanagedDll += (assembly, name) =>
                        OperatingSystem.IsLinux() ? NativeLibrary.Load("/usr/lib/x86_64-linux-gnu/libgdiplus.so.0") : IntPtr.Zero;
                    NativeLibrary.SetDllImportResolver(typeof(C).Assembly, (name, assembly, path) =>
                        NativeLibrary.Load(Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", name)));
                    NativeLibrary.SetDllImportResolver(typeof(C).Assembly, (name, assembly, path) => NativeLibrary.Load(name, assembly, path));
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ApplicationPluginFolderScan()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Linq;
            using System.Reflection;
            class C
            {
                static readonly string PluginFolder = Path.Combine(AppContext.BaseDirectory, "plugins");

                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) =>
                    {
                        var name = new AssemblyName(e.Name).Name;
                        var match = Directory.EnumerateFiles(PluginFolder, "*.dll", SearchOption.AllDirectories)
                            .FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f), name, StringComparison.OrdinalIgnoreCase));
                        return match is null ? null : Assembly.LoadFrom(match);
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_RelativePathGivenToApisThatRequireAnAbsolutePath()
    {
        // LoadFile and LoadFromAssemblyPath throw for a relative path: nothing is loaded from the current directory.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Reflection;
            using System.Runtime.Loader;
            class C
            {
                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) => Assembly.LoadFile("lib/" + e.Name + ".dll");
                    AssemblyLoadContext.Default.Resolving += (c, n) => c.LoadFromAssemblyPath("lib/" + n.Name + ".dll");
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_RecursiveHelpersAreBounded()
    {
        // Regression guard: helpers that call themselves (or each other) are followed a bounded number of times.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                static string Up(string dir, int n) => n == 0 ? dir : Path.Combine(Up(dir, n - 1), Up(dir, n - 1), "..");
                static Assembly? Probe(string dir, string name) => File.Exists(Path.Combine(dir, name)) ? Assembly.LoadFrom(Path.Combine(dir, name)) : Probe(Up(dir, 1), name);

                void M(string start)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) => Probe(Up(start, 30), e.Name + ".dll");
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCodeInHandler()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M()
                {
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) => Assembly.LoadFrom({|CS0103:NotDeclared|}());
                    AppDomain.CurrentDomain.AssemblyResolve += {|CS0103:Undefined|};
                    AppDomain.CurrentDomain.AssemblyResolve += (s, e) => Assembly.{|CS1501:LoadFrom|}();
                }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public void Fix_NoFixerIsOffered()
    {
        // Which folder is right (application directory, a verified cache) is a design decision: no rewrite is safe.
        var fixers = typeof(SecureCodingAnalyzers.CodeFixes.Rules.Cryptography.WeakHashAlgorithmCodeFixProvider).Assembly
            .GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .SelectMany(f => f.FixableDiagnosticIds);
        Assert.DoesNotContain("SCR4010", fixers);
    }

    [Fact]
    public async Task Fix_SourceStaysAsItIs()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System;
            using System.IO;
            using System.Reflection;
            class C
            {
                void M() => [|AppDomain.CurrentDomain.AssemblyResolve|] += (s, e) => Assembly.LoadFrom(Path.Combine(Path.GetTempPath(), e.Name + ".dll"));
            }
            """);
    }
}
