using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Rules.Dependencies;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>One build file as the package's targets hand it to the compiler: path, kind, bytes and extra item metadata.</summary>
internal sealed record BuildFileDocument(string Path, BuildFileKind Kind, byte[] Bytes, ImmutableDictionary<string, string> Metadata)
{
    public int Lines { get; } = Bytes.Count(b => b == (byte)'\n');
}

/// <summary>
/// The build files of a realistic restored application project under Central Package Management, generated in memory
/// and deterministic for a seed: the project file (30 <c>PackageReference</c> items, two floating and two ranged
/// <c>VersionOverride</c>s, a <c>ProjectReference</c>), the referenced library's project file, Directory.Build.props
/// (lock file on, locked mode in CI, audit settings), Directory.Packages.props (60 <c>PackageVersion</c> items,
/// transitive pinning), nuget.config (three sources with package source mapping, trusted signers),
/// packages.lock.json and obj/project.assets.json for 150 packages (targets, libraries with their files lists and
/// <c>.signature.p7s</c> entries, the restore section). The content is what NuGet writes, with invented hashes.
/// Two in-house packages are unsigned and two overrides float, so the rules report a handful of findings (as in a
/// real code base) and exercise their reporting paths, not only their early exits.
/// </summary>
internal sealed class BuildFileProject
{
    public const int DefaultPackageCount = 150;
    public const int DirectCount = 30;
    private const int PinnedTransitiveCount = 10;
    private const int SolutionOnlyVersions = 20;
    private const string Framework = "net8.0";
    private const string FrameworkLong = ".NETCoreApp,Version=v8.0";
    private const string Root = "/src/plant";
    private const string ProjectName = "Plant.Gateway";
    private const string LibraryName = "Plant.Domain";
    private const string PackagesFolder = "/home/build/.nuget/packages/";

    private static readonly string[] Cultures = ["cs", "de", "es", "fr", "it", "ja", "ko", "pl", "pt-BR", "ru", "tr", "zh-Hans", "zh-Hant"];

    private static readonly string[] Rids = ["linux-arm", "linux-arm64", "linux-musl-x64", "linux-x64", "osx-arm64", "osx-x64", "win-arm64", "win-x64", "win-x86"];

    private static readonly string[] LibraryFrameworks = ["net462", "netstandard2.0", "netstandard2.1", "net6.0", "net7.0", "net8.0"];

    private static readonly (string Prefix, int Weight, bool Platform)[] Prefixes =
    [
        ("Microsoft.Extensions", 10, true), ("Microsoft.AspNetCore", 5, true), ("System", 8, true),
        ("Microsoft.EntityFrameworkCore", 3, true), ("Microsoft.Identity", 2, false), ("Azure", 4, false),
        ("OpenTelemetry", 4, false), ("Serilog", 3, false), ("Polly", 2, false), ("Grpc", 2, false),
        ("Npgsql", 1, false), ("AWSSDK", 2, false), ("MassTransit", 2, false), ("Fabrikam.Modbus", 1, false),
    ];

    private static readonly string[] Areas =
    [
        "Logging", "Configuration", "DependencyInjection", "Options", "Primitives", "Caching", "Hosting", "Http",
        "Diagnostics", "FileProviders", "Memory", "Buffers", "Text", "Json", "Collections", "Threading", "Security",
        "Cryptography", "Identity", "Authentication", "Authorization", "Metrics", "Tracing", "Exporter", "Storage",
        "Messaging", "Sql", "Redis", "Protobuf", "Core", "Resilience", "Telemetry", "Sinks", "Console", "Channels",
        "Pipelines", "Validation", "Serialization", "Compression", "Net", "IO", "Runtime", "Data", "Client", "Server",
    ];

    private static readonly string[] Qualifiers =
    [
        "Abstractions", "Binder", "Extensions", "Json", "Physical", "Memory", "EnvironmentVariables", "Console",
        "Common", "Protocols", "Sockets", "Relational", "Design", "Instrumentation", "Formatting", "Proxies",
    ];

    private static readonly string[] SolutionOnlyIds =
    [
        "xunit", "xunit.runner.visualstudio", "Microsoft.NET.Test.Sdk", "coverlet.collector", "NSubstitute",
        "FluentAssertions", "Verify.Xunit", "Testcontainers.PostgreSql", "Bogus", "AutoFixture",
        "BenchmarkDotNet", "Microsoft.Playwright", "WireMock.Net", "Respawn", "Moq", "Shouldly",
        "ReportGenerator", "Microsoft.AspNetCore.Mvc.Testing", "Spectre.Console", "Humanizer.Core",
    ];

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly int _packageCount;
    private readonly List<Package> _packages;
    private readonly List<(string Id, string Version)> _solutionOnly;
    private readonly Dictionary<int, string> _overrides;
    private readonly int[] _libraryPackages;

    private BuildFileProject(int seed, int packageCount)
    {
        var random = new Random(seed);
        _packageCount = packageCount;
        _packages = CreatePackages(random, packageCount);
        _solutionOnly = SolutionOnlyIds.Take(SolutionOnlyVersions).Select(id => (id, Version(random, platform: false))).ToList();

        // VersionOverride on four direct references: two floating, one bounded range, one open range.
        var floating1 = _packages[3];
        var floating2 = _packages[7];
        var bounded = _packages[11];
        var open = _packages[17];
        _overrides = new Dictionary<int, string>
        {
            [3] = floating1.Major + "." + floating1.Minor + ".*",
            [7] = floating2.Major + ".*",
            [11] = "[" + bounded.Version + ", " + (bounded.Major + 1) + ".0.0)",
            [17] = "[" + open.Version + ", )",
        };

        // The referenced library uses three packages that are transitive for the application.
        _libraryPackages = [DirectCount, DirectCount + 1, DirectCount + 2];
    }

    public string ProjectPath => $"{Root}/src/{ProjectName}/{ProjectName}.csproj";

    public string Description => $"{ProjectName}.csproj: {DirectCount} package references ({_overrides.Count} version overrides: 2 floating, 2 ranges), "
        + $"{CentralVersions.Count() + _solutionOnly.Count} central package versions, {_packageCount} restored packages";

    /// <summary>
    /// The MSBuild properties the package's targets expose (<c>CompilerVisibleProperty</c>), as the SDK writes them
    /// into the generated editorconfig: every listed property, empty when unset, plus a few the SDK always adds.
    /// </summary>
    public static ImmutableDictionary<string, string> GlobalProperties { get; } = new Dictionary<string, string>
    {
        ["SecureCodingProfile"] = "recommended",
        ["SecureCodingReportSharedFiles"] = string.Empty,
        ["RestorePackagesWithLockFile"] = "true",
        ["RestoreLockedMode"] = string.Empty,
        ["ContinuousIntegrationBuild"] = string.Empty,
        ["ManagePackageVersionsCentrally"] = "true",
        ["CentralPackageFloatingVersionsEnabled"] = string.Empty,
        ["NuGetAudit"] = "true",
        ["NuGetAuditMode"] = "all",
        ["NuGetAuditLevel"] = "low",
        ["NoWarn"] = "1701",
        ["WarningsNotAsErrors"] = string.Empty,
        ["WarningsAsErrors"] = "NU1605",
        ["TreatWarningsAsErrors"] = "true",
        ["TargetFramework"] = Framework,
        ["TargetFrameworks"] = string.Empty,
        ["SecureCodingTargetFrameworks"] = string.Empty,
        ["DOTNET_NUGET_SIGNATURE_VERIFICATION"] = string.Empty,
        ["IsTestProject"] = string.Empty,
        ["SecureCodingNoWarn"] = "1701,1702,CS1591",
        ["SecureCodingWarningsNotAsErrors"] = string.Empty,
        ["SecureCodingWarningsAsErrors"] = "NU1605",
        ["TargetPlatformMinVersion"] = string.Empty,
        ["UsingMicrosoftNETSdkWeb"] = "true",
        ["InvariantGlobalization"] = "true",
        ["PlatformNeutralAssembly"] = string.Empty,
        ["EnforceExtendedAnalyzerRules"] = string.Empty,
        ["RootNamespace"] = ProjectName,
        ["ProjectDir"] = $"{Root}/src/{ProjectName}/",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public static BuildFileProject Create(int seed, int packageCount = DefaultPackageCount) => new(seed, packageCount);

    /// <summary>
    /// The build files. <paramref name="variant"/> 0 is the project as restored; another value gives every file new
    /// content with the same meaning (a comment or an unread value differs), so each is parsed afresh.
    /// <paramref name="editedProject"/> changes only the project file, as a developer's edit does.
    /// </summary>
    public ImmutableArray<BuildFileDocument> Files(int variant = 0, bool editedProject = false) =>
    [
        Xml($"{Root}/src/{ProjectName}/{ProjectName}.csproj", BuildFileKind.Project, ProjectFile(editedProject), variant),
        Xml($"{Root}/src/{LibraryName}/{LibraryName}.csproj", BuildFileKind.ReferencedProject, LibraryProjectFile(), variant,
            ImmutableDictionary<string, string>.Empty.Add(LockFileAnalyzer.HasLockFileMetadata, "True")),
        Xml($"{Root}/Directory.Build.props", BuildFileKind.DirectoryBuildProps, DirectoryBuildProps(), variant),
        Xml($"{Root}/Directory.Packages.props", BuildFileKind.DirectoryPackagesProps, DirectoryPackagesProps(), variant),
        Xml($"{Root}/nuget.config", BuildFileKind.NuGetConfig, NuGetConfig(), variant),
        new($"{Root}/src/{ProjectName}/packages.lock.json", BuildFileKind.LockFile, LockFile(variant), ImmutableDictionary<string, string>.Empty),
        new($"{Root}/src/{ProjectName}/obj/project.assets.json", BuildFileKind.AssetsFile, AssetsFile(variant), ImmutableDictionary<string, string>.Empty),
    ];

    private static BuildFileDocument Xml(string path, BuildFileKind kind, string text, int variant, ImmutableDictionary<string, string>? metadata = null)
    {
        // A comment after the root element: valid XML, same meaning, different content.
        var content = variant == 0 ? text : text + $"<!-- benchmark variant {variant.ToString(CultureInfo.InvariantCulture)} -->\n";
        return new BuildFileDocument(path, kind, Encoding.UTF8.GetBytes(content), metadata ?? ImmutableDictionary<string, string>.Empty);
    }

    // ---- Package graph ----

    private sealed record Package(string Id, int Major, int Minor, int Patch, bool Signed, string Sha512, string ContentHash, IReadOnlyList<string> Files)
    {
        public string Version => Major + "." + Minor + "." + Patch;

        public List<int> Dependencies { get; } = [];

        public string LowerId => Id.ToLowerInvariant();
    }

    private static List<Package> CreatePackages(Random random, int packageCount)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        // In-house packages (the local and company feeds): two of them are built without a signature.
        foreach (var id in new[] { "Contoso.Plant.Protocols", "Contoso.Plant.Telemetry", "Contoso.Plant.Firmware.Client", "Contoso.Plant.Licensing" })
        {
            seen.Add(id);
        }

        var totalWeight = Prefixes.Sum(p => p.Weight);
        while (ids.Count < packageCount - 4)
        {
            var pick = random.Next(totalWeight);
            var prefix = Prefixes[0];
            foreach (var candidate in Prefixes)
            {
                if (pick < candidate.Weight)
                {
                    prefix = candidate;
                    break;
                }

                pick -= candidate.Weight;
            }

            var id = prefix.Prefix + "." + Areas[random.Next(Areas.Length)];
            if (random.Next(10) < 4)
            {
                id += "." + Qualifiers[random.Next(Qualifiers.Length)];
            }

            if (seen.Add(id))
            {
                ids.Add(id);
            }
        }

        // Direct references at the front (in-house ones among them), transitive ones after.
        ids.Insert(2, "Contoso.Plant.Protocols");
        ids.Insert(9, "Contoso.Plant.Telemetry");
        ids.Insert(DirectCount + 5, "Contoso.Plant.Firmware.Client");
        ids.Insert(DirectCount + 20, "Contoso.Plant.Licensing");

        var packages = new List<Package>(packageCount);
        foreach (var id in ids)
        {
            var platform = Prefixes.Any(p => p.Platform && id.StartsWith(p.Prefix + ".", StringComparison.Ordinal));
            var version = Version(random, platform);
            var parts = version.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var signed = id is not ("Contoso.Plant.Firmware.Client" or "Contoso.Plant.Licensing");
            packages.Add(new Package(id, parts[0], parts[1], parts[2], signed, Hash(random), Hash(random), PackageFiles(random, id, version, signed)));
        }

        // A DAG: every transitive package has a parent with a lower index (so it is reachable from a direct
        // reference), and packages take a few more dependencies on higher indices.
        for (var j = DirectCount; j < packages.Count; j++)
        {
            packages[random.Next(j)].Dependencies.Add(j);
        }

        for (var i = 0; i < packages.Count - 1; i++)
        {
            for (var k = random.Next(4); k > 0; k--)
            {
                var j = random.Next(Math.Max(i + 1, DirectCount), packages.Count);
                if (j > i && !packages[i].Dependencies.Contains(j))
                {
                    packages[i].Dependencies.Add(j);
                }
            }

            packages[i].Dependencies.Sort();
        }

        return packages;
    }

    private static string Version(Random random, bool platform)
        => platform
            ? (random.Next(4) == 0 ? "6.0." : "8.0.") + random.Next(12).ToString(CultureInfo.InvariantCulture)
            : string.Join('.', (1 + random.Next(12)).ToString(CultureInfo.InvariantCulture), random.Next(15).ToString(CultureInfo.InvariantCulture), random.Next(20).ToString(CultureInfo.InvariantCulture));

    private static string Hash(Random random)
    {
        var bytes = new byte[64];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>A package's file list as NuGet records it: metadata, signature, docs, lib folders per framework, resources, analyzers.</summary>
    private static List<string> PackageFiles(Random random, string id, string version, bool signed)
    {
        var files = new List<string> { ".nupkg.metadata" };
        if (signed)
        {
            files.Add(".signature.p7s");
        }

        var rest = new List<string>();
        if (random.Next(2) == 0)
        {
            rest.Add("Icon.png");
        }

        if (random.Next(3) > 0)
        {
            rest.Add(random.Next(2) == 0 ? "LICENSE.TXT" : "LICENSE.md");
        }

        if (random.Next(3) == 0)
        {
            rest.Add("THIRD-PARTY-NOTICES.TXT");
            rest.Add("PACKAGE.md");
        }

        var microsoft = id.StartsWith("Microsoft.", StringComparison.Ordinal) || id.StartsWith("System.", StringComparison.Ordinal);
        if (microsoft)
        {
            rest.Add("useSharedDesignerContext.txt");
        }

        var frameworkCount = 2 + random.Next(5);
        var start = random.Next(LibraryFrameworks.Length - frameworkCount + 1);
        var localized = random.Next(10) == 0;
        foreach (var framework in LibraryFrameworks.Skip(start).Take(frameworkCount))
        {
            rest.Add($"lib/{framework}/{id}.dll");
            rest.Add($"lib/{framework}/{id}.xml");
            if (localized)
            {
                rest.AddRange(Cultures.Select(c => $"lib/{framework}/{c}/{id}.resources.dll"));
            }
        }

        if (microsoft ? random.Next(2) == 0 : random.Next(8) == 0)
        {
            rest.Add($"buildTransitive/net461/{id}.targets");
            rest.Add("buildTransitive/net462/_._");
            rest.Add("buildTransitive/net6.0/_._");
            rest.Add($"buildTransitive/netcoreapp2.0/{id}.targets");
        }

        // Native and runtime-specific assets (database drivers, compression, gRPC): runtimes/<rid>/...
        if (random.Next(10) == 0)
        {
            foreach (var rid in Rids)
            {
                rest.Add($"runtimes/{rid}/native/{NativeName(id, rid)}");
                rest.Add($"runtimes/{rid}/lib/net8.0/{id}.dll");
            }
        }

        if (random.Next(12) == 0)
        {
            rest.Add($"analyzers/dotnet/roslyn4.4/cs/{id}.Generators.dll");
            rest.AddRange(Cultures.Select(c => $"analyzers/dotnet/roslyn4.4/cs/{c}/{id}.Generators.resources.dll"));
        }

        rest.Add($"{id.ToLowerInvariant()}.{version}.nupkg.sha512");
        rest.Add($"{id.ToLowerInvariant()}.nuspec");
        rest.Sort(StringComparer.OrdinalIgnoreCase);
        files.AddRange(rest);
        return files;
    }

    private static string NativeName(string id, string rid)
    {
        var name = id.Replace(".", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return rid.StartsWith("win", StringComparison.Ordinal) ? name + ".dll" : rid.StartsWith("osx", StringComparison.Ordinal) ? "lib" + name + ".dylib" : "lib" + name + ".so";
    }

    private IEnumerable<int> Direct => Enumerable.Range(0, DirectCount);

    private IEnumerable<int> PinnedTransitive => Enumerable.Range(DirectCount + 10, PinnedTransitiveCount);

    /// <summary>The packages of the graph with a PackageVersion: direct, the library's, transitive pins.</summary>
    private IEnumerable<int> CentralVersions => Direct.Concat(_libraryPackages).Concat(PinnedTransitive);

    /// <summary>The range restore records for a direct reference: a plain or floating version is a minimum.</summary>
    private string RequestedRange(int index)
        => _overrides.TryGetValue(index, out var version) && version.StartsWith('[') ? version
            : "[" + (version ?? _packages[index].Version) + ", )";

    /// <summary>The version restore resolved: the central version, or for a floating override the newest match (the central one here).</summary>
    private string Resolved(int index) => _packages[index].Version;

    // ---- XML files ----

    private string ProjectFile(bool edited)
    {
        var text = new StringBuilder();
        text.Append($"""
            <Project Sdk="Microsoft.NET.Sdk.Web">

              <PropertyGroup>
                <TargetFramework>{Framework}</TargetFramework>
                <RootNamespace>{ProjectName}</RootNamespace>
                <UserSecretsId>3f1c2b9e-5d7a-4c1e-9a62-7b1f0d4e8c55</UserSecretsId>
                <InvariantGlobalization>true</InvariantGlobalization>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
                <NoWarn>$(NoWarn);CS1591</NoWarn>
                <ContainerRepository>contoso/plant-gateway</ContainerRepository>
            {(edited ? "    <Description>Field gateway: collects PLC telemetry and forwards it to the plant historian.</Description>\n" : string.Empty)}  </PropertyGroup>

              <ItemGroup>

            """);
        foreach (var index in Direct)
        {
            var package = _packages[index];
            if (_overrides.TryGetValue(index, out var version))
            {
                text.Append($"    <PackageReference Include=\"{package.Id}\" VersionOverride=\"{version}\" />\n");
            }
            else if (index % 9 == 5)
            {
                text.Append($"""
                        <PackageReference Include="{package.Id}">
                          <PrivateAssets>all</PrivateAssets>
                          <IncludeAssets>runtime; build; native; contentfiles; analyzers; buildtransitive</IncludeAssets>
                        </PackageReference>

                    """);
            }
            else
            {
                text.Append($"    <PackageReference Include=\"{package.Id}\" />\n");
            }
        }

        text.Append($"""
              </ItemGroup>

              <ItemGroup>
                <ProjectReference Include="..\{LibraryName}\{LibraryName}.csproj" />
              </ItemGroup>

              <ItemGroup>
                <InternalsVisibleTo Include="{ProjectName}.Tests" />
                <Content Update="appsettings.Development.json" CopyToPublishDirectory="Never" />
                <None Include="..\..\docs\gateway.md" Link="docs\gateway.md" />
              </ItemGroup>

            </Project>

            """);
        return text.ToString();
    }

    private string LibraryProjectFile()
    {
        var text = new StringBuilder($"""
            <Project Sdk="Microsoft.NET.Sdk">

              <PropertyGroup>
                <TargetFramework>{Framework}</TargetFramework>
                <IsPackable>false</IsPackable>
              </PropertyGroup>

              <ItemGroup>

            """);
        foreach (var index in _libraryPackages)
        {
            text.Append($"    <PackageReference Include=\"{_packages[index].Id}\" />\n");
        }

        text.Append("""
              </ItemGroup>

            </Project>

            """);
        return text.ToString();
    }

    private static string DirectoryBuildProps() => """
        <Project>
          <PropertyGroup>
            <LangVersion>latest</LangVersion>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <WarningsAsErrors>$(WarningsAsErrors);NU1605</WarningsAsErrors>
            <AnalysisLevel>latest-recommended</AnalysisLevel>
            <Deterministic>true</Deterministic>
            <Company>Contoso Automation</Company>
            <Authors>Contoso plant software team</Authors>
            <Copyright>Copyright (c) Contoso Automation</Copyright>
            <VersionPrefix>4.2.0</VersionPrefix>
          </PropertyGroup>

          <!-- Dependencies: exact versions recorded in packages.lock.json, enforced by CI. -->
          <PropertyGroup>
            <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
            <RestoreLockedMode Condition="'$(ContinuousIntegrationBuild)' == 'true'">true</RestoreLockedMode>
            <NuGetAudit>true</NuGetAudit>
            <NuGetAuditMode>all</NuGetAuditMode>
            <NuGetAuditLevel>low</NuGetAuditLevel>
            <DisableImplicitNuGetFallbackFolder>true</DisableImplicitNuGetFallbackFolder>
          </PropertyGroup>

          <PropertyGroup Condition="'$(GITHUB_ACTIONS)' == 'true' or '$(TF_BUILD)' == 'true'">
            <ContinuousIntegrationBuild>true</ContinuousIntegrationBuild>
          </PropertyGroup>
        </Project>

        """;

    private string DirectoryPackagesProps()
    {
        var text = new StringBuilder("""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
                <CentralPackageTransitivePinningEnabled>true</CentralPackageTransitivePinningEnabled>
              </PropertyGroup>

              <ItemGroup Label="Application">

            """);
        foreach (var index in Direct.Concat(_libraryPackages).OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
        {
            text.Append($"    <PackageVersion Include=\"{_packages[index].Id}\" Version=\"{_packages[index].Version}\" />\n");
        }

        text.Append("""
              </ItemGroup>

              <ItemGroup Label="Transitive pins (security fixes)">

            """);
        foreach (var index in PinnedTransitive)
        {
            text.Append($"    <PackageVersion Include=\"{_packages[index].Id}\" Version=\"{_packages[index].Version}\" />\n");
        }

        text.Append("""
              </ItemGroup>

              <ItemGroup Label="Tests and tools">

            """);
        foreach (var (id, version) in _solutionOnly)
        {
            text.Append($"    <PackageVersion Include=\"{id}\" Version=\"{version}\" />\n");
        }

        text.Append("""
              </ItemGroup>
            </Project>

            """);
        return text.ToString();
    }

    private static string NuGetConfig() => """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="public" value="https://packages.example.com/v3/index.json" protocolVersion="3" />
            <add key="contoso" value="https://nuget.contoso.example.com/v3/index.json" />
            <add key="local" value="./packages-local" />
          </packageSources>

          <packageSourceMapping>
            <clear />
            <packageSource key="public">
              <package pattern="*" />
            </packageSource>
            <packageSource key="contoso">
              <package pattern="Contoso.*" />
            </packageSource>
            <packageSource key="local">
              <package pattern="Contoso.Plant.Firmware.*" />
            </packageSource>
          </packageSourceMapping>

          <trustedSigners>
            <repository name="public" serviceIndex="https://packages.example.com/v3/index.json">
              <certificate fingerprint="0E5F38F57DC1BCC806D8494F4F90FBCEDD988B46760709CBEEC6F4219AA6157D" hashAlgorithm="SHA256" allowUntrustedRoot="false" />
              <owners>contoso;fabrikam</owners>
            </repository>
            <author name="contoso">
              <certificate fingerprint="3F9001EA83C560D712C24CF213C3D312CB3BFF51EE89435D3430BD06B5D0EECE" hashAlgorithm="SHA256" allowUntrustedRoot="false" />
            </author>
          </trustedSigners>
        </configuration>

        """;

    // ---- JSON files ----

    private byte[] LockFile(int variant)
    {
        var direct = Direct.ToHashSet();
        var pinned = PinnedTransitive.ToHashSet();
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("version", 2);
            w.WriteStartObject("dependencies");
            w.WriteStartObject(Framework);

            // NuGet's order: Direct, Transitive, Project, CentralTransitive; by id within each.
            foreach (var index in Direct.OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                LockEntry(w, index, "Direct", RequestedRange(index), variant);
            }

            foreach (var index in Enumerable.Range(DirectCount, _packageCount - DirectCount).Where(i => !pinned.Contains(i)).OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                LockEntry(w, index, "Transitive", requested: null, variant);
            }

            w.WriteStartObject(LibraryName.ToLowerInvariant());
            w.WriteString("type", "Project");
            w.WriteStartObject("dependencies");
            foreach (var index in _libraryPackages)
            {
                w.WriteString(_packages[index].Id, "[" + _packages[index].Version + ", )");
            }

            w.WriteEndObject();
            w.WriteEndObject();

            foreach (var index in pinned.OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                LockEntry(w, index, "CentralTransitive", "[" + _packages[index].Version + ", )", variant);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private void LockEntry(Utf8JsonWriter w, int index, string type, string? requested, int variant)
    {
        var package = _packages[index];
        w.WriteStartObject(package.Id);
        w.WriteString("type", type);
        if (requested is not null)
        {
            w.WriteString("requested", requested);
        }

        w.WriteString("resolved", Resolved(index));

        // A variant changes one content hash (the lock file has no field nobody reads): new content, same meaning to the rules.
        w.WriteString("contentHash", variant != 0 && index == 0 ? VariantHash(package.ContentHash, variant) : package.ContentHash);
        if (package.Dependencies.Count > 0)
        {
            w.WriteStartObject("dependencies");
            foreach (var dependency in package.Dependencies)
            {
                w.WriteString(_packages[dependency].Id, MinimumVersion(dependency));
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>The version a dependent asks for: often the resolved one, sometimes an older patch (NuGet picks the lowest applicable).</summary>
    private string MinimumVersion(int index)
    {
        var package = _packages[index];
        return package.Patch > 0 && index % 3 == 0 ? package.Major + "." + package.Minor + ".0" : package.Version;
    }

    private static string VariantHash(string hash, int variant)
    {
        var suffix = variant.ToString("D6", CultureInfo.InvariantCulture);
        return hash[..^(suffix.Length + 2)] + suffix + "==";
    }

    private byte[] AssetsFile(int variant)
    {
        var projectPath = ProjectPath;
        var libraryPath = $"{Root}/src/{LibraryName}/{LibraryName}.csproj";
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("version", 3);

            w.WriteStartObject("targets");
            w.WriteStartObject(FrameworkLong);
            foreach (var index in Enumerable.Range(0, _packageCount).OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                TargetEntry(w, _packages[index]);
            }

            w.WriteStartObject(LibraryName + "/1.0.0");
            w.WriteString("type", "project");
            w.WriteString("framework", FrameworkLong);
            w.WriteStartObject("dependencies");
            foreach (var index in _libraryPackages)
            {
                w.WriteString(_packages[index].Id, _packages[index].Version);
            }

            w.WriteEndObject();
            w.WriteStartObject("compile");
            w.WriteStartObject($"bin/placeholder/{LibraryName}.dll");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("runtime");
            w.WriteStartObject($"bin/placeholder/{LibraryName}.dll");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("libraries");
            foreach (var package in _packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
            {
                w.WriteStartObject(package.Id + "/" + package.Version);
                w.WriteString("sha512", package.Sha512);
                w.WriteString("type", "package");
                w.WriteString("path", package.LowerId + "/" + package.Version);
                w.WriteStartArray("files");
                foreach (var file in package.Files)
                {
                    w.WriteStringValue(file);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteStartObject(LibraryName + "/1.0.0");
            w.WriteString("type", "project");
            w.WriteString("path", $"../{LibraryName}/{LibraryName}.csproj");
            w.WriteString("msbuildProject", $"../{LibraryName}/{LibraryName}.csproj");
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("projectFileDependencyGroups");
            w.WriteStartArray(FrameworkLong);
            foreach (var index in Direct.OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                w.WriteStringValue(_packages[index].Id + " >= " + (_overrides.TryGetValue(index, out var version) ? version.Trim('[', ')', ' ') : _packages[index].Version));
            }

            w.WriteStringValue(LibraryName + " >= 1.0.0");
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("packageFolders");
            w.WriteStartObject(PackagesFolder);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("project");
            w.WriteString("version", "4.2." + variant.ToString(CultureInfo.InvariantCulture));
            w.WriteStartObject("restore");
            w.WriteString("projectUniqueName", projectPath);
            w.WriteString("projectName", ProjectName);
            w.WriteString("projectPath", projectPath);
            w.WriteString("packagesPath", PackagesFolder);
            w.WriteString("outputPath", $"{Root}/src/{ProjectName}/obj/");
            w.WriteString("projectStyle", "PackageReference");
            w.WriteBoolean("centralPackageVersionsManagementEnabled", true);
            w.WriteBoolean("CentralPackageTransitivePinningEnabled", true);
            w.WriteStartArray("configFilePaths");
            w.WriteStringValue($"{Root}/nuget.config");
            w.WriteEndArray();
            w.WriteStartArray("originalTargetFrameworks");
            w.WriteStringValue(Framework);
            w.WriteEndArray();
            w.WriteStartObject("sources");
            foreach (var source in new[] { $"{Root}/packages-local", "https://nuget.contoso.example.com/v3/index.json", "https://packages.example.com/v3/index.json" })
            {
                w.WriteStartObject(source);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("frameworks");
            w.WriteStartObject(Framework);
            w.WriteString("targetAlias", Framework);
            w.WriteStartObject("projectReferences");
            w.WriteStartObject(libraryPath);
            w.WriteString("projectPath", libraryPath);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("warningProperties");
            w.WriteBoolean("allWarningsAsErrors", true);
            w.WriteStartArray("noWarn");
            w.WriteStringValue("CS1591");
            w.WriteEndArray();
            w.WriteStartArray("warnAsError");
            w.WriteStringValue("NU1605");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("restoreAuditProperties");
            w.WriteString("enableAudit", "true");
            w.WriteString("auditLevel", "low");
            w.WriteString("auditMode", "all");
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("frameworks");
            w.WriteStartObject(Framework);
            w.WriteString("targetAlias", Framework);
            w.WriteString("framework", FrameworkLong);
            w.WriteStartObject("dependencies");
            foreach (var index in Direct.OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                w.WriteStartObject(_packages[index].Id);
                if (index % 9 == 5 && !_overrides.ContainsKey(index))
                {
                    w.WriteString("include", "Runtime, Build, Native, ContentFiles, Analyzers, BuildTransitive");
                    w.WriteString("suppressParent", "All");
                }

                w.WriteString("target", "Package");
                w.WriteString("version", RequestedRange(index));
                if (_overrides.TryGetValue(index, out var version))
                {
                    w.WriteString("versionOverride", version);
                }

                w.WriteBoolean("versionCentrallyManaged", true);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("imports");
            foreach (var import in new[] { "net461", "net462", "net47", "net471", "net472", "net48", "net481" })
            {
                w.WriteStringValue(import);
            }

            w.WriteEndArray();
            w.WriteBoolean("assetTargetFallback", true);
            w.WriteBoolean("warn", true);
            w.WriteStartObject("frameworkReferences");
            foreach (var (name, privateAssets) in new[] { ("Microsoft.AspNetCore.App", "none"), ("Microsoft.NETCore.App", "all") })
            {
                w.WriteStartObject(name);
                w.WriteString("privateAssets", privateAssets);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteString("runtimeIdentifierGraphPath", "/usr/share/dotnet/sdk/8.0.404/PortableRuntimeIdentifierGraph.json");
            w.WriteStartObject("centralPackageVersions");
            foreach (var index in CentralVersions.OrderBy(i => _packages[i].Id, StringComparer.OrdinalIgnoreCase))
            {
                w.WriteString(_packages[index].Id, _packages[index].Version);
            }

            foreach (var (id, version) in _solutionOnly)
            {
                w.WriteString(id, version);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private void TargetEntry(Utf8JsonWriter w, Package package)
    {
        w.WriteStartObject(package.Id + "/" + package.Version);
        w.WriteString("type", "package");
        if (package.Dependencies.Count > 0)
        {
            w.WriteStartObject("dependencies");
            foreach (var dependency in package.Dependencies)
            {
                w.WriteString(_packages[dependency].Id, MinimumVersion(dependency));
            }

            w.WriteEndObject();
        }

        // The best lib folder for net8.0, with its XML docs as "related".
        var libs = package.Files.Where(f => f.StartsWith("lib/", StringComparison.Ordinal) && f.EndsWith(package.Id + ".dll", StringComparison.Ordinal) && f.Count(c => c == '/') == 2).ToList();
        var best = libs.OrderBy(f => Array.IndexOf(LibraryFrameworks, f.Split('/')[1])).LastOrDefault() ?? "lib/netstandard2.0/_._";
        foreach (var group in new[] { "compile", "runtime" })
        {
            w.WriteStartObject(group);
            w.WriteStartObject(best);
            if (best.EndsWith(".dll", StringComparison.Ordinal))
            {
                w.WriteString("related", ".xml");
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        var folder = best[..(best.LastIndexOf('/') + 1)];
        var resources = package.Files.Where(f => f.StartsWith(folder, StringComparison.Ordinal) && f.EndsWith(".resources.dll", StringComparison.Ordinal)).ToList();
        if (resources.Count > 0)
        {
            w.WriteStartObject("resource");
            foreach (var resource in resources)
            {
                w.WriteStartObject(resource);
                w.WriteString("locale", resource[folder.Length..resource.LastIndexOf('/')]);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        var runtimeTargets = package.Files.Where(f => f.StartsWith("runtimes/", StringComparison.Ordinal)).ToList();
        if (runtimeTargets.Count > 0)
        {
            w.WriteStartObject("runtimeTargets");
            foreach (var asset in runtimeTargets)
            {
                var parts = asset.Split('/');
                w.WriteStartObject(asset);
                w.WriteString("assetType", parts[2] == "native" ? "native" : "runtime");
                w.WriteString("rid", parts[1]);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (package.Files.Any(f => f.StartsWith("buildTransitive/", StringComparison.Ordinal)))
        {
            w.WriteStartObject("build");
            w.WriteStartObject("buildTransitive/net6.0/_._");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            write(writer);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
