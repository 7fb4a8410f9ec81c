using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// A build file handed to the analyzers, as the package's targets would: path, kind and (markup) text, and optionally
/// more item metadata as lines "Name = value" (e.g. "SecureCodingHasLockFile = False").
/// </summary>
public sealed record BuildFileInput(string Path, BuildFileKind Kind, string Text, string? Metadata = null)
{
    /// <summary>The file's section of the generated .editorconfig: its kind and any further metadata.</summary>
    internal string EditorConfigSection()
        => "[" + Path + "]\n" + BuildConfiguration.KindMetadata + " = " + Kind + "\n"
            + string.Concat((Metadata ?? string.Empty).Split('\n').Where(l => l.Trim().Length > 0).Select(l => "build_metadata.AdditionalFiles." + l.Trim() + "\n"));
}

/// <summary>
/// Verifies build-file rules: the files become AdditionalFiles with the SecureCodingKind metadata, the properties
/// become <c>build_property.*</c> global options, exactly as the package's targets pass them to the compiler.
/// Markup in the files marks the expected diagnostics.
/// </summary>
public static class BuildFileVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A minimal assets file: restore has run.</summary>
    public const string RestoredAssets = """{ "version": 3, "targets": { "net8.0": {} }, "libraries": {} }""";

    /// <summary>An expected diagnostic of the analyzer's single rule.</summary>
    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

    /// <summary>Verifies the diagnostics marked in <paramref name="files"/> and nothing else.</summary>
    public static Task VerifyAsync(BuildFileInput[] files, string? properties = null, params DiagnosticResult[] expected)
        => VerifyWithOptionsAsync(files, properties, globalOptions: null, testCode: null, expected);

    /// <summary>
    /// Verifies with rule options (<paramref name="globalOptions"/>: .globalconfig lines such as
    /// <c>dotnet_diagnostic.SCR5022.allowed_unsigned_packages = Contoso.*</c>) and, optionally, the C# code compiled
    /// alongside (for assembly-level suppressions).
    /// </summary>
    public static Task VerifyWithOptionsAsync(BuildFileInput[] files, string? properties, string? globalOptions, string? testCode = null, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = testCode ?? "class Program { }",
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
        };

        var editorConfig = new StringBuilder("root = true\n");
        foreach (var file in files)
        {
            test.TestState.AdditionalFiles.Add((file.Path, file.Text));
            editorConfig.Append(file.EditorConfigSection());
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig.ToString()));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + string.Join("\n",
            (properties ?? string.Empty).Split('\n').Where(l => l.Trim().Length > 0).Select(l => "build_property." + l.Trim())) + "\n"
            + (globalOptions ?? string.Empty) + "\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The project file plus a restored assets file, for the common case.</summary>
    public static BuildFileInput[] Restored(params BuildFileInput[] files)
        => files.Concat(files.Any(f => f.Kind == BuildFileKind.AssetsFile)
            ? Enumerable.Empty<BuildFileInput>()
            : new[] { new BuildFileInput("/repo/App/obj/project.assets.json", BuildFileKind.AssetsFile, RestoredAssets) }).ToArray();
}
