using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Contoso.Gateway;

/// <summary>TLS bridge to the PLC's OPC UA endpoint.</summary>
public static class PlcBridge
{
    public static async Task<SslStream> ConnectAsync(string host, int port, X509Certificate2 pinnedRoot)
    {
        var client = new TcpClient();
        await client.ConnectAsync(host, port);
        var stream = new SslStream(client.GetStream());
        await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls11 | SslProtocols.Tls12, // expect: SCR1012
        });
        return stream;
    }

    public static bool ChainsToPinnedRoot(X509Certificate2 leaf, X509Certificate2 pinnedRoot)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // expect: SCR1013
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(pinnedRoot);
        return chain.Build(leaf);
    }

    public static RSA CreateDeviceKey() => RSA.Create(1024); // expect: SCR1006
}
