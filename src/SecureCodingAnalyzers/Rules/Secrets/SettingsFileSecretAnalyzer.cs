using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;

namespace SecureCodingAnalyzers.Rules.Secrets;

/// <summary>
/// SCR6006: secrets in appsettings files (<c>appsettings.json</c>, <c>appsettings.&lt;Environment&gt;.json</c>, passed
/// by the package's targets as <see cref="BuildFileKind.AppSettings"/>; read leniently, as the configuration provider
/// reads them). Reported on the string value:
/// <list type="bullet">
/// <item>a connection string with a non-placeholder password (<see cref="SecretValues.ConnectionStringPassword"/>),
/// whatever its key;</item>
/// <item>a token or private key in a recognizable format (<see cref="TokenFormats"/>, shared with SCR6004), whatever
/// its key;</item>
/// <item>a URL with a non-placeholder <c>user:password@</c>, whatever its key;</item>
/// <item>the value of a secret-named key (<see cref="IsSecretKey"/>: <c>Password</c>, <c>ClientSecret</c>,
/// <c>ApiKey</c>, <c>AccessKey</c>, <c>Token</c>, <c>PrivateKey</c>..., or a bare <c>Key</c> in a token or signing
/// section; not for array items, which are judged by format only) that is not a placeholder
/// (<see cref="SecretValues.IsPlaceholder"/>), a number, a boolean, a URL without credentials or an Azure Key Vault
/// reference (<c>@Microsoft.KeyVault(...)</c>).</item>
/// </list>
/// Development settings files are checked too: they are committed and, unless excluded, published. A malformed file is
/// reported once by SCR5000 and skipped here. The message names the key and what it holds, never the value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SettingsFileSecretAnalyzer : DiagnosticAnalyzer
{
    private static readonly DerivedKey<ImmutableArray<Finding>> s_findings = new("SCR6006 findings");

    private static readonly HashSet<string> s_secretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "passphrase", "secret", "secrets", "token", "credential", "credentials",
    };

    /// <summary>Words that make a secret-sounding key about the secret (its endpoint, lifetime, name...) rather than the secret.</summary>
    private static readonly HashSet<string> s_aboutWords = new(StringComparer.Ordinal)
    {
        "url", "uri", "endpoint", "endpoints", "lifetime", "expiration", "expiry", "expires", "timeout", "duration", "type", "types",
        "name", "names", "id", "ids", "path", "file", "issuer", "issuers", "audience", "audiences", "header", "location", "enabled",
        "length", "validation", "validate", "provider", "store", "format", "policy", "hint", "label", "pattern", "regex", "required",
        "min", "max", "mode", "kind", "version", "cookie", "query", "parameter", "claim", "claims", "scheme", "address", "host",
        "port", "prefix", "suffix", "vault", "reference", "thumbprint", "store", "source", "use", "uses", "refresh", "interval", "count",
        "size", "algorithm", "options", "settings", "section", "variable", "env", "environment", "rotation", "age",
        "lifespan", "span",
    };

    /// <summary>Section names under which a bare <c>Key</c> is a signing or API key: <c>"Jwt": { "Key": ... }</c>.</summary>
    private static readonly HashSet<string> s_keySectionWords = new(StringComparer.Ordinal)
    {
        "jwt", "jwts", "token", "tokens", "signing", "security", "encryption", "hmac", "auth", "authentication", "api", "crypto", "aes",
    };

    private static readonly HashSet<string> s_keyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "private", "signing", "secret", "shared", "encryption", "account", "master", "subscription", "client",
        "app", "application", "auth", "primary", "secondary", "storage", "license", "consumer",
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.SecretInSettingsFile);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (build.First(BuildFileKind.AppSettings) is null)
            {
                return;
            }

            start.RegisterAdditionalFileAction(c =>
            {
                if (build.ReportableFile(c.AdditionalFile) is not { Kind: BuildFileKind.AppSettings } file)
                {
                    return;
                }

                foreach (var finding in file.Derived(s_findings, Findings))
                {
                    c.ReportDiagnostic(Diagnostic.Create(
                        Catalog.Rules.SecretInSettingsFile,
                        file.LocationOf(finding.Span),
                        "'" + finding.Key + "' in " + file.FileName,
                        finding.What));
                }
            });
        });
    }

    /// <summary>
    /// True when the last segment of a configuration key names a secret: one of its words is a secret word
    /// (<c>password</c>, <c>secret</c>, <c>token</c>, <c>credential</c>...) or <c>key</c> after a qualifier
    /// (<c>ApiKey</c>, <c>AccessKey</c>, <c>PrivateKey</c>, <c>SigningKey</c>...), and no word makes it about the
    /// secret (<c>TokenEndpoint</c>, <c>SecretName</c>, <c>PasswordPolicy</c>, <c>ApiKeyHeader</c>).
    /// </summary>
    internal static bool IsSecretKey(string name)
    {
        var words = SecretValues.Words(name);
        var secret = false;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (s_aboutWords.Contains(word))
            {
                return false;
            }

            if (s_secretWords.Contains(word)
                || ((word is "key" or "keys") && ((i > 0 && s_keyQualifiers.Contains(words[i - 1])) || (words.Count == 2 && i == 1 && words[0] == "api")))
                || word is "apikey" or "accesskey" or "secretkey" or "privatekey" or "clientsecret" or "connectionstring")
            {
                secret |= word != "connectionstring";
            }
        }

        return secret;
    }

    private static ImmutableArray<Finding> Findings(BuildFile file)
    {
        var root = file.Json.Root;
        if (root is null)
        {
            return ImmutableArray<Finding>.Empty;
        }

        var findings = ImmutableArray.CreateBuilder<Finding>();
        Walk(root, string.Empty, null, null, findings);
        return findings.ToImmutable();
    }

    /// <summary>
    /// Walks the file. <paramref name="name"/> is the key holding <paramref name="value"/> directly (null for array
    /// items: <c>"Secrets": [ "db-password" ]</c> lists secret <em>names</em>, so items are judged by their format
    /// only); <paramref name="section"/> is the key of the enclosing object.
    /// </summary>
    private static void Walk(JsonValue value, string path, string? name, string? section, ImmutableArray<Finding>.Builder findings)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
                foreach (var property in value.Properties)
                {
                    Walk(property.Value, path.Length == 0 ? property.Name : path + ":" + property.Name, property.Name, name, findings);
                }

                break;
            case JsonKind.Array:
                for (var i = 0; i < value.Items.Count; i++)
                {
                    Walk(value.Items[i], path + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, name, findings);
                }

                break;
            case JsonKind.String when value.Text is { } text && path.Length > 0:
                if (What(text, name, section) is { } what)
                {
                    findings.Add(new Finding(path, what, value.Span));
                }

                break;
        }
    }

    private static string? What(string text, string? name, string? section)
    {
        if (TokenFormats.Find(text) is { } token)
        {
            return token.Description;
        }

        if (text.IndexOf('=') > 0 && SecretValues.ConnectionStringPassword(text) is not null)
        {
            return "a connection string with a password";
        }

        if (UrlPassword(text))
        {
            return "a URL with a password";
        }

        if (name is null || !(IsSecretKey(name) || IsKeyInKeySection(name, section)) || !LooksLikeSecretValue(text))
        {
            return null;
        }

        return SecretValues.IsPasswordName(name) ? "a password" : "a secret";
    }

    /// <summary><c>"Jwt": { "Key": "..." }</c>, <c>"Token": { "Secret": ... }</c>: a bare key or secret named by its section.</summary>
    private static bool IsKeyInKeySection(string name, string? section)
    {
        if (section is null || !string.Equals(name, "Key", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var word in SecretValues.Words(section))
        {
            if (s_keySectionWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A URL with <c>user:password@</c> whose password is not a placeholder (<c>mongodb://app:secret@db</c>, <c>amqp://...</c>).</summary>
    private static bool UrlPassword(string text)
    {
        var value = text.Trim();
        var scheme = value.IndexOf("://", StringComparison.Ordinal);
        var at = value.IndexOf('@');
        if (scheme <= 0 || at < scheme || value.IndexOf(' ') >= 0)
        {
            return false;
        }

        var userInfo = value.Substring(scheme + 3, at - scheme - 3);
        var colon = userInfo.IndexOf(':');
        if (colon < 0 || userInfo.IndexOf('/') >= 0)
        {
            return false;
        }

        var password = userInfo.Substring(colon + 1);
        try
        {
            password = Uri.UnescapeDataString(password);
        }
        catch (UriFormatException)
        {
            return false;
        }

        return !SecretValues.IsPlaceholder(password);
    }

    private static bool LooksLikeSecretValue(string text)
    {
        var value = text.Trim();
        if (SecretValues.IsPlaceholder(value)
            || value.StartsWith("@Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase)
            || bool.TryParse(value, out _)
            || double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            || (value.IndexOf(':') > 0 && TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        // A URL is a secret only when it carries credentials (user:password@host).
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri.UserInfo.IndexOf(':') >= 0;
        }

        // A connection string without a password (integrated security, a placeholder password) holds no secret.
        return !(value.IndexOf('=') > 0 && value.IndexOf(';') > 0);
    }

    private sealed class Finding
    {
        public Finding(string key, string what, TextSpan span)
        {
            Key = key;
            What = what;
            Span = span;
        }

        public string Key { get; }

        public string What { get; }

        public TextSpan Span { get; }
    }
}
