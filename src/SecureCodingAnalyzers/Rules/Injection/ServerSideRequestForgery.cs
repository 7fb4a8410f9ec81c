using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2007: untrusted URLs or host names for outgoing requests and connections (<c>HttpClient</c> and its JSON
/// extensions, <c>HttpRequestMessage</c>, <c>WebRequest</c>, <c>WebClient</c>, <c>TcpClient</c>, <c>UdpClient</c>,
/// <c>Socket</c>). A constant prefix that fixes scheme and host (or a relative path under a fixed
/// <c>BaseAddress</c>), URL encoding, and a dominating host check against constants or an allow-list clean the value.
/// </summary>
internal static class ServerSideRequestForgery
{
    private const string Url = "the URL of an outgoing request";
    private const string Host = "the host of a network connection";

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
            Sink(SinkKind.Ssrf, "System.Net.WebRequest", "CreateDefault", Url, "requestUri"),
            Sink(SinkKind.Ssrf, "System.Net.WebClient", "*", Url, "address"),
            Sink(SinkKind.Ssrf, "System.Net.WebClient", "BaseAddress", "the base address of a web client"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.TcpClient", ".ctor", Host, "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.TcpClient", "Connect", Host, "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.TcpClient", "ConnectAsync", Host, "host"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.TcpClient", "BeginConnect", Host, "host"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.UdpClient", ".ctor", Host, "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.UdpClient", "Connect", Host, "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.UdpClient", "Send", Host, "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.UdpClient", "SendAsync", Host, "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.UdpClient", "BeginSend", Host, "hostname"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.Socket", "Connect", Host, "host"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.Socket", "ConnectAsync", Host, "host"),
            Sink(SinkKind.Ssrf, "System.Net.Sockets.Socket", "BeginConnect", Host, "host")),
        ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment);
}
