using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2007: untrusted URLs or host names for outgoing requests (<c>HttpClient</c>, <c>HttpRequestMessage</c>,
/// <c>WebRequest</c>, <c>WebClient</c>, <c>TcpClient</c>). A constant prefix that fixes scheme and host (or a
/// relative path under a fixed <c>BaseAddress</c>), URL encoding, and a dominating host check against constants
/// clean the value.
/// </summary>
internal static class ServerSideRequestForgery
{
    private const string Url = "the URL of an outgoing request";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.ServerSideRequestForgery,
        SinkKind.Ssrf,
        ImmutableArray.Create(
            Sink(SinkKind.Ssrf, "System.Net.Http.HttpClient", "*", Url, "requestUri"),
            Sink(SinkKind.Ssrf, "System.Net.Http.HttpClient", "BaseAddress", "the base address of an HTTP client"),
            Sink(SinkKind.Ssrf, "System.Net.Http.HttpRequestMessage", ".ctor", Url, "requestUri"),
            Sink(SinkKind.Ssrf, "System.Net.Http.HttpRequestMessage", "RequestUri", Url),
            Sink(SinkKind.Ssrf, "System.Net.Http.Json.HttpClientJsonExtensions", "*", Url, "requestUri"),
            Sink(SinkKind.Ssrf, "System.Net.WebRequest", "Create", Url, "requestUriString", "requestUri"),
            Sink(SinkKind.Ssrf, "System.Net.WebRequest", "CreateHttp", Url, "requestUriString", "requestUri"),
            Sink(SinkKind.Ssrf, "System.Net.WebClient", "*", Url, "address"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.TcpClient", ".ctor", "the host of a TCP connection", "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.TcpClient", "Connect", "the host of a TCP connection", "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.TcpClient", "ConnectAsync", "the host of a TCP connection", "hostname", "host")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
