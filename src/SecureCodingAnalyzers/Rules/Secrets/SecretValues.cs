using System;
using System.Collections.Generic;
using SecureCodingAnalyzers.ConstantData;

namespace SecureCodingAnalyzers.Rules.Secrets;

/// <summary>
/// What the secrets rules (SCR6001-SCR6006) count as a real secret value as opposed to a placeholder, and how they
/// read connection strings. Shared by the code rules and the settings-file rule so both draw the line in one place.
/// </summary>
internal static class SecretValues
{
    /// <summary>Words that stand for "put the secret here" (compared after lower-casing and dropping non-alphanumerics).</summary>
    private static readonly HashSet<string> s_placeholderWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "pass", "passphrase", "secret", "clientsecret", "apikey", "key", "token", "accesstoken",
        "changeme", "changeit", "replaceme", "placeholder", "redacted", "hidden", "masked", "todo", "tbd", "fixme",
        "null", "none", "nil", "empty", "undefined", "notset", "notused", "unset", "default", "value",
        "example", "sample", "dummy", "fake", "test", "testing", "xxx", "secretvalue", "yoursecret", "mysecret",
        "mypassword", "yourpassword", "userpassword", "dbpassword", "adminpassword", "enterpassword", "insertpasswordhere",
        "passwordhere", "secrethere", "keyhere", "tokenhere", "yourkey", "yourapikey", "yourtoken", "yourclientsecret",
    };

    private static readonly HashSet<string> s_passwordWords = new(StringComparer.Ordinal) { "password", "passwd", "pwd", "passphrase", "pin", "passwort" };

    /// <summary>Words that make a password-named identifier about the password (its policy, label, length, key name...) rather than the password.</summary>
    private static readonly HashSet<string> s_aboutPasswordWords = new(StringComparer.Ordinal)
    {
        "policy", "hint", "label", "regex", "pattern", "rule", "rules", "requirement", "requirements", "length", "min", "max",
        "format", "message", "error", "prompt", "placeholder", "field", "name", "key", "mode", "type", "chars", "strength",
        "expiry", "expiration", "expires", "age", "changed", "count", "attempts", "required", "salt", "reset", "option",
        "options", "setting", "settings", "path", "file", "url", "uri", "id", "column", "header", "title", "caption",
        "tooltip", "description", "validator", "validation", "template", "kind", "style", "state", "history", "date",
        "status", "lifetime", "version", "scheme", "score", "complexity", "rotation", "prefix", "suffix", "mask", "masked",
        "display", "section", "variable", "env", "parameter", "param", "claim", "grant", "flow", "provider", "store",
        "algorithm", "algo", "hasher", "encoding", "method", "code", "codes", "result", "errors", "invalid", "incorrect",
        "wrong", "mismatch", "mismatched", "short", "weak", "expired", "missing", "too", "reused", "lifespan",
    };

    /// <summary>The last segment of a configuration key or environment variable that names a secret (<c>Smtp:Password</c>, <c>SMTP_PASSWORD</c>).</summary>
    private static readonly HashSet<string> s_secretSettingWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "key", "apikey", "token", "clientsecret", "connectionstring", "credential", "credentials",
    };

    /// <summary>
    /// True when <paramref name="value"/> (known text; may contain <see cref="ConstantString.Hole"/>) is not a usable
    /// secret: empty or white space, not constant, a template or substitution token (<c>{0}</c>, <c>${X}</c>,
    /// <c>$(X)</c>, <c>#{X}#</c>, <c>__X__</c>, <c>%X%</c>, <c>&lt;password&gt;</c>, <c>[password]</c>), one character
    /// repeated (<c>****</c>, <c>xxxx</c>), a "your...", "my..." or "enter..." text, a placeholder word such as
    /// <c>password</c>, <c>changeme</c>, <c>secret</c> or <c>TODO</c>, or the name of a setting (<see cref="NamesASetting"/>).
    /// </summary>
    public static bool IsPlaceholder(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed.IndexOf(ConstantString.Hole) >= 0)
        {
            return true;
        }

        if (HasTemplateToken(trimmed) || IsRepeated(trimmed) || NamesASetting(trimmed))
        {
            return true;
        }

        var letters = new System.Text.StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }

        var word = letters.ToString();
        return word.Length == 0
               || s_placeholderWords.Contains(word)
               || word.StartsWith("your", StringComparison.Ordinal)
               || word.StartsWith("enter", StringComparison.Ordinal)
               || word.StartsWith("insert", StringComparison.Ordinal)
               || word.StartsWith("replace", StringComparison.Ordinal)
               || word.StartsWith("changeme", StringComparison.Ordinal)
               || word.StartsWith("placeholder", StringComparison.Ordinal)
               || word.StartsWith("redacted", StringComparison.Ordinal);
    }

    /// <summary>
    /// The password of a connection string (keys <c>Password</c> or <c>Pwd</c>, ignoring case), read as
    /// <c>DbConnectionStringBuilder</c> reads it: <c>key=value</c> pairs separated by <c>;</c>, values optionally in
    /// single or double quotes with doubled quotes inside, the last occurrence of a key winning. Null when there is
    /// none, when the connection uses integrated or managed-identity authentication (<c>Integrated Security=true</c>/<c>SSPI</c>,
    /// <c>Trusted_Connection=yes</c>, <c>Authentication=Active Directory Managed Identity</c>/<c>Default</c>/<c>Integrated</c>/<c>Interactive</c>/<c>MSI</c>),
    /// or when it is a placeholder (see <see cref="IsPlaceholder"/>).
    /// </summary>
    public static string? ConnectionStringPassword(string connectionString)
    {
        string? password = null;
        var integrated = false;
        // StackExchange.Redis configuration strings separate options with ',' ("host:6380,password=...,ssl=True").
        var pairs = connectionString.IndexOf(';') < 0 && connectionString.IndexOf(',') >= 0
            ? ConnectionStringPairs(connectionString.Replace(',', ';'))
            : ConnectionStringPairs(connectionString);
        foreach (var (key, value) in pairs)
        {
            var normalized = key.Replace(" ", string.Empty).Replace("_", string.Empty).ToLowerInvariant();
            switch (normalized)
            {
                case "password" or "pwd":
                    password = value;
                    break;
                case "integratedsecurity" or "trustedconnection":
                    integrated = value.Trim().ToLowerInvariant() is "true" or "yes" or "sspi";
                    break;
                case "authentication":
                    var mode = value.Trim().ToLowerInvariant();
                    integrated = mode.Contains("managed") || mode.Contains("msi") || mode.Contains("integrated")
                                 || mode.Contains("default") || mode.Contains("interactive") || mode.Contains("workload");
                    break;
            }
        }

        return password is null || integrated || IsPlaceholder(password) ? null : password;
    }

    /// <summary>The <c>key=value</c> pairs of a connection string (keys trimmed, values unquoted).</summary>
    public static IEnumerable<(string Key, string Value)> ConnectionStringPairs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ';' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var keyStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ';')
            {
                i++;
            }

            if (i >= text.Length || text[i] == ';')
            {
                continue;
            }

            var key = text.Substring(keyStart, i - keyStart).Trim();
            i++;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            string value;
            if (i < text.Length && (text[i] == '"' || text[i] == '\''))
            {
                var quote = text[i++];
                var builder = new System.Text.StringBuilder();
                while (i < text.Length)
                {
                    if (text[i] == quote)
                    {
                        if (i + 1 < text.Length && text[i + 1] == quote)
                        {
                            builder.Append(quote);
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    builder.Append(text[i++]);
                }

                value = builder.ToString();
                while (i < text.Length && text[i] != ';')
                {
                    i++;
                }
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ';')
                {
                    i++;
                }

                value = text.Substring(valueStart, i - valueStart).Trim();
            }

            if (key.Length > 0)
            {
                yield return (key, value);
            }
        }
    }

    /// <summary>
    /// True when an identifier names a password: one of its words (split at camel case, digits, <c>_</c>, <c>-</c>,
    /// <c>.</c> and <c>:</c>) is <c>password</c>, <c>passwd</c>, <c>pwd</c>, <c>passphrase</c> or <c>pin</c> (or the name
    /// contains <c>password</c>/<c>passphrase</c> as in <c>adminpassword</c>), and no word says it is about the
    /// password rather than the password itself (<c>PasswordPolicy</c>, <c>PasswordHint</c>, <c>PasswordLength</c>,
    /// <c>PasswordKey</c>...).
    /// </summary>
    public static bool IsPasswordName(string name)
    {
        // Every password word contains "pass", "pwd" or "pin": most names have none, and need no splitting.
        if (!ContainsLowered(name, "pass") && !ContainsLowered(name, "pwd") && !ContainsLowered(name, "pin"))
        {
            return false;
        }

        var isPassword = false;
        foreach (var word in Words(name))
        {
            if (s_passwordWords.Contains(word) || (word.Length > 8 && (word.Contains("password") || word.Contains("passphrase"))))
            {
                isPassword = true;
            }
            else if (s_aboutPasswordWords.Contains(word))
            {
                return false;
            }
        }

        return isPassword;
    }

    /// <summary>True when <paramref name="name"/>, each character lower-cased as <see cref="Words"/> does, contains <paramref name="lowered"/> (lower-case letters).</summary>
    private static bool ContainsLowered(string name, string lowered)
    {
        for (var i = 0; i + lowered.Length <= name.Length; i++)
        {
            var k = 0;
            while (k < lowered.Length && char.ToLowerInvariant(name[i + k]) == lowered[k])
            {
                k++;
            }

            if (k == lowered.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower-cased words of an identifier or configuration key (the splitter of the secret-name heuristics).</summary>
    public static List<string> Words(string name) => Cryptography.SecuritySensitiveNames.Words(name);

    /// <summary>
    /// The name of a setting rather than its value: a configuration key (<c>Smtp:Password</c>, <c>Admin.Password</c>),
    /// an environment variable (<c>SMTP_PASSWORD</c>) or a kebab-case secret name (<c>db-password</c>), whose last
    /// segment is a secret word.
    /// </summary>
    internal static bool NamesASetting(string value)
    {
        if (value.Length > 128)
        {
            return false;
        }

        bool colonOrDot = false, underscore = false, dash = false, upper = false, lower = false;
        foreach (var c in value)
        {
            switch (c)
            {
                case ':' or '.':
                    colonOrDot = true;
                    break;
                case '_':
                    underscore = true;
                    break;
                case '-':
                    dash = true;
                    break;
                default:
                    if (c > 127 || !char.IsLetterOrDigit(c))
                    {
                        return false;
                    }

                    upper |= char.IsUpper(c);
                    lower |= char.IsLower(c);
                    break;
            }
        }

        var shaped = colonOrDot || (underscore && !lower && !dash) || (dash && !upper && !underscore);
        if (!shaped)
        {
            return false;
        }

        var segments = value.Split(':', '.', '_', '-');
        var last = segments[segments.Length - 1].ToLowerInvariant();
        return segments.Length >= 2 && segments[0].Length > 0 && s_secretSettingWords.Contains(last);
    }

    /// <summary>
    /// True when an identifier names a PIN and nothing else that is a password (<c>pin</c>, <c>adminPin</c>): a PIN is
    /// numeric, and a pin compared with a non-numeric constant is a device pin (<c>pin == "A0"</c>).
    /// </summary>
    public static bool IsPinOnlyName(string name)
    {
        var pin = false;
        foreach (var word in Words(name))
        {
            if (word == "pin")
            {
                pin = true;
            }
            else if (s_passwordWords.Contains(word) || word.Contains("password") || word.Contains("passphrase"))
            {
                return false;
            }
        }

        return pin;
    }

    private static bool IsRepeated(string value)
    {
        foreach (var c in value)
        {
            if (c != value[0])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A substitution token a deployment or templating tool replaces: <c>{0}</c>, <c>{name}</c>, <c>${X}</c>, <c>$(X)</c>, <c>#{X}#</c>, <c>__X__</c>, <c>%X%</c>, <c>&lt;X&gt;</c>, <c>[X]</c>, <c>{{X}}</c>, <c>@@X@@</c>.</summary>
    private static bool HasTemplateToken(string value)
    {
        if ((value.StartsWith("<", StringComparison.Ordinal) && value.EndsWith(">", StringComparison.Ordinal))
            || (value.StartsWith("[", StringComparison.Ordinal) && value.EndsWith("]", StringComparison.Ordinal))
            || (value.StartsWith("__", StringComparison.Ordinal) && value.EndsWith("__", StringComparison.Ordinal) && value.Length > 4)
            || (value.StartsWith("%", StringComparison.Ordinal) && value.EndsWith("%", StringComparison.Ordinal) && value.Length > 2)
            || (value.StartsWith("@@", StringComparison.Ordinal) && value.EndsWith("@@", StringComparison.Ordinal) && value.Length > 4)
            || (value.StartsWith("{", StringComparison.Ordinal) && value.EndsWith("}", StringComparison.Ordinal)))
        {
            return true;
        }

        return value.IndexOf("${", StringComparison.Ordinal) >= 0
               || value.IndexOf("$(", StringComparison.Ordinal) >= 0
               || value.IndexOf("#{", StringComparison.Ordinal) >= 0
               || value.IndexOf("{{", StringComparison.Ordinal) >= 0;
    }
}
