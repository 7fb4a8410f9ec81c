using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Tls.CertificateValidationAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Tls.CertificateValidationCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Tls;

public class CertificateValidationTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;
        """;

    // ---- Detect ----

    [Theory]
    [InlineData("(message, cert, chain, errors) => true")]
    [InlineData("(_, _, _, _) => true")]
    [InlineData("static (_, _, _, _) => true")]
    [InlineData("(message, cert, chain, errors) => { return true; }")]
    [InlineData("(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) => true")]
    [InlineData("delegate { return true; }")]
    [InlineData("delegate (HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) { return true; }")]
    [InlineData("new Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>((m, c, ch, e) => true)")]
    public async Task Detect_HttpClientHandlerAlwaysTrue(string callback)
    {
        var marked = callback.StartsWith("new ", System.StringComparison.Ordinal)
            ? callback.Replace("(m, c, ch, e) => true", "[|(m, c, ch, e) => true|]", System.StringComparison.Ordinal)
            : "[|" + callback + "|]";
        var source = $$"""
            #nullable enable
            {{Usings}}
            class C
            {
                HttpClient Create()
                {
                    var handler = new HttpClientHandler();
                    handler.ServerCertificateCustomValidationCallback = {{marked}};
                    return new HttpClient(handler);
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_MessageNamesSinkAndWhatIsAccepted()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """

            class C
            {
                void M(HttpClientHandler handler)
                {
                    handler.ServerCertificateCustomValidationCallback = {|#0:(m, c, ch, e) => true|};
                    handler.ServerCertificateCustomValidationCallback = {|#1:(m, c, ch, e) => e == SslPolicyErrors.None || e == SslPolicyErrors.RemoteCertificateNameMismatch|};
                    handler.ServerCertificateCustomValidationCallback = {|#2:(m, c, ch, e) => (e & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None|};
                    handler.ServerCertificateCustomValidationCallback = {|#3:(m, c, ch, e) => e != SslPolicyErrors.RemoteCertificateNotAvailable|};
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("HttpClientHandler.ServerCertificateCustomValidationCallback", "accepts every certificate"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("HttpClientHandler.ServerCertificateCustomValidationCallback", "accepts certificates whose name does not match"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("HttpClientHandler.ServerCertificateCustomValidationCallback", "accepts certificates with chain errors"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("HttpClientHandler.ServerCertificateCustomValidationCallback", "accepts certificates with chain or name errors"));
    }

    [Fact]
    public async Task Detect_ServicePointManagerAssignAndAdd()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                static void Init()
                {
                    ServicePointManager.ServerCertificateValidationCallback = [|delegate { return true; }|];
                    ServicePointManager.ServerCertificateValidationCallback += [|(sender, certificate, chain, sslPolicyErrors) => true|];
                    ServicePointManager.ServerCertificateValidationCallback += new RemoteCertificateValidationCallback([|delegate { return true; }|]);
                    ServicePointManager.ServerCertificateValidationCallback = new RemoteCertificateValidationCallback([|AcceptAllCertifications|]);
                }

                public static bool AcceptAllCertifications(object sender, X509Certificate certification, X509Chain chain, SslPolicyErrors sslPolicyErrors)
                {
                    return true;
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_SslStreamConstructor()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                SslStream Connect(Stream network)
                {
                    var a = new SslStream(network, false, [|(sender, cert, chain, errors) => true|]);
                    var b = new SslStream(network, leaveInnerStreamOpen: false, userCertificateValidationCallback: [|AcceptAll|], userCertificateSelectionCallback: null);
                    a.AuthenticateAsClient("device.local");
                    return b;
                }

                static bool AcceptAll(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
            }
            """);
    }

    [Fact]
    public async Task Detect_SslClientAuthenticationOptions()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                HttpClient Create()
                {
                    var handler = new SocketsHttpHandler
                    {
                        SslOptions = new SslClientAuthenticationOptions
                        {
                            RemoteCertificateValidationCallback = [|(sender, cert, chain, errors) => true|],
                        },
                    };
                    handler.SslOptions.RemoteCertificateValidationCallback = [|delegate { return true; }|];
                    return new HttpClient(handler);
                }

                async System.Threading.Tasks.Task Connect(SslStream stream)
                {
                    await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = "plc.local",
                        RemoteCertificateValidationCallback = [|(s, c, ch, e) => e == SslPolicyErrors.None || e == SslPolicyErrors.RemoteCertificateChainErrors|],
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_HttpWebRequestAndWebSocket()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                void M(HttpWebRequest request, System.Net.WebSockets.ClientWebSocket socket)
                {
                    request.ServerCertificateValidationCallback = [|(sender, cert, chain, errors) => true|];
                    socket.Options.RemoteCertificateValidationCallback = [|(sender, cert, chain, errors) => true|];
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_MethodGroupsAndHelpersThatAlwaysReturnTrue()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                void M(HttpClientHandler handler, HttpClientHandler other, HttpClientHandler third)
                {
                    handler.ServerCertificateCustomValidationCallback = [|Validate|];
                    ServicePointManager.ServerCertificateValidationCallback += [|OnValidate|];
                    other.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => Validate(m, c, ch, e)|];
                    third.ServerCertificateCustomValidationCallback = [|Local|];

                    static bool Local(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) => true;
                }

                private static bool Validate(HttpRequestMessage message, X509Certificate2? cert, X509Chain? chain, SslPolicyErrors errors)
                {
                    Console.WriteLine($"TLS: {errors}");
                    return true;
                }

                private bool OnValidate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
                {
                    if (errors == SslPolicyErrors.None)
                    {
                        return true;
                    }

                    if (errors == SslPolicyErrors.RemoteCertificateNameMismatch)
                    {
                        return true; // devices are addressed by IP
                    }

                    return false;
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_AcceptsNameMismatchOrChainErrorsInManyShapes()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                void M(HttpClientHandler h)
                {
                    h.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => e is SslPolicyErrors.None or SslPolicyErrors.RemoteCertificateNameMismatch|];
                    h.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => !e.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)|];
                    h.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => (e & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || e == SslPolicyErrors.None|];
                    h.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => e switch
                    {
                        SslPolicyErrors.None => true,
                        SslPolicyErrors.RemoteCertificateChainErrors => true,
                        _ => false,
                    }|];
                    h.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) =>
                    {
                        e &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
                        return e == SslPolicyErrors.None;
                    }|];
                    h.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) =>
                    {
                        var ok = e == SslPolicyErrors.None || e == SslPolicyErrors.RemoteCertificateChainErrors;
                        return ok;
                    }|];
                    h.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) =>
                    {
                        switch (e)
                        {
                            case SslPolicyErrors.None:
                            case SslPolicyErrors.RemoteCertificateNameMismatch:
                                return true;
                            default:
                                return false;
                        }
                    }|];
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_AlwaysTrueDespiteLoggingAndUnrelatedBranches()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                void M(HttpClientHandler h, HttpClientHandler g)
                {
                    h.ServerCertificateCustomValidationCallback = [|(m, cert, chain, errors) =>
                    {
                        Console.WriteLine(cert?.Subject);
                        if (errors != SslPolicyErrors.None)
                        {
                            Console.WriteLine("ignoring " + errors);
                        }

                        foreach (var element in chain!.ChainElements)
                        {
                            Console.WriteLine(element.Certificate.Thumbprint);
                        }

                        return true;
                    }|];
                    g.ServerCertificateCustomValidationCallback = [|(m, cert, chain, errors) => cert is null ? true : true|];
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ThroughLocalsReadonlyFieldsAndConditionals()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                private static readonly RemoteCertificateValidationCallback AcceptAll = (s, c, ch, e) => true;

                HttpClient Create(bool allowUntrusted)
                {
                    Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> trustAll = (m, c, ch, e) => true;
                    var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = [|trustAll|] };
                    ServicePointManager.ServerCertificateValidationCallback = [|AcceptAll|];
                    var other = new HttpClientHandler();
                    other.ServerCertificateCustomValidationCallback = allowUntrusted ? [|(m, c, ch, e) => true|] : null;
                    return new HttpClient(handler);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_DangerousAcceptAnyServerCertificateValidator()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            Usings + """

            class C
            {
                HttpClient Create(bool development)
                {
                    var handler = new HttpClientHandler();
                    handler.ServerCertificateCustomValidationCallback = {|#0:HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|};
                    var other = new HttpClientHandler { ServerCertificateCustomValidationCallback = development ? [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|] : null };
                    Configure({|#1:HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|});
                    return new HttpClient(handler);
                }

                static void Configure(Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> callback) { }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("HttpClientHandler.ServerCertificateCustomValidationCallback", "accepts every certificate"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("C.Configure", "accepts every certificate"));
    }

    [Fact]
    public async Task Detect_LocalCallbackInMethodWithVeryDeepExpressionDoesNotOverflowTheStack()
    {
        // Regression: the search for writes to the local recursed once per nesting level and crashed the compiler
        // process (stack overflow cannot be caught) on a method with a 40,000-term concatenation.
        var terms = string.Concat(System.Linq.Enumerable.Repeat(" + \"a\" + s.ToString()", 40_000));
        await VerifyCS.VerifyAnalyzerAsync(Usings + $$"""

            class C
            {
                string M(HttpClientHandler h, Stream s)
                {
                    Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> trustAll = (m, c, ch, e) => true;
                    var text = ""{{terms}};
                    h.ServerCertificateCustomValidationCallback = [|trustAll|];
                    return text;
                }
            }
            """);
    }

    // ---- Safe ----

    [Theory]
    [InlineData("(m, c, ch, e) => e == SslPolicyErrors.None")]
    [InlineData("(m, c, ch, e) => e is SslPolicyErrors.None")]
    [InlineData("(m, c, ch, e) => SslPolicyErrors.None == e")]
    [InlineData("(m, c, ch, e) => e == 0")]
    [InlineData("(m, c, ch, e) => e == SslPolicyErrors.None ? true : false")]
    [InlineData("(m, c, ch, e) => { if (e != SslPolicyErrors.None) { return false; } return true; }")]
    [InlineData("(m, c, ch, e) => e == SslPolicyErrors.None || e == SslPolicyErrors.RemoteCertificateNotAvailable")]
    [InlineData("(m, c, ch, e) => (e & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors)) == 0")]
    [InlineData("(m, c, ch, e) => false")]
    [InlineData("null")]
    public async Task Safe_RequiresNoPolicyErrors(string callback)
    {
        var source = $$"""
            #nullable enable
            {{Usings}}
            class C
            {
                void M(HttpClientHandler handler) => handler.ServerCertificateCustomValidationCallback = {{callback}};
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Safe_CertificatePinning()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                private const string PinnedHash = "3F2A9C...";
                private const string PinnedKey = "3082010A0282010100...";

                void M(HttpClientHandler a, HttpClientHandler b, HttpClientHandler c, HttpClientHandler d)
                {
                    a.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) => cert?.GetCertHashString() == PinnedHash;
                    b.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                        errors == SslPolicyErrors.None || string.Equals(cert?.Thumbprint, PinnedHash, StringComparison.OrdinalIgnoreCase);
                    c.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                    {
                        if (errors == SslPolicyErrors.None)
                        {
                            return true;
                        }

                        return cert is not null && cert.GetPublicKeyString() == PinnedKey;
                    };
                    d.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                        (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                        && cert!.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == PinnedHash;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ChainBuiltAgainstCustomTrustStore()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                private readonly X509Certificate2 _root = new X509Certificate2(Array.Empty<byte>());

                void M(HttpClientHandler handler)
                {
                    handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
                    {
                        if (errors == SslPolicyErrors.None)
                        {
                            return true;
                        }

                        if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || cert is null || chain is null)
                        {
                            return false;
                        }

                        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                        chain.ChainPolicy.CustomTrustStore.Add(_root);
                        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                        return chain.Build(cert);
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_HelpersThatCheckSomethingElse()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                void M(HttpClientHandler a, HttpClientHandler b, SslStream stream)
                {
                    a.ServerCertificateCustomValidationCallback = Validate;
                    b.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) => Validate(m, cert, chain, errors);
                    ServicePointManager.ServerCertificateValidationCallback = ValidateVirtual;
                }

                private static bool Validate(HttpRequestMessage message, X509Certificate2? cert, X509Chain? chain, SslPolicyErrors errors)
                {
                    if (errors == SslPolicyErrors.None)
                    {
                        return true;
                    }

                    return errors == SslPolicyErrors.RemoteCertificateChainErrors && IsKnownDevice(cert);
                }

                private static bool IsKnownDevice(X509Certificate2? cert) => cert?.Thumbprint == "AB12";

                protected virtual bool ValidateVirtual(object sender, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) => true;
            }
            """);
    }

    [Fact]
    public async Task Safe_LogsAndRequiresNoErrors()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                void M(HttpClientHandler handler)
                {
                    handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) =>
                    {
                        if (errors != SslPolicyErrors.None)
                        {
                            Console.Error.WriteLine($"Rejecting {cert?.Subject} for {message.RequestUri}: {errors}");
                            foreach (var status in chain!.ChainStatus)
                            {
                                Console.Error.WriteLine(status.StatusInformation);
                            }
                        }

                        return errors == SslPolicyErrors.None;
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_CallbacksThatThrowOrValidateInHelpers()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                void M(HttpClientHandler a, HttpClientHandler b, HttpClientHandler c, HttpClientHandler d)
                {
                    a.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) => throw new NotSupportedException();
                    b.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                    {
                        if (errors != SslPolicyErrors.None)
                        {
                            throw new System.Security.Authentication.AuthenticationException(errors.ToString());
                        }

                        return true;
                    };
                    c.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                    {
                        EnsurePinned(cert);
                        return true;
                    };
                    d.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                    {
                        errors = Recheck(cert, errors);
                        return errors == SslPolicyErrors.None;
                    };
                }

                static void EnsurePinned(X509Certificate2? cert)
                {
                    if (cert?.Thumbprint != "AB12") throw new System.Security.Authentication.AuthenticationException();
                }

                static SslPolicyErrors Recheck(X509Certificate2? cert, SslPolicyErrors errors) => cert is null ? errors : SslPolicyErrors.None;
            }
            """);
    }

    [Fact]
    public async Task Safe_CallbacksThatValidateInAnotherAssembly()
    {
        // Regression: a pinning helper that throws, declared in a shared library project and so referenced as an
        // assembly by the command-line build, was ignored like a framework call: "EnsurePinned(cert); return true;"
        // was an Error in the build (not in the IDE, where the project reference is a source compilation).
        await VerifyWithLibraryAsync(
            Usings + """

            class C
            {
                void M(HttpClientHandler handler, Contoso.Security.PinValidator pins)
                {
                    handler.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                    {
                        Contoso.Security.Pins.EnsurePinned(cert);
                        return true;
                    };
                    handler.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) =>
                    {
                        pins.Check(chain);
                        return true;
                    };
                }
            }
            """,
            """
            namespace Contoso.Security
            {
                public static class Pins
                {
                    public static void EnsurePinned(System.Security.Cryptography.X509Certificates.X509Certificate2 cert)
                    {
                        if (cert?.Thumbprint != "AB12") throw new System.Security.Authentication.AuthenticationException();
                    }
                }

                public sealed class PinValidator
                {
                    public void Check(System.Security.Cryptography.X509Certificates.X509Chain chain) { }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_FrameworkCallsDoNotValidate()
    {
        await VerifyWithLibraryAsync(
            Usings + """
            using Microsoft.Extensions.Logging;

            class C
            {
                void M(HttpClientHandler handler, ILogger logger)
                {
                    handler.ServerCertificateCustomValidationCallback = [|(m, cert, chain, errors) =>
                    {
                        logger.LogWarning("TLS {Subject}: {Errors}", cert?.Subject, errors);
                        Console.WriteLine(chain?.ChainStatus.Length);
                        return true;
                    }|];
                }
            }
            """,
            """
            namespace Microsoft.Extensions.Logging
            {
                public interface ILogger { }

                public static class LoggerExtensions
                {
                    public static void LogWarning(this ILogger logger, string message, params object[] args) { }
                }
            }
            """);
    }

    /// <summary>Compiles <paramref name="library"/> to an assembly and verifies <paramref name="source"/> against it.</summary>
    private static async Task VerifyWithLibraryAsync(string source, string library)
    {
        var references = await VerifyCS.References.ResolveAsync(Microsoft.CodeAnalysis.LanguageNames.CSharp, System.Threading.CancellationToken.None);
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Library",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(library) },
            references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using var image = new System.IO.MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<
            SecureCodingAnalyzers.Rules.Tls.CertificateValidationAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            ReferenceAssemblies = VerifyCS.References,
            TestCode = source,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.Errors,
        };
        test.TestState.AdditionalReferences.Add(Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(image.ToArray()));
        await test.RunAsync();
    }

    [Fact]
    public async Task Safe_ConfigurationSwitchesAreNotDecidedByTheErrors()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class Options { public bool AllowUntrustedCertificates { get; set; } }

            class C
            {
                private readonly Options _options = new Options();

                void M(HttpClientHandler a, HttpClientHandler b)
                {
                    a.ServerCertificateCustomValidationCallback = (m, c, ch, e) => _options.AllowUntrustedCertificates || e == SslPolicyErrors.None;
                    b.ServerCertificateCustomValidationCallback = (m, c, ch, e) =>
                        e == SslPolicyErrors.None || (System.Diagnostics.Debugger.IsAttached && e == SslPolicyErrors.RemoteCertificateNameMismatch);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_SslStreamClientThatRequiresNoErrors()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                SslStream Connect(Stream network)
                {
                    var stream = new SslStream(network, false, (sender, certificate, chain, errors) => errors == SslPolicyErrors.None);
                    stream.AuthenticateAsClient("device.local");
                    return stream;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ServerSideClientCertificateCallbacks()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class C
            {
                SslServerAuthenticationOptions Options(X509Certificate2 serverCertificate) => new SslServerAuthenticationOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateRequired = false,
                    RemoteCertificateValidationCallback = (sender, cert, chain, errors) => true,
                };

                void Serve(Stream client, X509Certificate2 serverCertificate)
                {
                    using var ssl = new SslStream(client, false, (sender, cert, chain, errors) => true);
                    ssl.AuthenticateAsServer(serverCertificate, clientCertificateRequired: false, checkCertificateRevocation: true);
                }
            }

            class Listener
            {
                private readonly X509Certificate2 _certificate = new X509Certificate2(Array.Empty<byte>());

                async System.Threading.Tasks.Task AcceptAsync(Stream client)
                {
                    var ssl = Wrap(client);
                    await ssl.AuthenticateAsServerAsync(_certificate, clientCertificateRequired: false, checkCertificateRevocation: true);
                }

                private static SslStream Wrap(Stream client) => new SslStream(client, false, AllowAnyClient);

                private static bool AllowAnyClient(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
            }
            """);
    }

    [Fact]
    public async Task Safe_OwnPropertiesComparisonsAndResets()
    {
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            class ClientSettings { public RemoteCertificateValidationCallback? Callback { get; set; } }

            class C
            {
                void M(HttpClientHandler handler, ClientSettings settings)
                {
                    settings.Callback = (s, c, ch, e) => true;
                    if (handler.ServerCertificateCustomValidationCallback == HttpClientHandler.DangerousAcceptAnyServerCertificateValidator)
                    {
                        handler.ServerCertificateCustomValidationCallback = null;
                    }

                    ServicePointManager.ServerCertificateValidationCallback = null;
                    ServicePointManager.ServerCertificateValidationCallback -= AcceptAll;
                    Console.WriteLine(nameof(HttpClientHandler.DangerousAcceptAnyServerCertificateValidator));
                    Console.WriteLine(HttpClientHandler.DangerousAcceptAnyServerCertificateValidator.Method.Name);
                }

                static bool AcceptAll(object sender, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) => true;
            }
            """);
    }

    [Fact]
    public async Task Safe_DebugOnlyCode()
    {
        // Regression: the documented local-development idiom (#if DEBUG around an accept-all callback for a dev
        // certificate) failed Debug builds with an Error although the code is not compiled into Release builds.
        await VerifyCS.VerifyAnalyzerAsync("#define DEBUG\n" + Usings + """

            class C
            {
                HttpClient Create()
                {
                    var handler = new HttpClientHandler();
            #if DEBUG
                    handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
            #endif
                    var other = new HttpClientHandler
                    {
            #if (DEBUG && EMULATOR)
                        ServerCertificateCustomValidationCallback = (m, c, ch, e) => true,
            #elif DEBUG
                        ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == SslPolicyErrors.None || e == SslPolicyErrors.RemoteCertificateChainErrors,
            #endif
                    };
                    AllowDevelopmentCertificates(other);
                    return new HttpClient(handler);
                }

                [System.Diagnostics.Conditional("DEBUG")]
                static void AllowDevelopmentCertificates(HttpClientHandler handler)
                    => handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;
            }
            """);
    }

    [Fact]
    public async Task Detect_CodeThatIsNotDebugOnly()
    {
        await VerifyCS.VerifyAnalyzerAsync("#define DEBUG\n#define STAGING\n" + Usings + """

            class C
            {
                void M(HttpClientHandler handler)
                {
            #if DEBUG || STAGING
                    handler.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => true|];
            #endif
            #if !RELEASE
                    handler.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => true|];
            #endif
            #if DEBUG
            #else
                    handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;
            #endif
            #if DEBUG
                    handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == SslPolicyErrors.None;
            #endif
                    handler.ServerCertificateCustomValidationCallback = [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|];
                }

                [System.Diagnostics.Conditional("TRACE")]
                static void Trace(HttpClientHandler handler) => handler.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => true|];
            }
            """);
    }

    [Fact]
    public async Task Safe_DangerousValidatorComparedInTestAssertions()
    {
        // Regression: a security test asserting that the accept-any validator is NOT installed was an Error.
        // Passing the validator as object or T (assertions, collections) compares it; it installs nothing.
        await VerifyCS.VerifyAnalyzerAsync(Usings + """

            static class Assert
            {
                public static void Same(object? expected, object? actual) { }
                public static void NotSame(object? expected, object? actual) { }
                public static void NotEqual<T>(T expected, T actual) { }
            }

            class HandlerTests
            {
                void ProductionHandlerValidatesCertificates(HttpClientHandler handler)
                {
                    Assert.NotSame(HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, handler.ServerCertificateCustomValidationCallback);
                    Assert.NotEqual(HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, handler.ServerCertificateCustomValidationCallback);
                }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_ExpressionAndBlockLambdas()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Usings + """

            class C
            {
                void M(HttpClientHandler handler, SslClientAuthenticationOptions options)
                {
                    handler.ServerCertificateCustomValidationCallback = [|(message, cert, chain, errors) => true|];
                    options.RemoteCertificateValidationCallback = [|(sender, certificate, chain, policyErrors) =>
                    {
                        return true;
                    }|];
                }
            }
            """,
            Usings + """

            class C
            {
                void M(HttpClientHandler handler, SslClientAuthenticationOptions options)
                {
                    handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == SslPolicyErrors.None;
                    options.RemoteCertificateValidationCallback = (sender, certificate, chain, policyErrors) =>
                    {
                        return policyErrors == SslPolicyErrors.None;
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_DiscardsAndParameterlessAnonymousMethods()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Usings + """

            class C
            {
                void M(HttpClientHandler handler, HttpClientHandler other)
                {
                    handler.ServerCertificateCustomValidationCallback = [|(_, _, _, _) => true|];
                    other.ServerCertificateCustomValidationCallback = [|(message, cert, chain, _) => true|];
                    ServicePointManager.ServerCertificateValidationCallback += [|delegate { return true; }|];
                    ServicePointManager.ServerCertificateValidationCallback = [|delegate (object s, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) { return true; }|];
                    other.ServerCertificateCustomValidationCallback = [|(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors _) => true|];
                }
            }
            """,
            Usings + """

            class C
            {
                void M(HttpClientHandler handler, HttpClientHandler other)
                {
                    handler.ServerCertificateCustomValidationCallback = (_, _, _, sslPolicyErrors) => sslPolicyErrors == SslPolicyErrors.None;
                    other.ServerCertificateCustomValidationCallback = (message, cert, chain, sslPolicyErrors) => sslPolicyErrors == SslPolicyErrors.None;
                    ServicePointManager.ServerCertificateValidationCallback += (_, _, _, sslPolicyErrors) => sslPolicyErrors == SslPolicyErrors.None;
                    ServicePointManager.ServerCertificateValidationCallback = delegate (object s, X509Certificate? c, X509Chain? ch, SslPolicyErrors e) { return e == SslPolicyErrors.None; };
                    other.ServerCertificateCustomValidationCallback = (HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors sslPolicyErrors) => sslPolicyErrors == SslPolicyErrors.None;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_AcceptErrorsExpressionAndAddsUsing()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Net.Http;

            class C
            {
                void M(HttpClientHandler handler)
                {
                    handler.ServerCertificateCustomValidationCallback = [|(m, c, ch, e) => e == System.Net.Security.SslPolicyErrors.None || e == System.Net.Security.SslPolicyErrors.RemoteCertificateNameMismatch|];
                }
            }
            """,
            """
            using System.Net.Http;
            using System.Net.Security;

            class C
            {
                void M(HttpClientHandler handler)
                {
                    handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => e == SslPolicyErrors.None;
                }
            }
            """);
    }

    // Regression: with WellKnownFixAllProviders.BatchFixer every single fix added the same using directive next to
    // the existing ones; BatchFixer merged those overlapping text changes as conflicts, dropped fixes and left
    // diagnostics behind ("Expected 1 iteration, found 2").
    [Fact]
    public async Task Fix_FixAll_AddsTheUsingOnce_WhenTheFileHasOtherUsings()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Net.Http;

            class C
            {
                HttpClient Create(Uri proxy)
                {
                    var handler = new HttpClientHandler
                    {
                        Proxy = new System.Net.WebProxy(proxy),
                        ServerCertificateCustomValidationCallback = [|(message, certificate, chain, errors) => true|],
                    };
                    return new HttpClient(handler);
                }

                void Configure(HttpClientHandler first, HttpClientHandler second)
                {
                    first.ServerCertificateCustomValidationCallback = [|(_, _, _, _) => true|];
                    second.ServerCertificateCustomValidationCallback = [|delegate { return true; }|];
                    System.Net.ServicePointManager.ServerCertificateValidationCallback = [|(sender, certificate, chain, errors) =>
                    {
                        return true;
                    }|];
                }
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Net.Security;

            class C
            {
                HttpClient Create(Uri proxy)
                {
                    var handler = new HttpClientHandler
                    {
                        Proxy = new System.Net.WebProxy(proxy),
                        ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => errors == SslPolicyErrors.None,
                    };
                    return new HttpClient(handler);
                }

                void Configure(HttpClientHandler first, HttpClientHandler second)
                {
                    first.ServerCertificateCustomValidationCallback = (_, _, _, sslPolicyErrors) => sslPolicyErrors == SslPolicyErrors.None;
                    second.ServerCertificateCustomValidationCallback = (_, _, _, sslPolicyErrors) => sslPolicyErrors == SslPolicyErrors.None;
                    System.Net.ServicePointManager.ServerCertificateValidationCallback = (sender, certificate, chain, errors) =>
                    {
                        return errors == SslPolicyErrors.None;
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_RemovesDangerousValidatorAssignments()
    {
        await VerifyCS.VerifyCodeFixAsync(
            Usings + """

            class C
            {
                HttpClient Create()
                {
                    var handler = new HttpClientHandler();
                    // Test servers use self-signed certificates.
                    handler.ServerCertificateCustomValidationCallback = [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|];
                    handler.UseProxy = false;
                    var single = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|],
                    };
                    var several = new HttpClientHandler
                    {
                        UseProxy = false,
                        ServerCertificateCustomValidationCallback = [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|],
                        UseCookies = false,
                    };
                    var last = new HttpClientHandler
                    {
                        UseProxy = false,
                        ServerCertificateCustomValidationCallback = [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|]
                    };
                    return new HttpClient(handler);
                }
            }
            """,
            Usings + """

            class C
            {
                HttpClient Create()
                {
                    var handler = new HttpClientHandler();
                    handler.UseProxy = false;
                    var single = new HttpClientHandler();
                    var several = new HttpClientHandler
                    {
                        UseProxy = false,
                        UseCookies = false,
                    };
                    var last = new HttpClientHandler
                    {
                        UseProxy = false
                    };
                    return new HttpClient(handler);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedForMethodGroupsVariablesAndBodiesThatDoMore()
    {
        await VerifyCS.VerifyNoCodeFixAsync(Usings + """

            class C
            {
                void M(HttpClientHandler a, HttpClientHandler b, HttpClientHandler c, bool dev)
                {
                    a.ServerCertificateCustomValidationCallback = [|Validate|];
                    Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> trustAll = (m, cert, chain, e) => true;
                    b.ServerCertificateCustomValidationCallback = [|trustAll|];
                    c.ServerCertificateCustomValidationCallback = [|(m, cert, chain, e) =>
                    {
                        Console.WriteLine(cert?.Subject);
                        return true;
                    }|];
                    if (dev) c.ServerCertificateCustomValidationCallback = [|HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|];
                }

                static bool Validate(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) => true;
            }
            """);
    }
}
