using System;
using System.Text;
using SecureCodingAnalyzers.Rules.Secrets;

namespace SecureCodingAnalyzers.Tests.Rules.Secrets;

/// <summary>
/// Tokens in the published formats, generated at test time from a fixed seed so that no token-shaped text is ever
/// committed (repository secret scanning would block it, and rightly). They are random, not real credentials.
/// </summary>
internal static class SyntheticTokens
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>A GitHub token with a valid checksum (prefix letter p, o, u, s or r).</summary>
    public static string GitHub(char kind = 'p', int seed = 1)
    {
        var random = Random(Base62, 30, seed);
        return "gh" + kind + "_" + random + TokenFormats.Checksum(random);
    }

    /// <summary>A GitHub-shaped token whose checksum does not match.</summary>
    public static string GitHubBadChecksum(int seed = 1)
    {
        var random = Random(Base62, 30, seed);
        var checksum = TokenFormats.Checksum(random);
        return "gh" + "p_" + random + (checksum[0] == 'A' ? "B" : "A") + checksum.Substring(1);
    }

    public static string Npm(int seed = 2)
    {
        var random = Random(Base62, 30, seed);
        return "np" + "m_" + random + TokenFormats.Checksum(random);
    }

    public static string AwsAccessKeyId(int seed = 3) => "AK" + "IA" + Random(Base32, 16, seed);

    public static string Stripe(int seed = 4) => "sk" + "_live_" + Random(Base62, 24, seed);

    public static string GoogleApiKey(int seed = 5) => "AI" + "za" + Random(Base62, 35, seed);

    public static string GitLab(int seed = 6) => "gl" + "pat-" + Random(Base62, 20, seed);

    public static string Slack(int seed = 7) => "xo" + "xb-" + Random("0123456789", 12, seed) + "-" + Random("0123456789", 12, seed + 1) + "-" + Random(Base62, 24, seed + 2);

    public static string NuGet(int seed = 8) => "oy" + "2" + Random("abcdefghijklmnopqrstuvwxyz0123456789", 43, seed);

    public static string StorageConnectionString(int seed = 9)
        => "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=" + Random(Base64, 86, seed) + "==;EndpointSuffix=core.windows.net";

    public static string PrivateKeyPem(int seed = 10)
    {
        var body = new StringBuilder();
        var text = Random(Base64, 256, seed);
        for (var i = 0; i < text.Length; i += 64)
        {
            body.Append(text, i, 64).Append('\n');
        }

        return "-----BEGIN " + "PRIVATE KEY-----\n" + body + "-----END " + "PRIVATE KEY-----";
    }

    public static string Random(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }
}
