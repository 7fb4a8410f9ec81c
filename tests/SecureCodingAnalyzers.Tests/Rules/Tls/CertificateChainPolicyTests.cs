using System.Threading.Tasks;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Tls.CertificateChainPolicyAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Tls.CertificateChainPolicyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Tls;

public class CertificateChainPolicyTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_RevocationNoCheckBeforeBuild()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Certificate2 certificate)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.RevocationMode = [|X509RevocationMode.NoCheck|];
                    return chain.Build(certificate);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_PolicyInObjectInitializerHandedToSslOptions()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                SslClientAuthenticationOptions Options(X509Certificate2 root) => new()
                {
                    TargetHost = "broker.plant.local",
                    CertificateChainPolicy = new X509ChainPolicy
                    {
                        RevocationMode = [|X509RevocationMode.NoCheck|],
                        TrustMode = X509ChainTrustMode.CustomRootTrust,
                        CustomTrustStore = { root },
                        VerificationFlags = [|X509VerificationFlags.IgnoreNotTimeValid|],
                    },
                };
            }
            """);
    }

    [Theory]
    [InlineData("X509VerificationFlags.AllowUnknownCertificateAuthority")]
    [InlineData("X509VerificationFlags.AllFlags")]
    [InlineData("X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid")]
    [InlineData("X509VerificationFlags.IgnoreInvalidName")]
    [InlineData("X509VerificationFlags.IgnoreWrongUsage")]
    [InlineData("X509VerificationFlags.IgnoreEndRevocationUnknown | X509VerificationFlags.IgnoreRootRevocationUnknown")]
    [InlineData("X509VerificationFlags.NoFlag | X509VerificationFlags.IgnoreInvalidBasicConstraints")]
    [InlineData("(X509VerificationFlags)16")]
    public async Task Detect_VerificationFlagsThatSkipChecks(string flags)
    {
        var source = $$"""
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Chain chain, X509Certificate2 certificate)
                {
                    chain.ChainPolicy.VerificationFlags = [|{{flags}}|];
                    return chain.Build(certificate);
                }
            }
            """;
        await VerifyCS.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Detect_CompoundOrAndInsideValidationCallback()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                HttpClient Create(X509Certificate2 gatewayCa)
                {
                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                        {
                            chain!.ChainPolicy.ExtraStore.Add(gatewayCa);
                            chain.ChainPolicy.VerificationFlags |= [|X509VerificationFlags.AllowUnknownCertificateAuthority|];
                            chain.ChainPolicy.RevocationMode = [|X509RevocationMode.NoCheck|];
                            return chain.Build(certificate!);
                        },
                    };
                    return new HttpClient(handler);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_CustomRootTrustDoesNotExcuseAllowUnknownCertificateAuthority()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Certificate2 certificate, X509Certificate2 root)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.VerificationFlags = {|#0:X509VerificationFlags.AllowUnknownCertificateAuthority|};
                    return chain.Build(certificate);
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                "X509ChainPolicy.VerificationFlags",
                "X509VerificationFlags.AllowUnknownCertificateAuthority",
                "remove AllowUnknownCertificateAuthority: X509ChainTrustMode.CustomRootTrust already trusts the custom root, and the flag accepts chains that do not end in it"));
    }

    [Fact]
    public async Task Detect_MessageNamesPropertyValueAndAdvice()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Chain chain, X509Certificate2 certificate)
                {
                    chain.ChainPolicy.RevocationMode = {|#0:X509RevocationMode.NoCheck|};
                    chain.ChainPolicy.VerificationFlags = {|#1:X509VerificationFlags.AllowUnknownCertificateAuthority | X509VerificationFlags.IgnoreNotTimeValid|};
                    return chain.Build(certificate);
                }

                bool Expired(X509Chain chain, X509Certificate2 certificate)
                {
                    chain.ChainPolicy.VerificationFlags = {|#2:X509VerificationFlags.IgnoreNotTimeValid|};
                    return chain.Build(certificate);
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("X509ChainPolicy.RevocationMode", "X509RevocationMode.NoCheck", "use X509RevocationMode.Online"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments(
                "X509ChainPolicy.VerificationFlags",
                "X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.AllowUnknownCertificateAuthority",
                "to trust a private root, add it to ChainPolicy.CustomTrustStore and set TrustMode = X509ChainTrustMode.CustomRootTrust"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments(
                "X509ChainPolicy.VerificationFlags",
                "X509VerificationFlags.IgnoreNotTimeValid",
                "use X509VerificationFlags.NoFlag and fix the certificate or the clock instead"));
    }

    [Fact]
    public async Task Detect_PinnedRootCheckExcusesOnlyAllowUnknownCertificateAuthority()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Certificate2 certificate, X509Certificate2 root)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.ExtraStore.Add(root);
                    chain.ChainPolicy.VerificationFlags = {|#0:X509VerificationFlags.AllowUnknownCertificateAuthority | X509VerificationFlags.IgnoreWrongUsage|};
                    return chain.Build(certificate) && chain.ChainElements[^1].Certificate.Thumbprint == root.Thumbprint;
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                "X509ChainPolicy.VerificationFlags",
                "X509VerificationFlags.IgnoreWrongUsage",
                "use X509VerificationFlags.NoFlag and fix the certificate or the clock instead"));
    }

    [Fact]
    public async Task Detect_BuildResultIgnoredButChainStatusInspected()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Chain chain, X509Certificate2 certificate)
                {
                    chain.ChainPolicy.RevocationMode = [|X509RevocationMode.NoCheck|];
                    chain.Build(certificate);
                    return chain.ChainStatus.All(s => s.Status == X509ChainStatusFlags.NoError);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_AspNetCoreCertificateAuthenticationRevocationNoCheck()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography.X509Certificates;
            using Microsoft.AspNetCore.Authentication.Certificate;
            class Startup
            {
                void Configure(CertificateAuthenticationOptions options)
                {
                    options.RevocationMode = [|X509RevocationMode.NoCheck|];
                }
            }
            namespace Microsoft.AspNetCore.Authentication.Certificate
            {
                public class CertificateAuthenticationOptions
                {
                    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.Online;
                }
            }
            """);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_StrictPolicies()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Certificate2 certificate, X509Certificate2 root, X509RevocationMode configured, X509ChainPolicy template)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.Offline;
                    chain.ChainPolicy.RevocationMode = configured;
                    chain.ChainPolicy.RevocationFlag = X509RevocationFlag.EntireChain;
                    chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
                    chain.ChainPolicy.VerificationFlags = template.VerificationFlags;
                    chain.ChainPolicy.VerificationFlags &= ~X509VerificationFlags.AllowUnknownCertificateAuthority;
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    if (chain.ChainPolicy.RevocationMode == X509RevocationMode.NoCheck) return false;
                    return chain.Build(certificate);
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_PinnedPrivateRootIdiomBeforeNet5()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Certificate2 certificate, X509Certificate2 pinnedRoot)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.ExtraStore.Add(pinnedRoot);
                    chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                    if (!chain.Build(certificate))
                    {
                        return false;
                    }

                    var last = chain.ChainElements.Cast<X509ChainElement>().Last().Certificate;
                    return last.Thumbprint == pinnedRoot.Thumbprint;
                }

                bool Callback(X509Certificate2 certificate, X509Chain chain, X509Certificate2 pinnedRoot)
                {
                    chain.ChainPolicy.ExtraStore.Add(pinnedRoot);
                    chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                    return chain.Build(certificate)
                        && chain.ChainElements[chain.ChainElements.Count - 1].Certificate.Thumbprint == pinnedRoot.Thumbprint;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ChainBuiltOnlyToCollectCertificates()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                X509Certificate2Collection FullChain(X509Certificate2 leaf, X509Certificate2Collection intermediates)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllFlags;
                    chain.ChainPolicy.ExtraStore.AddRange(intermediates);
                    _ = chain.Build(leaf);
                    var result = new X509Certificate2Collection();
                    foreach (var element in chain.ChainElements)
                    {
                        result.Add(element.Certificate);
                    }

                    return result;
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_SslOptionsRevocationCheckModeDefaultAndUnrelatedProperties()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;
            class Settings
            {
                public X509RevocationMode RevocationMode { get; set; }
                public X509VerificationFlags VerificationFlags { get; set; }
            }
            class C
            {
                SslClientAuthenticationOptions Options() => new()
                {
                    TargetHost = "historian.plant.local",
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                };

                Settings Defaults() => new()
                {
                    RevocationMode = X509RevocationMode.NoCheck,
                    VerificationFlags = X509VerificationFlags.AllFlags,
                };
            }
            """);
    }

    [Fact]
    public async Task Safe_DebugOnlyCode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            #define DEBUG
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Chain chain, X509Certificate2 certificate)
                {
            #if DEBUG
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // local dev CA has no CRL
            #else
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
            #endif
                    return chain.Build(certificate);
                }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_NoCheckBecomesOnline()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Chain chain, X509Certificate2 certificate)
                {
                    chain.ChainPolicy.RevocationMode = [|X509RevocationMode.NoCheck|]; // CRL server was flaky
                    return chain.Build(certificate);
                }

                X509ChainPolicy Policy() => new() { RevocationMode = [|X509RevocationMode.NoCheck|] };
            }
            """,
            """
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Chain chain, X509Certificate2 certificate)
                {
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.Online; // CRL server was flaky
                    return chain.Build(certificate);
                }

                X509ChainPolicy Policy() => new() { RevocationMode = X509RevocationMode.Online };
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
                System.Security.Cryptography.X509Certificates.X509ChainPolicy Policy() => new()
                {
                    RevocationMode = [|System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck|],
                };
            }
            """,
            """
            using System.Security.Cryptography.X509Certificates;

            class C
            {
                System.Security.Cryptography.X509Certificates.X509ChainPolicy Policy() => new()
                {
                    RevocationMode = X509RevocationMode.Online,
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
            using System.Net.Security;

            class C
            {
                SslClientAuthenticationOptions Options() => new()
                {
                    CertificateChainPolicy = new() { RevocationMode = [|System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck|] },
                };

                bool Validate(System.Security.Cryptography.X509Certificates.X509Chain chain, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
                {
                    chain.ChainPolicy.RevocationMode = [|System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck|];
                    return chain.Build(certificate);
                }

                void Relax(System.Security.Cryptography.X509Certificates.X509ChainPolicy policy)
                {
                    policy.RevocationMode = [|System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck|];
                }
            }
            """,
            """
            using System;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            class C
            {
                SslClientAuthenticationOptions Options() => new()
                {
                    CertificateChainPolicy = new() { RevocationMode = X509RevocationMode.Online },
                };

                bool Validate(System.Security.Cryptography.X509Certificates.X509Chain chain, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
                {
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
                    return chain.Build(certificate);
                }

                void Relax(System.Security.Cryptography.X509Certificates.X509ChainPolicy policy)
                {
                    policy.RevocationMode = X509RevocationMode.Online;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedForVerificationFlags()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Security.Cryptography.X509Certificates;
            class C
            {
                bool Validate(X509Chain chain, X509Certificate2 certificate)
                {
                    chain.ChainPolicy.VerificationFlags = [|X509VerificationFlags.AllowUnknownCertificateAuthority|];
                    return chain.Build(certificate);
                }
            }
            """);
    }
}
