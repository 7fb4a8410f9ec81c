using System;
using System.Text;
using System.Text.RegularExpressions;

namespace SecureCodingAnalyzers.Rules.Secrets;

/// <summary>
/// Recognizes access tokens and private keys by their published formats (SCR6004 in code, SCR6006 in settings
/// files). Each format is a prefix with a fixed alphabet and length; where the format has a checksum it is verified
/// (GitHub and npm tokens end in a CRC32 of their random part), elsewhere the random part must look random (Shannon
/// entropy, no run of six repeated or consecutive characters) and must not say it is an example (<c>EXAMPLE</c>,
/// <c>SAMPLE</c>, <c>DUMMY</c>, <c>FAKE</c>, <c>TEST</c>, <c>XXXX</c>). JSON Web Tokens are not reported: they expire,
/// and test suites are full of them.
/// </summary>
internal static class TokenFormats
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMilliseconds(200);

    private static readonly Format[] s_formats =
    {
        new("AKIA", @"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)(?<r>[A-Z2-7]{16})(?![A-Za-z0-9])", Check.Entropy, "an AWS access key ID"),
        new("gh", @"(?<![A-Za-z0-9_])gh(?<kind>[pousr])_(?<r>[A-Za-z0-9]{36})(?![A-Za-z0-9])", Check.Crc32, "a GitHub token"),
        new("github_pat_", @"(?<![A-Za-z0-9_])github_pat_(?<r>[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9])", Check.Entropy, "a GitHub fine-grained personal access token"),
        new("glpat-", @"(?<![A-Za-z0-9_])glpat-(?<r>[A-Za-z0-9_\-]{20,})", Check.Entropy, "a GitLab personal access token"),
        new("xox", @"(?<![A-Za-z0-9])xox[abposr]-(?<r>[0-9]{6,}-[A-Za-z0-9\-]{10,})", Check.Entropy, "a Slack token"),
        new("_live_", @"(?<![A-Za-z0-9])(?:sk|rk)_live_(?<r>[A-Za-z0-9]{24,})", Check.Entropy, "a Stripe live secret key"),
        new("AIza", @"(?<![A-Za-z0-9])AIza(?<r>[A-Za-z0-9_\-]{35})(?![A-Za-z0-9_\-])", Check.Entropy, "a Google API key"),
        new("npm_", @"(?<![A-Za-z0-9_])npm_(?<r>[A-Za-z0-9]{36})(?![A-Za-z0-9])", Check.Crc32, "an npm access token"),
        new("oy2", @"(?<![A-Za-z0-9])oy2(?<r>[a-z0-9]{43})(?![A-Za-z0-9])", Check.Entropy, "a NuGet API key"),
        new("AccountKey=", @"AccountKey\s*=\s*(?<r>[A-Za-z0-9+/]{86}==)", Check.StorageKey, "an Azure storage account key"),
        new("SharedAccessKey=", @"SharedAccessKey\s*=\s*(?<r>[A-Za-z0-9+/]{42,43}=)", Check.Entropy, "an Azure shared access key"),
        new("sig=", @"[?&;]sig=(?<r>[A-Za-z0-9%+/]{40,}(?:%3D|=)?)", Check.SharedAccessSignature, "an Azure shared access signature"),
        new("PRIVATE KEY", @"-----BEGIN (?<kind>(?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?)PRIVATE KEY(?: BLOCK)?-----(?<r>[\sA-Za-z0-9+/=:,\-]*?)(?:-----END|$)", Check.PemBody, "a private key"),
    };

    /// <summary>The first token in <paramref name="text"/>: its description (never the token) and span; null when there is none.</summary>
    public static TokenMatch? Find(string text)
    {
        if (text.Length < 20)
        {
            return null;
        }

        foreach (var format in s_formats)
        {
            if (text.IndexOf(format.Marker, StringComparison.Ordinal) < 0)
            {
                continue;
            }

            try
            {
                for (var match = format.Regex.Match(text); match.Success; match = match.NextMatch())
                {
                    if (Accept(format, match, text) is { } description)
                    {
                        return new TokenMatch(description, match.Index, match.Length);
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Pathological input: no finding rather than a stalled build.
            }
        }

        return null;
    }

    private static string? Accept(Format format, Match match, string text)
    {
        var random = match.Groups["r"].Value;
        if (format.Check != Check.PemBody && LooksFake(match.Value))
        {
            return null;
        }

        switch (format.Check)
        {
            case Check.Crc32:
                if (!HasValidChecksum(random))
                {
                    return null;
                }

                return format.Marker == "gh"
                    ? match.Groups["kind"].Value switch
                    {
                        "p" => "a GitHub personal access token",
                        "o" => "a GitHub OAuth access token",
                        "u" => "a GitHub App user-to-server token",
                        "s" => "a GitHub App installation token",
                        _ => "a GitHub refresh token",
                    }
                    : format.Description;

            case Check.StorageKey:
                // The storage emulator's well-known key is published in the documentation.
                return random.StartsWith("Eby8vdM02xNOcqFlqUwJ", StringComparison.Ordinal)
                       || text.IndexOf("devstoreaccount1", StringComparison.OrdinalIgnoreCase) >= 0
                       || !LooksRandom(random)
                    ? null
                    : format.Description;

            case Check.SharedAccessSignature:
                return text.IndexOf("sv=", StringComparison.Ordinal) >= 0 && LooksRandom(random) ? format.Description : null;

            case Check.PemBody:
                var body = new StringBuilder();
                foreach (var line in random.Split('\n'))
                {
                    var trimmed = line.Trim();
                    if (trimmed.IndexOf(':') < 0)
                    {
                        body.Append(trimmed.Replace(" ", string.Empty));
                    }
                }

                var content = body.ToString().TrimEnd('=');
                return content.Length >= 64 && Entropy(content) >= 4.5
                    ? match.Groups["kind"].Value == "ENCRYPTED " ? "an encrypted private key" : format.Description
                    : null;

            default:
                return LooksRandom(random) ? format.Description : null;
        }
    }

    /// <summary>
    /// GitHub and npm tokens: 30 random base62 characters, then the CRC32 of those characters in base62, left-padded
    /// with '0' to 6 characters.
    /// </summary>
    internal static bool HasValidChecksum(string random)
        => random.Length == 36 && string.Equals(Checksum(random.Substring(0, 30)), random.Substring(30), StringComparison.Ordinal);

    /// <summary>The base62 CRC32 of <paramref name="text"/>, left-padded with '0' to 6 characters.</summary>
    internal static string Checksum(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc ^= (byte)c;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        var value = crc ^ 0xFFFFFFFFu;
        var builder = new StringBuilder();
        while (value > 0)
        {
            builder.Insert(0, Base62[(int)(value % 62)]);
            value /= 62;
        }

        return builder.ToString().PadLeft(6, '0');
    }

    private static bool LooksRandom(string random)
        => random.Length >= 16 && Entropy(random) >= 3.0 && !LooksFake(random);

    /// <summary>Says it is an example, or has a run of six repeated or consecutive characters (<c>xxxxxx</c>, <c>123456</c>, <c>abcdef</c>).</summary>
    private static bool LooksFake(string value)
    {
        foreach (var word in new[] { "EXAMPLE", "SAMPLE", "DUMMY", "FAKE", "TEST", "XXXX", "PLACEHOLDER", "REDACTED", "YOUR" })
        {
            if (value.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        int repeated = 1, ascending = 1, descending = 1;
        for (var i = 1; i < value.Length; i++)
        {
            repeated = value[i] == value[i - 1] ? repeated + 1 : 1;
            ascending = value[i] == value[i - 1] + 1 ? ascending + 1 : 1;
            descending = value[i] == value[i - 1] - 1 ? descending + 1 : 1;
            if (repeated >= 6 || ascending >= 6 || descending >= 6)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    internal static double Entropy(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        var counts = new System.Collections.Generic.Dictionary<char, int>();
        foreach (var c in value)
        {
            counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var p = (double)count / value.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }

    private enum Check
    {
        Entropy,
        Crc32,
        StorageKey,
        SharedAccessSignature,
        PemBody,
    }

    private sealed class Format
    {
        public Format(string marker, string pattern, Check check, string description)
        {
            Marker = marker;
            Regex = new Regex(pattern, RegexOptions.CultureInvariant, s_timeout);
            Check = check;
            Description = description;
        }

        public string Marker { get; }

        public Regex Regex { get; }

        public Check Check { get; }

        public string Description { get; }
    }
}

/// <summary>A token found by <see cref="TokenFormats.Find"/>: what it is and where it is in the text.</summary>
internal sealed class TokenMatch
{
    public TokenMatch(string description, int start, int length)
    {
        Description = description;
        Start = start;
        Length = length;
    }

    /// <summary>A noun phrase for messages (<c>a GitHub personal access token</c>); never the token.</summary>
    public string Description { get; }

    /// <summary>Where the token starts in the text.</summary>
    public int Start { get; }

    /// <summary>The token's length.</summary>
    public int Length { get; }
}
