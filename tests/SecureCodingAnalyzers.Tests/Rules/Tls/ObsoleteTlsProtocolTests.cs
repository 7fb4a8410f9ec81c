using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Tls.ObsoleteTlsProtocolAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Tls.ObsoleteTlsProtocolCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Tls;

public class ObsoleteTlsProtocolTests
{
    // ---- Detect ----

    [Theory]
    [InlineData("SecurityProtocolType.Ssl3")]
    [InlineData("SecurityProtocolType.Tls")]
    [InlineData("SecurityProtocolType.Tls11")]
    [InlineData("SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12")]
    [InlineData("SecurityProtocolType.Tls12 | (SecurityProtocolType.Tls11 | SecurityProtocolType.Tls13)")]
    [InlineData("(SecurityProtocolType)768")]
    [InlineData("(SecurityProtocolType)(768 | 3072)")]
    [InlineData("(SecurityProtocolType)3072 | (SecurityProtocolType)768")]
    public async Task Detect_ServicePointManagerSecurityProtocol(string value)
    {
        var source = $$"""
            using System.Net;
            class C
            {
                void M()
                {
                    ServicePointManager.SecurityProtocol = [|{{value}}|];
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("SslProtocols.Ssl2")]
    [InlineData("SslProtocols.Ssl3")]
    [InlineData("SslProtocols.Tls")]
    [InlineData("SslProtocols.Tls11")]
    [InlineData("SslProtocols.Default")]
    [InlineData("SslProtocols.Tls11 | SslProtocols.Tls12")]
    [InlineData("(SslProtocols)192")]
    [InlineData("(SslProtocols)4032")]
    public async Task Detect_HttpClientHandlerSslProtocols(string value)
    {
        var source = $$"""
            using System.Net.Http;
            using System.Security.Authentication;
            class C
            {
                HttpClient M()
                {
                    var handler = new HttpClientHandler();
                    handler.SslProtocols = [|{{value}}|];
                    return new HttpClient(handler);
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_SslStreamAndAuthenticationOptions()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Security;
            using System.Security.Authentication;
            using System.Threading.Tasks;
            class C
            {
                void Sync(SslStream stream)
                {
                    stream.AuthenticateAsClient("plc.local", null, [|SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12|], false);
                }

                Task Async(SslStream stream)
                    => stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = "plc.local",
                        EnabledSslProtocols = [|SslProtocols.Tls11|],
                    });

                SslServerAuthenticationOptions Server() => new() { EnabledSslProtocols = [|SslProtocols.Tls | SslProtocols.Tls12|] };
            }
            """);
    }

    [Fact]
    public async Task Detect_CompoundOrAssignment()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;
            using System.Security.Authentication;
            class C
            {
                void M(System.Net.Security.SslClientAuthenticationOptions options)
                {
                    ServicePointManager.SecurityProtocol |= [|SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|];
                    options.EnabledSslProtocols |= [|SslProtocols.Tls|];
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_ValuesStoredForLaterUse()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Authentication;
            class C
            {
                const SslProtocols Legacy = [|SslProtocols.Tls | SslProtocols.Tls11|];
                SslProtocols Protocols { get; set; } = [|SslProtocols.Ssl3|];
                SslProtocols Get() => [|SslProtocols.Tls11|];
                void Connect(SslProtocols protocols = [|SslProtocols.Tls|]) { }
                SslProtocols Pick(bool legacyDevice) => legacyDevice ? [|SslProtocols.Tls|] : SslProtocols.None;
                SslProtocols Widen(SslProtocols configured) => [|configured | SslProtocols.Tls11|];
            }
            """);
    }

    [Fact]
    public async Task Detect_MessageNamesSinkProtocolsAndDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Net;
            using System.Net.Security;
            using System.Security.Authentication;
            class C
            {
                void M(SslStream stream)
                {
                    ServicePointManager.SecurityProtocol = {|#0:SecurityProtocolType.Tls12 | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls|};
                    stream.AuthenticateAsClient("host", null, {|#1:SslProtocols.Default|}, true);
                    var protocols = {|#2:(SslProtocols)12|};
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("ServicePointManager.SecurityProtocol", "TLS 1.0, TLS 1.1", "SecurityProtocolType.SystemDefault"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("SslStream.AuthenticateAsClient", "SSL 3.0, TLS 1.0", "SslProtocols.None"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("The SslProtocols value", "SSL 2.0", "SslProtocols.None"));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ModernProtocolsAndOsDefault()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Authentication;
            class C
            {
                void M(HttpClientHandler handler, SslStream stream)
                {
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;
                    ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
                    ServicePointManager.SecurityProtocol = (SecurityProtocolType)3072;
                    handler.SslProtocols = SslProtocols.None;
                    handler.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    handler.SslProtocols = (SslProtocols)12288;
                    stream.AuthenticateAsClient("host", null, SslProtocols.Tls13, true);
                    var none = (SslProtocols)0;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_RemovingOldProtocolsWithMasks()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;
            using System.Security.Authentication;
            class C
            {
                void M(ref SslProtocols enabled)
                {
                    ServicePointManager.SecurityProtocol &= ~SecurityProtocolType.Tls;
                    ServicePointManager.SecurityProtocol &= ~(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls11);
                    ServicePointManager.SecurityProtocol = (ServicePointManager.SecurityProtocol & ~SecurityProtocolType.Tls11) | SecurityProtocolType.Tls12;
                    enabled &= ~(SslProtocols.Tls | SslProtocols.Tls11);
                    enabled &= SslProtocols.Tls12 | SslProtocols.Tls11;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_InspectingTheNegotiatedProtocol()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Net;
            using System.Net.Security;
            using System.Security.Authentication;
            class C
            {
                void Warn(SslStream stream)
                {
                    if (stream.SslProtocol == SslProtocols.Tls || stream.SslProtocol == SslProtocols.Tls11)
                    {
                        Console.WriteLine("Peer negotiated a deprecated TLS version");
                    }

                    if (stream.SslProtocol is SslProtocols.Ssl3 or SslProtocols.Tls) throw new AuthenticationException("too old");
                    if (stream.SslProtocol < SslProtocols.Tls12) Console.WriteLine("old");
                    if (stream.SslProtocol.Equals(SslProtocols.Tls11)) Console.WriteLine("old");
                }

                string Name(SslProtocols protocol) => protocol switch
                {
                    SslProtocols.Tls => "TLS 1.0",
                    SslProtocols.Tls11 => "TLS 1.1",
                    SslProtocols.Tls12 => "TLS 1.2",
                    _ => protocol.ToString(),
                };

                bool Legacy(SslProtocols protocol)
                {
                    switch (protocol)
                    {
                        case SslProtocols.Ssl2:
                        case SslProtocols.Ssl3:
                        case SslProtocols.Tls:
                            return true;
                        default:
                            return false;
                    }
                }

                bool Allows(SslProtocols configured)
                    => configured.HasFlag(SslProtocols.Tls) || (configured & SslProtocols.Tls11) != 0
                       || (ServicePointManager.SecurityProtocol & SecurityProtocolType.Tls) == SecurityProtocolType.Tls;
            }
            """);
    }

    [Fact]
    public async Task Safe_DisplayTablesNamesAndAttributes()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Security.Authentication;
            [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
            sealed class RejectsAttribute : Attribute
            {
                public RejectsAttribute(SslProtocols protocol) { }
            }
            class C
            {
                static readonly Dictionary<SslProtocols, string> Names = new()
                {
                    { SslProtocols.Tls, "TLS 1.0" },
                    { SslProtocols.Tls11, "TLS 1.1" },
                };

                static readonly Dictionary<SslProtocols, string> Labels = new()
                {
                    [SslProtocols.Ssl3] = "SSL 3.0 (insecure)",
                };

                string Describe(SslProtocols p) => Names.TryGetValue(p, out var n) ? n : nameof(SslProtocols.Tls);

                string Key() => SslProtocols.Tls11.ToString();

                void Log(SslProtocols negotiated)
                {
                    Console.WriteLine("{0} and {1} are disabled", SslProtocols.Tls, System.Net.SecurityProtocolType.Ssl3);
                    if (negotiated != SslProtocols.Tls13) throw new AuthenticationException($"{SslProtocols.Tls11} or older is not accepted");
                }

                [Rejects(SslProtocols.Tls)]
                [Rejects(SslProtocols.Tls11)]
                void ServerRejectsOldProtocols() { }
            }
            """);
    }

    [Fact]
    public async Task Safe_ValuesPassedAsGenericDataToCollectionsAndAssertions()
    {
        // Regression: "List.Contains enables obsolete TLS 1.0". Array elements and parameters of a generic type T
        // (collections, test data, assertion libraries) are data, not a TLS setting, which is a single typed value.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Security.Authentication;
            static class Assertions
            {
                public static void NotBe<T>(this T actual, T unexpected) { }
            }
            class TheoryData<T> : List<T> { }
            class C
            {
                public static TheoryData<SslProtocols> DeprecatedProtocols => new() { SslProtocols.Tls, SslProtocols.Tls11 };

                void M(List<SslProtocols> allowed, SslProtocols negotiated, SslProtocols[] offered)
                {
                    if (allowed.Contains(SslProtocols.Tls)) Console.WriteLine("TLS 1.0 allowed");
                    negotiated.NotBe(SslProtocols.Tls11);
                    Console.WriteLine(Array.IndexOf(offered, SslProtocols.Ssl3));
                    var names = new Dictionary<string, SslProtocols> { { "tls1.0", SslProtocols.Tls } };
                    names["tls1.1"] = SslProtocols.Tls11;
                }

                private static readonly SslProtocols[] Deprecated = { SslProtocols.Ssl3, SslProtocols.Tls, SslProtocols.Tls11 };

                bool IsDeprecated(SslProtocols negotiated) => Array.IndexOf(Deprecated, negotiated) >= 0 || Array.IndexOf(new[] { SslProtocols.Ssl2 }, negotiated) >= 0;
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_ReplacesTheWholeValueWithTheOsDefault()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Net;
            using System.Net.Http;
            using System.Security.Authentication;
            class C
            {
                void M(HttpClientHandler handler)
                {
                    ServicePointManager.SecurityProtocol = [|SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|];
                    ServicePointManager.SecurityProtocol = [|(SecurityProtocolType)3840|];
                    handler.SslProtocols = ([|SslProtocols.Tls12 | SslProtocols.Tls11|]); // pinned for the old gateway
                    ServicePointManager.SecurityProtocol = [|ServicePointManager.SecurityProtocol | SecurityProtocolType.Tls11|];
                }
            }
            """,
            """
            using System.Net;
            using System.Net.Http;
            using System.Security.Authentication;
            class C
            {
                void M(HttpClientHandler handler)
                {
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                    handler.SslProtocols = SslProtocols.None; // pinned for the old gateway
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_CompoundOrBecomesPlainAssignment()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Net;
            class C
            {
                void M()
                {
                    ServicePointManager.SecurityProtocol |= [|SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|];
                }
            }
            """,
            """
            using System.Net;
            class C
            {
                void M()
                {
                    ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_AddsUsingDirective()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            class C
            {
                System.Net.Security.SslClientAuthenticationOptions Options() => new()
                {
                    EnabledSslProtocols = [|System.Security.Authentication.SslProtocols.Tls11|],
                };
            }
            """,
            """
            using System.Security.Authentication;

            class C
            {
                System.Net.Security.SslClientAuthenticationOptions Options() => new()
                {
                    EnabledSslProtocols = SslProtocols.None,
                };
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
            using System.Net.Security;

            class C
            {
                HttpClientHandler Handler() => new() { SslProtocols = [|System.Security.Authentication.SslProtocols.Tls11|] };

                SslClientAuthenticationOptions Options(Uri server) => new()
                {
                    TargetHost = server.Host,
                    EnabledSslProtocols = [|System.Security.Authentication.SslProtocols.Tls11 | System.Security.Authentication.SslProtocols.Tls12|],
                };

                void Configure(SslServerAuthenticationOptions options)
                {
                    options.EnabledSslProtocols = [|System.Security.Authentication.SslProtocols.Tls|];
                }
            }
            """,
            """
            using System;
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Authentication;

            class C
            {
                HttpClientHandler Handler() => new() { SslProtocols = SslProtocols.None };

                SslClientAuthenticationOptions Options(Uri server) => new()
                {
                    TargetHost = server.Host,
                    EnabledSslProtocols = SslProtocols.None,
                };

                void Configure(SslServerAuthenticationOptions options)
                {
                    options.EnabledSslProtocols = SslProtocols.None;
                }
            }
            """);
    }

    // Two different directives, each added once, and the compound assignment rewritten in the same pass.
    [Fact]
    public async Task Fix_FixAll_AddsEachNeededUsingOnce()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System;
            using System.Net.Http;

            class C
            {
                void Legacy()
                {
                    System.Net.ServicePointManager.SecurityProtocol = [|System.Net.SecurityProtocolType.Tls|];
                    System.Net.ServicePointManager.SecurityProtocol |= [|System.Net.SecurityProtocolType.Tls11 | System.Net.SecurityProtocolType.Tls12|];
                }

                HttpClientHandler Handler() => new() { SslProtocols = [|System.Security.Authentication.SslProtocols.Tls11|] };
            }
            """,
            """
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Security.Authentication;

            class C
            {
                void Legacy()
                {
                    System.Net.ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                    System.Net.ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                }

                HttpClientHandler Handler() => new() { SslProtocols = SslProtocols.None };
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedWhenTheValueHasOtherVariableParts()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Net.Security;
            using System.Security.Authentication;
            class C
            {
                void M(SslClientAuthenticationOptions options, SslProtocols configured)
                {
                    options.EnabledSslProtocols = [|configured | SslProtocols.Tls|];
                }
            }
            """);
    }
}
