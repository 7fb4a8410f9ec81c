using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.EndToEnd;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Catalog;

/// <summary>
/// Every analyzer (found by reflection, so later families are covered automatically) is silent on empty code, never
/// throws on broken code (truncated files, missing braces, unresolved types and members, code mid-keystroke) and
/// honours cancellation.
/// </summary>
public class AnalyzerRobustnessTests
{
    private static readonly Lazy<Task<ImmutableArray<MetadataReference>>> References = new(
        () => ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None));

    public static TheoryData<string> Analyzers => ShippedAssemblies.AnalyzerNames();

    [Theory]
    [MemberData(nameof(Analyzers))]
    public async Task Analyzer_IsSilentOnEmptySource(string name)
    {
        foreach (var source in new[] { string.Empty, "namespace N { }", "class C { }", "// only a comment" })
        {
            var (diagnostics, exceptions) = await RunAsync(Create(name), [source], CancellationToken.None);
            Assert.Empty(exceptions);
            Assert.Empty(diagnostics);
        }
    }

    [Fact]
    public async Task Analyzers_NeverThrow_OnBrokenCode()
    {
        var failures = new List<string>();
        foreach (var source in BrokenCorpus())
        {
            var (diagnostics, exceptions) = await RunAsync(ShippedAssemblies.Analyzers(), [source], CancellationToken.None);
            failures.AddRange(exceptions.Select(e => e + "\n--- source ---\n" + source));
            failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d + "\n--- source ---\n" + source));
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
    }

    [Theory]
    [MemberData(nameof(Analyzers))]
    public async Task Analyzer_HonoursCancellation(string name)
    {
        var sources = Enumerable.Repeat(SampleSources(), 20).SelectMany(s => s).ToArray();
        foreach (var delay in new[] { 0, 5, 50 })
        {
            using var cts = new CancellationTokenSource();
            cts.CancelAfter(delay);
            try
            {
                var (_, exceptions) = await RunAsync(Create(name), sources, cts.Token);
                Assert.Empty(exceptions);
            }
            catch (OperationCanceledException)
            {
                // Expected: cancellation surfaces as OperationCanceledException, never as an analyzer failure.
            }
        }
    }

    private static ImmutableArray<DiagnosticAnalyzer> Create(string name)
        => ImmutableArray.Create((DiagnosticAnalyzer)Activator.CreateInstance(ShippedAssemblies.AnalyzerType(name))!);

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyCollection<string> Exceptions)> RunAsync(
        ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"File{i}.cs", cancellationToken: cancellationToken));
        var compilation = CSharpCompilation.Create(
            "Robustness",
            trees,
            await References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        return (diagnostics, exceptions);
    }

    private static IEnumerable<string> SampleSources()
        => Directory.EnumerateFiles(Path.Combine(DotNetCli.RepoRoot, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText);

    /// <summary>Hand-written broken snippets plus every sample file cut at many points (the code an IDE sees mid-keystroke).</summary>
    private static IEnumerable<string> BrokenCorpus()
    {
        const string Usings = "using System; using System.Net.Http; using System.Net.Security; using System.Security.Authentication; using System.Security.Cryptography; using System.Security.Cryptography.X509Certificates; using System.Text;\n";
        string[] snippets =
        [
            "class C { void M() { var h = MD5.",
            "class C { void M() { SHA1.HashData( } }",
            "class C { void M() { var a = Aes.Create(); a.Key = ; a.IV = new byte[; } }",
            "class C { void M() { using var a = Aes.Create(); a.Mode = CipherMode.; a.EncryptEcb(",
            "class C { void M(Aes a) { a.Key = Undefined.Key; a.IV = Missing(); a.CreateEncryptor(Foo, Bar); } }",
            "class C { void M() { new RSACryptoServiceProvider( } }",
            "class C { void M() { var r = RSA.Create(x); r.KeySize = ; } }",
            "class C { void M() { Rfc2898DeriveBytes.Pbkdf2(pw, salt, , HashAlgorithmName.SHA1, 32); } }",
            "class C { void M() { new Rfc2898DeriveBytes(\"p\", new byte[] { 1, 2, , 3 }, \"x\"); new PasswordDeriveBytes(",
            "class C { string Token() { var r = new Random(); var b = new byte[16]; r.NextBytes(; return Convert.ToBase64String(b",
            "class C { string Token() { var r = new Random(); return r.Next(0, ).ToString(); } }",
            "class C { void M(HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = (a, b, c, d) => } }",
            "class C { void M(HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = (a, b) => true; h.ServerCertificateCustomValidationCallback = Missing; } }",
            "class C { void M(HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = delegate { return ; }; } }",
            "class C { void M(HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = (m, c, ch, e) => { if (e == SslPolicyErrors. ) return true; } } }",
            "class C { void M(HttpClientHandler h) { h.ServerCertificateCustomValidationCallback = HttpClientHandler.Dangerous; } }",
            "class C { void M() { System.Net.ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls | ; } }",
            "class C { void M(SslClientAuthenticationOptions o) { o.EnabledSslProtocols = (SslProtocols)Undefined | SslProtocols.Tls; } }",
            "class C { void M(X509Chain c) { c.ChainPolicy.RevocationMode = X509RevocationMode.; c.ChainPolicy.VerificationFlags |= } }",
            "class C { static readonly byte[] Key = { 1, 2, 3, ; void M(Aes a) { a.Key = Key; } }",
            "class C { static readonly byte[] Key = Encoding.UTF8.GetBytes(; void M(Aes a) { a.Key = Key; a.IV = Key2; } }",
            "class C { void M() { byte[] iv = [1, 2, ; using var a = Aes.Create(); a.IV = iv; } }",
            "class C { void M() { var iv = new byte[16]; RandomNumberGenerator.Fill(iv; Aes.Create().IV = iv; } }",
            "class C : HashAlgorithm { } class D : MD5 { } class E { void M() { new D(); new C(); } }",
            "partial class C { void M() => CryptoConfig.CreateFromName(null); void N() => HashAlgorithm.Create(default); }",
            "class C { void M() { var x = new Unknown { Key = new byte[16], IV = new byte[16], Mode = CipherMode.ECB }; } }",
            "class C { object M() => new { Key = new byte[16] }; void N() { dynamic d = Aes.Create(); d.Key = new byte[16]; } }",
            "class C { void M() { Func<int> f = () => new Random().Next(); Action a = () => { var token = new Random().Next() } } }",
            "class C { int this[int i] { get => new Random().Next(i); } event EventHandler E { add { } remove { } } }",
            "class C { void M() { var x = @\"unterminated",
            "class C { void M() { /* unterminated comment",
            "#if DEBUG\nclass C { void M() { MD5.Create(); }\n#else\n",
            "class C<T> where T : HashAlgorithm, new() { T M() => new T(); }",
            "record R(byte[] Key) { void M(Aes a) { a.Key = Key; } }",
            "class C { async System.Threading.Tasks.Task M(System.Net.Security.SslStream s) { await s.AuthenticateAsClientAsync(\"h\", null, SslProtocols.Tls | SslProtocols.Ssl3, ); } }",
            "}}}}{{{{ class",
            "using static System.Security.Cryptography.MD5; class C { object M() => Create(); }",
            "class C { void M() { goto L; L: var a = Aes.Create(); a.Key = a.Key; a.IV = a.IV; } }",
        ];

        foreach (var snippet in snippets)
        {
            yield return Usings + snippet;
        }

        // Code integrity: loading, resolution handlers, process starts, signature and strong-name checks, mid-keystroke.
        // SignedCms is not in the .NET 8 reference assemblies here: its uses bind to error types.
        const string LoadingUsings = "using System; using System.Diagnostics; using System.IO; using System.Linq; using System.Net.Http; using System.Reflection; using System.Runtime.InteropServices; using System.Runtime.Loader; using System.Security.Cryptography; using System.Security.Cryptography.Pkcs; using System.Security.Cryptography.X509Certificates; using System.Threading.Tasks;\n";
        string[] loading =
        [
            "class C { void M() { AppDomain.CurrentDomain.AssemblyResolve += (s, ) => Assembly.LoadFrom(; } }",
            "class C { void M() { AssemblyLoadContext.Default.Resolving += Missing; AppDomain.CurrentDomain.AssemblyResolve += delegate { return Assembly.LoadFile(Path.Combine(Path.GetTempPath(), )); }; } }",
            "class P : AssemblyLoadContext { protected override Assembly Load(AssemblyName n) => LoadFromAssemblyPath(Path.Combine(Environment.GetFolderPath(), n.Name)); protected override IntPtr LoadUnmanagedDll(string ) => LoadUnmanagedDllFromPath(; }",
            "class C { void M() { Process.Start(); Process.Start(\"git\", ); new ProcessStartInfo { FileName = , Arguments = \"x\" }; NativeLibrary.Load(\"foo\", ); } }",
            "class C { void M() { Process.Start(\"msiexec\", Path.Combine(Path.GetTempPath(), Unknown)); Process.Start(Path.Combine(), \"/i x\"); new ProcessStartInfo(Path.Join(), ); } }",
            "class C { async Task M(HttpClient h) { var b = await h.GetByteArrayAsync(); File.WriteAllBytes(, b); Process.Start(\"cmd\", \"/c \" + ); Process.Start(new ProcessStartInfo(b)); Assembly.Load(; } }",
            "class C { void M(byte[] d) { if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(), )) throw; Process.Start(Undefined); } }",
            "class C { void M(string f) { X509Certificate.CreateFromSignedFile(); var c = X509Certificate.CreateFromSignedFile(f).Subject == ; } }",
            "class C { void M(byte[] d) { var cms = new SignedCms(); cms.Decode(d); cms.CheckSignature(verifySignatureOnly: ); cms.CheckSignature(true } }",
            "class C { bool M(Assembly a) => a.GetName().GetPublicKeyToken().SequenceEqual(; bool N(AssemblyName n) => n.GetPublicKeyToken() == Missing; }",
            "class C { void M() { var t = Type.GetType(Console.ReadLine(), ); Activator.CreateInstance(t, ); t.InvokeMember(, BindingFlags., null, null, null); } }",
            "class C { void M() { foreach (var f in Directory.GetFiles(, \"*.dll\")) Assembly.LoadFrom(f } }",
        ];

        foreach (var snippet in loading)
        {
            yield return LoadingUsings + snippet;
        }

        foreach (var source in SampleSources())
        {
            const int Cuts = 30;
            for (var i = 1; i <= Cuts; i++)
            {
                yield return source.Substring(0, source.Length * i / (Cuts + 1));
            }

            // A brace dropped at every tenth brace.
            var braces = source.Select((c, i) => (c, i)).Where(p => p.c is '{' or '}').Select(p => p.i).Where((_, n) => n % 10 == 0);
            foreach (var index in braces)
            {
                yield return source.Remove(index, 1);
            }
        }
    }
}
