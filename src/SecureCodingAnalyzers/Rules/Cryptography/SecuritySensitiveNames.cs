using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// The naming heuristic of SCR1010: does an identifier name a secret (token, password, key, salt, nonce...)?
/// Identifiers are split into lower-case words at underscores, digits and case changes
/// (<c>APIKey</c> → api, key; <c>sessionID</c> → session, id; <c>rgbIV</c> → rgb, iv), dropping a trailing
/// <c>Async</c> and everything from a preposition on (<c>GeneratePasswordForUser</c> → generate, password).
/// As in English compounds, the last word says what the value is: a secret word counts only at the end or when
/// followed by words for its form (<c>saltBytes</c>, <c>nonceStr</c>), so <c>secretNumber</c>, <c>nonceCounter</c>
/// and <c>tokenEndpoint</c> are not secrets. Documented on rules/SCR1010.md; change both together.
/// </summary>
internal static class SecuritySensitiveNames
{
    /// <summary>What a name says about the value it holds.</summary>
    internal enum NameKind
    {
        /// <summary>Not a secret (including counts, lengths and delays of secrets: <c>passwordLength</c>).</summary>
        None,

        /// <summary>A secret of any representation: <c>token</c>, <c>password</c>, <c>apiKey</c>, <c>otpCode</c>.</summary>
        Secret,

        /// <summary>The bare word key (<c>key</c>, <c>keyBytes</c>, <c>GenerateKey</c>): a secret only when it holds bytes.</summary>
        BareKey,
    }

    /// <summary>Words that name a secret wherever they appear (singular and plural).</summary>
    private static readonly ImmutableHashSet<string> SecretWords = ImmutableHashSet.Create(
        "token", "tokens", "password", "passwords", "passwd", "pwd", "passphrase", "passcode", "secret", "secrets",
        "salt", "salts", "nonce", "nonces", "otp", "otps", "totp", "hotp", "iv", "ivs", "csrf", "xsrf",
        // Compounds written as one lower-case word.
        "apikey", "apikeys", "sessionid", "sessionkey", "sessiontoken", "accesstoken", "refreshtoken", "authtoken",
        "secretkey", "privatekey", "csrftoken", "xsrftoken");

    /// <summary>Words that make a following <c>key</c> a secret key (<c>apiKey</c>, <c>signingKey</c>).</summary>
    private static readonly ImmutableHashSet<string> KeyQualifiers = ImmutableHashSet.Create(
        "api", "secret", "private", "encryption", "encrypt", "decryption", "signing", "crypto", "cipher", "aes", "hmac", "mac",
        "access", "auth", "session", "master", "symmetric", "jwt");

    /// <summary>Words that make a following <c>code</c> a one-time secret (<c>verificationCode</c>, <c>resetCode</c>).</summary>
    private static readonly ImmutableHashSet<string> CodeQualifiers = ImmutableHashSet.Create(
        "verification", "confirmation", "reset", "recovery", "activation", "auth", "authentication", "mfa", "sms", "login",
        "security", "factor", "access");

    /// <summary>Words that may accompany a bare <c>key</c> without changing its meaning (<c>newKey</c>, <c>keyBytes</c>).</summary>
    private static readonly ImmutableHashSet<string> KeyNeutralWords = ImmutableHashSet.Create(
        "get", "generate", "gen", "create", "new", "make", "next", "random", "rand", "rnd", "raw", "bytes", "data", "material",
        "buffer", "buf", "value", "the", "my", "temp", "tmp", "init", "initial");

    /// <summary>
    /// Last words that make the name about a property of the secret, not the secret itself
    /// (<c>passwordLength</c>, <c>tokenCount</c>, <c>keyIndex</c>, <c>tokenRefreshDelay</c>, <c>secretName</c>).
    /// <c>id</c> is one of them unless it follows <c>session</c>.
    /// </summary>
    private static readonly ImmutableHashSet<string> NonSecretLastWords = ImmutableHashSet.Create(
        "length", "len", "count", "counts", "cnt", "index", "indices", "idx", "size", "sizes", "delay", "delays", "timeout",
        "timeouts", "attempts", "attempt", "retries", "retry", "interval", "expiry", "expiration", "expires", "lifetime", "ttl",
        "age", "offset", "position", "pos", "rounds", "iterations", "iteration", "bits", "strength", "type", "kind", "version",
        "policy", "name", "names", "hint", "label", "header", "field", "column", "url", "uri", "path", "file", "format",
        "provider", "jitter", "backoff", "wait", "sleep", "ms", "millis", "milliseconds", "seconds", "second", "minutes", "minute",
        "hours", "hour", "days", "duration", "limit", "min", "max", "threshold", "budget", "weight", "score", "rate", "ratio",
        "percent", "probability", "chance", "seed", "id", "ids", "identifier");

    /// <summary>
    /// Words that may follow a secret word because they name its form, not another thing
    /// (<c>saltBytes</c>, <c>tokenValue</c>, <c>nonceStr</c>, <c>otpCode</c>, <c>passwordChars</c>, <c>tokenBuilder</c>).
    /// </summary>
    private static readonly ImmutableHashSet<string> FormWords = ImmutableHashSet.Create(
        "value", "values", "bytes", "data", "string", "str", "text", "hex", "base", "raw", "buffer", "buf", "material",
        "chars", "array", "code", "codes", "digits", "builder", "sb", "plain", "encoded");

    /// <summary>Prepositions that start a phrase about something else (<c>GenerateTokenForUser</c>, <c>lengthOfPassword</c>).</summary>
    private static readonly ImmutableHashSet<string> Prepositions = ImmutableHashSet.Create(
        "for", "with", "from", "of", "by", "to");

    /// <summary>Method names that only say "make one" (<c>Generate</c>, <c>Create</c>, <c>Next</c>): the class says what.</summary>
    private static readonly ImmutableHashSet<string> Verbs = ImmutableHashSet.Create(
        "generate", "gen", "create", "new", "next", "get", "make", "build", "issue", "produce", "random", "rand");

    /// <summary>Last words of a class name that name its role, not what it makes (<c>PasswordGenerator</c>, <c>OtpService</c>).</summary>
    private static readonly ImmutableHashSet<string> RoleWords = ImmutableHashSet.Create(
        "generator", "factory", "service", "provider", "builder", "helper", "helpers", "util", "utils", "utility",
        "utilities", "manager", "creator", "maker", "issuer", "source");

    /// <summary>First words that make the name a quantity (<c>maxTokens</c>, <c>numTokens</c>).</summary>
    private static readonly ImmutableHashSet<string> QuantityFirstWords = ImmutableHashSet.Create(
        "max", "min", "num", "number", "total", "avg", "n");

    /// <summary>Classifies an identifier (local, field, property, parameter or method name).</summary>
    public static NameKind Classify(string identifier) => Classify(identifier, holdsOneNumber: false);

    /// <summary>
    /// Classifies an identifier. <paramref name="holdsOneNumber"/>: the value is a single integer, so a plural
    /// (<c>promptTokens</c>, <c>availableTokens</c>) counts secrets instead of being one.
    /// </summary>
    public static NameKind Classify(string identifier, bool holdsOneNumber)
    {
        var words = Split(identifier);
        if (words.Count == 0 || IsAboutTheSecret(words))
        {
            return NameKind.None;
        }

        var hasKey = false;
        var keyOnlyWithNeutralWords = true;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var previous = i > 0 ? words[i - 1] : null;

            // The index of the last word of a secret that starts or ends here, or -1.
            var end = -1;
            if (SecretWords.Contains(word))
            {
                // CancellationToken parameters and locals are everywhere.
                if (word is "token" or "tokens" && previous == "cancellation")
                {
                    keyOnlyWithNeutralWords = false;
                    continue;
                }

                end = i;
            }
            else if (word == "session" && i + 1 < words.Count && words[i + 1] is "id" or "ids")
            {
                end = i + 1;
            }
            else if (word is "code" or "codes" && previous is not null && CodeQualifiers.Contains(previous))
            {
                end = i;
            }
            else if (word is "key" or "keys" && previous is not null && KeyQualifiers.Contains(previous))
            {
                end = i;
            }

            if (end >= 0)
            {
                if (IsHead(words, end))
                {
                    return holdsOneNumber && words[end].EndsWith("s", StringComparison.Ordinal) ? NameKind.None : NameKind.Secret;
                }

                // secretNumber, nonceCounter, passwordResetCode: the secret word qualifies another word; read on.
                keyOnlyWithNeutralWords = false;
                continue;
            }

            if (word is "key" or "keys")
            {
                hasKey = true;
            }
            else if (!KeyNeutralWords.Contains(word))
            {
                keyOnlyWithNeutralWords = false;
            }
        }

        return hasKey && keyOnlyWithNeutralWords ? NameKind.BareKey : NameKind.None;
    }

    /// <summary>
    /// What a method named only by a verb makes, read from its class: <c>PasswordGenerator.Generate</c> → password,
    /// <c>OtpService.Create</c> → otp (a trailing role word is dropped). Null when the method name says more.
    /// </summary>
    public static string? SubjectOfVerbMethod(string methodName, string typeName)
    {
        var verb = Split(methodName);
        if (verb.Count == 0)
        {
            return null;
        }

        foreach (var word in verb)
        {
            if (!Verbs.Contains(word))
            {
                return null;
            }
        }

        var words = Split(typeName);
        if (words.Count > 1 && RoleWords.Contains(words[words.Count - 1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join("_", words);
    }

    /// <summary>True when only words for the form of the value follow <paramref name="end"/>.</summary>
    private static bool IsHead(List<string> words, int end)
    {
        for (var j = end + 1; j < words.Count; j++)
        {
            if (!FormWords.Contains(words[j]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True for a parameter or property of a System.Security.Cryptography API that takes secret input
    /// (<c>key</c>, <c>rgbKey</c>, <c>iv</c>, <c>rgbIV</c>, <c>nonce</c>, <c>salt</c>, <c>password</c>, <c>ikm</c>, <c>prk</c>,
    /// <c>Key</c>, <c>IV</c>).
    /// Any word key counts here: in a crypto API a key is a key (<c>KeySize</c> and <c>keyName</c> are excluded as above).
    /// </summary>
    public static bool IsCryptoInput(string name)
    {
        var words = Split(name);
        if (words.Count == 0 || IsAboutTheSecret(words))
        {
            return false;
        }

        for (var i = 0; i < words.Count; i++)
        {
            // ikm/prk: HKDF's input and pseudo-random keys.
            if (SecretWords.Contains(words[i]) || words[i] is "key" or "keys" or "ikm" or "prk"
                || (words[i] == "session" && i + 1 < words.Count && words[i + 1] == "id"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Splits an identifier into lower-case words, then drops a trailing <c>Async</c> and everything from a
    /// preposition on (see the class summary).
    /// </summary>
    internal static List<string> Split(string identifier)
    {
        var words = Words(identifier);

        // GenerateTokenAsync is GenerateToken; GetPasswordLengthAsync is GetPasswordLength.
        if (words.Count > 1 && words[words.Count - 1] == "async")
        {
            words.RemoveAt(words.Count - 1);
        }

        // GeneratePasswordForUser is GeneratePassword; lengthOfPassword is length.
        for (var i = 1; i < words.Count; i++)
        {
            if (Prepositions.Contains(words[i]))
            {
                words.RemoveRange(i, words.Count - i);
                break;
            }
        }

        return words;
    }

    /// <summary>
    /// The lower-case words of an identifier or configuration key: split at every character that is not a letter and
    /// at case changes (<c>APIKey</c> is api, key; <c>sessionID</c> is session, id). The one splitter of the
    /// secret-name heuristics (SCR1010 here, the secrets rules through <c>SecretValues.Words</c>).
    /// </summary>
    internal static List<string> Words(string identifier)
    {
        var words = new List<string>(4);
        var current = new StringBuilder(identifier.Length);
        for (var i = 0; i < identifier.Length; i++)
        {
            var c = identifier[i];
            if (!char.IsLetter(c))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0 && char.IsUpper(c))
            {
                var previous = identifier[i - 1];
                var nextIsLower = i + 1 < identifier.Length && char.IsLower(identifier[i + 1]);
                if (char.IsLower(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    Flush(words, current);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(words, current);
        return words;
    }

    private static bool IsAboutTheSecret(List<string> words)
    {
        var last = words[words.Count - 1];
        var sessionId = last is "id" or "ids" && words.Count >= 2 && words[words.Count - 2] == "session";
        return (!sessionId && NonSecretLastWords.Contains(last))
               || (words.Count > 1 && QuantityFirstWords.Contains(words[0]))
               || words.Contains("per");
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}
