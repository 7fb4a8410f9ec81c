using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;

namespace Contoso.Gateway;

/// <summary>Fetches firmware images for the field devices behind the gateway.</summary>
public sealed class FirmwareUpdateClient : IDisposable
{
    private readonly HttpClient _http;

    public FirmwareUpdateClient(Uri updateServer)
    {
        var handler = new HttpClientHandler
        {
            // The test rig used a self-signed certificate and this was never reverted.
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => true, // expect: SCR1011
        };
        _http = new HttpClient(handler) { BaseAddress = updateServer };
    }

    public async Task<byte[]> DownloadAsync(string image, string expectedDigestHex, CancellationToken cancellationToken)
    {
        var payload = await _http.GetByteArrayAsync(image, cancellationToken);
        var digest = SHA1.HashData(payload); // expect: SCR1001
        if (!Convert.ToHexString(digest).Equals(expectedDigestHex, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"Digest mismatch for {image}.");
        }

        return payload;
    }

    public static bool IsTrustedPeer(SslPolicyErrors errors) => errors == SslPolicyErrors.None;

    public void Dispose() => _http.Dispose();
}
