using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// Sanitizers that clean for several rules. Rule-specific ones (<c>Regex.Escape</c>, <c>Path.GetFileName</c>, ...)
/// live with their rule. URL encoding leaves no character that starts a new URL, path segment or line, so it cleans
/// redirects, request URLs and log text; hex encoding leaves only [0-9A-F], which is safe everywhere.
/// <c>QueryHelpers.AddQueryString</c> URL-encodes the names and values it appends (its base URL passes through).
/// </summary>
internal static class BuiltInSanitizers
{
    private const SinkKind UrlEncoded = SinkKind.Redirect | SinkKind.Ssrf | SinkKind.Log;

    public static ImmutableArray<ApiSpec> All { get; } = ImmutableArray.Create(
        Sanitizer(UrlEncoded, "System.Uri", "EscapeDataString"),
        Sanitizer(UrlEncoded, "System.Net.WebUtility", "UrlEncode"),
        Sanitizer(UrlEncoded, "System.Web.HttpUtility", "UrlEncode"),
        Sanitizer(UrlEncoded, "System.Text.Encodings.Web.UrlEncoder", "Encode"),
        Sanitizer(UrlEncoded, "Microsoft.AspNetCore.WebUtilities.QueryHelpers", "AddQueryString", "name", "value", "queryString"),
        Sanitizer(SinkKind.AllSinks, "System.Convert", "ToHexString"),
        Sanitizer(SinkKind.AllSinks, "System.Convert", "ToHexStringLower"))
        .AddRange(Digests(
            "System.Security.Cryptography.SHA256",
            "System.Security.Cryptography.SHA384",
            "System.Security.Cryptography.SHA512",
            "System.Security.Cryptography.SHA3_256",
            "System.Security.Cryptography.SHA3_384",
            "System.Security.Cryptography.SHA3_512"));

    /// <summary>
    /// Not sanitizers: SHA-2 and SHA-3 digests (not MD5 or SHA-1) are marked <see cref="SinkKind.Digest"/>, so that
    /// comparing one with a pinned value verifies the data it was computed from (MethodAnalysis.Integrity).
    /// </summary>
    private static IEnumerable<ApiSpec> Digests(params string[] types)
        => types.SelectMany(type => new[] { "HashData", "HashDataAsync", "ComputeHash", "ComputeHashAsync" }.Select(member => Sanitizer(SinkKind.Digest, type, member)));
}
