namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// A constant prefix that fixes where a URL points: <c>https://host/</c> (scheme, host and the start of the path),
/// a local path <c>/orders/</c> (not <c>//</c>, which is protocol-relative), <c>~/</c>, or a relative segment
/// <c>items/</c> under a fixed base address, or a query <c>?q=</c> of the current address. Whatever follows cannot change the host, so the URL is clean for
/// redirects and outgoing requests (but not for paths or SQL).
/// </summary>
internal static class UrlPrefix
{
    public const SinkKind Cleans = SinkKind.Redirect | SinkKind.Ssrf;

    public static bool FixesAuthority(string prefix)
    {
        // A query or fragment relative to the current URL: what follows stays in the query (or fragment).
        if (prefix.Length > 0 && prefix[0] is '?' or '#')
        {
            return true;
        }

        var scheme = prefix.IndexOf("://", System.StringComparison.Ordinal);
        if (scheme > 0)
        {
            return prefix.IndexOfAny(PathStart, scheme + 3) > scheme + 3;
        }

        if (prefix.Length >= 2 && prefix[0] == '/')
        {
            return prefix[1] is not '/' and not '\\';
        }

        if (prefix.StartsWith("~/", System.StringComparison.Ordinal))
        {
            return true;
        }

        var end = prefix.IndexOfAny(PathStart);
        var colon = prefix.IndexOf(':');
        return end > 0 && prefix[0] != '\\' && (colon < 0 || colon > end);
    }

    private static readonly char[] PathStart = { '/', '?', '#' };
}
