using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SecureCodingAnalyzers.Tests.Verifiers;

/// <summary>
/// The thin alias every rule test uses: <c>using VerifyCS = CSharpVerifier&lt;TAnalyzer, TCodeFix&gt;;</c>.
/// Sources compile against the .NET 8 reference assemblies; markup marks expected diagnostics.
/// </summary>
public static class CSharpVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>The reference assemblies every rule test compiles against.</summary>
    public static ReferenceAssemblies References { get; } = ReferenceAssemblies.Net.Net80;

    /// <summary>An expected diagnostic of the analyzer's single rule.</summary>
    public static DiagnosticResult Diagnostic() => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic();

    /// <summary>An expected diagnostic of one rule.</summary>
    public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

    /// <summary>An expected diagnostic of one descriptor.</summary>
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(descriptor);

    /// <summary>Verifies the diagnostics in <paramref name="source"/> (markup) and nothing else.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync(source, globalConfig: null, expected);

    /// <summary>Verifies diagnostics with a <c>.globalconfig</c> holding rule options.</summary>
    public static Task VerifyAnalyzerAsync(string source, string? globalConfig, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync(source, References, globalConfig, expected);

    /// <summary>Verifies diagnostics against other reference assemblies (ASP.NET Core, data providers: <see cref="TestReferences"/>).</summary>
    public static Task VerifyAnalyzerAsync(string source, ReferenceAssemblies references, string? globalConfig, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = references,
            CompilerDiagnostics = CompilerDiagnostics.Errors,
        };
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Verifies that the fix turns <paramref name="source"/> into <paramref name="fixedSource"/> (including Fix All).</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? globalConfig = null, params DiagnosticResult[] expected)
    {
        var test = Create(source, fixedSource, globalConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Verifies that no fix is offered: the source stays as it is.</summary>
    public static Task VerifyNoCodeFixAsync(string source, params DiagnosticResult[] expected)
    {
        var test = Create(source, source, globalConfig: null);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string fixedSource, string? globalConfig)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = References,
        };
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        // Obsolete-API warnings (SYSLIB0021 etc.) are what the tested code looks like in real life; they are not ours.
        test.CompilerDiagnostics = CompilerDiagnostics.Errors;
        return test;
    }
}
