using System.Collections.Immutable;
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
        Sanitizer(SinkKind.AllSinks, "System.Convert", "ToHexStringLower"));
}
