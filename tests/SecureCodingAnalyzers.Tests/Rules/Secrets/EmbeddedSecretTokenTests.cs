using System.Threading.Tasks;
using SecureCodingAnalyzers.Rules.Secrets;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Secrets.EmbeddedSecretTokenAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Secrets;

/// <summary>SCR6004. Every token is generated at test time (<see cref="SyntheticTokens"/>): none is committed.</summary>
public class EmbeddedSecretTokenTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_GitHubToken_MessageNamesTheKindNotTheToken()
    {
        var token = SyntheticTokens.GitHub();
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            class C
            {
                const string Token = {|#0:"{{token}}"|};
            }
            """,
            VerifyCS.Diagnostic("SCR6004").WithLocation(0).WithArguments("The string literal", "a GitHub personal access token"));
    }

    public static TheoryData<string, string> Tokens() => new()
    {
        { SyntheticTokens.GitHub('o'), "a GitHub OAuth access token" },
        { SyntheticTokens.GitHub('s', seed: 11), "a GitHub App installation token" },
        { SyntheticTokens.Npm(), "an npm access token" },
        { SyntheticTokens.AwsAccessKeyId(), "an AWS access key ID" },
        { SyntheticTokens.Stripe(), "a Stripe live secret key" },
        { SyntheticTokens.GoogleApiKey(), "a Google API key" },
        { SyntheticTokens.GitLab(), "a GitLab personal access token" },
        { SyntheticTokens.Slack(), "a Slack token" },
        { SyntheticTokens.NuGet(), "a NuGet API key" },
        { SyntheticTokens.StorageConnectionString(), "an Azure storage account key" },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task Detect_TokenFormats(string token, string description)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            class C
            {
                string M() => {|#0:"{{token}}"|};
            }
            """,
            VerifyCS.Diagnostic("SCR6004").WithLocation(0).WithArguments("The string literal", description));
    }

    [Fact]
    public async Task Detect_InAttributesInterpolationsVerbatimAndRawStrings()
    {
        var pem = SyntheticTokens.PrivateKeyPem();
        var aws = SyntheticTokens.AwsAccessKeyId(seed: 21);
        await VerifyCS.VerifyAnalyzerAsync(
            $$""""
            using System.ComponentModel;
            class C
            {
                [DefaultValue({|SCR6004:"{{aws}}"|})]
                public string Key { get; set; }

                string Pem => {|SCR6004:"""
            {{pem}}
            """|};

                string Url(string bucket) => $"https://{bucket}{|SCR6004:.example.net/?key={{aws}}|}";

                string Verbatim => {|SCR6004:@"{{aws}}"|};
            }
            """");
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_DocumentedExamplesPlaceholdersAndLookalikes()
    {
        var badChecksum = SyntheticTokens.GitHubBadChecksum();
        var publicKey = SyntheticTokens.Random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 300, 31);
        var stripeTest = SyntheticTokens.Random("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 24, 32);
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System;
            class C
            {
                const string AwsDocsExample = "AKIA" + "IOSFODNN7EXAMPLE";
                string[] M() => new[]
                {
                    "AKIAIOSFODNN7EXAMPLE",
                    "AKIAXXXXXXXXXXXXXXXX",
                    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                    "ghp_" + "{{badChecksum.Substring(4)}}".Substring(0),
                    "{{badChecksum}}",
                    "sk_test_{{stripeTest}}",
                    "sk_live_1234567890abcdefghijklmn",
                    "sk_live_YOUR_SECRET_KEY_HERE_123456789",
                    "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
                    "-----BEGIN PUBLIC KEY-----\n{{publicKey}}\n-----END PUBLIC KEY-----",
                    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=abc;",
                    "UseDevelopmentStorage=true",
                    "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
                    "SGVsbG8sIFdvcmxkISBUaGlzIGlzIGp1c3QgYmFzZTY0IHRleHQu",
                    "ApiKey",
                    "Authentication:GitHub:ClientSecret",
                    "GITHUB_TOKEN",
                };
            }
            """);
    }

    [Fact]
    public void Checksum_MatchesThePublishedAlgorithm()
    {
        // CRC32 in base62, left-padded to six characters (a published test vector of the GitHub token format).
        Assert.Equal("2oIfSC", TokenFormats.Checksum("fIkRGaBu5PeKsznMzXQOg3kETH1Sgx"));
        Assert.True(TokenFormats.HasValidChecksum(SyntheticTokens.GitHub().Substring(4)));
        Assert.False(TokenFormats.HasValidChecksum(SyntheticTokens.GitHubBadChecksum().Substring(4)));
    }
}
