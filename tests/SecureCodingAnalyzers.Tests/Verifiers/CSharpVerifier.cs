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
/// Sources compile against the .NET 8 reference assemblies unless a test names others (<see cref="TestReferences"/>);
/// markup marks expected diagnostics; only compiler errors are checked (obsolete-API warnings such as SYSLIB0021 are
/// what the tested code looks like in real life; they are not ours).
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
    public static Task VerifyAnalyzerAsync(string source, ReferenceAssemblies references, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync(source, references, globalConfig: null, expected);

    /// <summary>Verifies diagnostics against other reference assemblies, with a <c>.globalconfig</c> holding rule options.</summary>
    public static Task VerifyAnalyzerAsync(string source, ReferenceAssemblies references, string? globalConfig, params DiagnosticResult[] expected)
        => RunAnalyzerAsync(source, references, globalConfig, outputKind: null, expected);

    /// <summary>
    /// Verifies a program: <paramref name="source"/> is compiled as a console application, as top-level statements
    /// (and their implicit <c>args</c>) require. Otherwise like
    /// <see cref="VerifyAnalyzerAsync(string, ReferenceAssemblies, DiagnosticResult[])"/>.
    /// </summary>
    public static Task VerifyProgramAsync(string source, ReferenceAssemblies references, params DiagnosticResult[] expected)
        => VerifyProgramAsync(source, references, globalConfig: null, expected);

    /// <summary>Verifies a program with a <c>.globalconfig</c> holding rule options.</summary>
    public static Task VerifyProgramAsync(string source, ReferenceAssemblies references, string? globalConfig, params DiagnosticResult[] expected)
        => RunAnalyzerAsync(source, references, globalConfig, OutputKind.ConsoleApplication, expected);

    /// <summary>Verifies that the fix turns <paramref name="source"/> into <paramref name="fixedSource"/> (including Fix All).</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? globalConfig = null, params DiagnosticResult[] expected)
    {
        var test = Create(source, fixedSource, References, globalConfig);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Verifies the fix (single fixes and Fix All) against other reference assemblies; the diagnostics are the ones
    /// marked in <paramref name="source"/>.
    /// </summary>
    /// <param name="source">The input, its diagnostics marked up.</param>
    /// <param name="fixedSource">What the fix makes of it.</param>
    /// <param name="references">What the sources compile against (<see cref="References"/> or a <see cref="TestReferences"/> set).</param>
    /// <param name="behaviors">
    /// Testing-library behaviours. <see cref="CodeFixTestBehaviors.SkipLocalDiagnosticCheck"/> is what findings of
    /// flows through helpers need: the dataflow rules report those from the compilation-end composition, which the
    /// library hands to fixers only when told to (the IDE never does; command-line fixers may).
    /// </param>
    /// <param name="fixedMarkup">
    /// How markup in <paramref name="fixedSource"/> (and <paramref name="fixAllSource"/>) is read. <see langword="null"/>
    /// keeps the library's default, which ignores markup of diagnostics the fixer claims; <see cref="MarkupMode.Allow"/>
    /// asserts them, for fixed sources that keep some diagnostics (marked up like the input).
    /// </param>
    /// <param name="fixAllSource">What Fix All makes of <paramref name="source"/>, where it differs from <paramref name="fixedSource"/>.</param>
    public static Task VerifyCodeFixAsync(
        string source,
        string fixedSource,
        ReferenceAssemblies references,
        CodeFixTestBehaviors behaviors = CodeFixTestBehaviors.None,
        MarkupMode? fixedMarkup = null,
        string? fixAllSource = null)
    {
        var test = Create(source, fixedSource, references, globalConfig: null);
        test.CodeFixTestBehaviors = behaviors;
        if (fixedMarkup is not null || fixAllSource is not null)
        {
            test.BatchFixedCode = fixAllSource ?? fixedSource;
        }

        if (fixedMarkup is { } markup)
        {
            test.FixedState.MarkupHandling = markup;
            test.BatchFixedState.MarkupHandling = markup;
        }

        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Verifies that no fix is offered: the source stays as it is.</summary>
    public static Task VerifyNoCodeFixAsync(string source, params DiagnosticResult[] expected)
    {
        var test = Create(source, source, References, globalConfig: null);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Verifies that no fix is offered for the diagnostics marked in <paramref name="source"/>, against other reference
    /// assemblies; <paramref name="behaviors"/> and <paramref name="fixedMarkup"/> as for
    /// <see cref="VerifyCodeFixAsync(string, string, ReferenceAssemblies, CodeFixTestBehaviors, MarkupMode?, string?)"/>.
    /// </summary>
    public static Task VerifyNoCodeFixAsync(
        string source,
        ReferenceAssemblies references,
        CodeFixTestBehaviors behaviors = CodeFixTestBehaviors.None,
        MarkupMode? fixedMarkup = null)
        => VerifyCodeFixAsync(source, source, references, behaviors, fixedMarkup);

    private static Task RunAnalyzerAsync(string source, ReferenceAssemblies references, string? globalConfig, OutputKind? outputKind, DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = references,
            CompilerDiagnostics = CompilerDiagnostics.Errors,
        };
        if (outputKind is not null)
        {
            test.TestState.OutputKind = outputKind;
        }

        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private static CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> Create(string source, string fixedSource, ReferenceAssemblies references, string? globalConfig)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = references,
            CompilerDiagnostics = CompilerDiagnostics.Errors,
        };
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        return test;
    }
}
