using System.Diagnostics;
using System.Security.Cryptography;

namespace Contoso.Gateway;

/// <summary>Installs new gateway releases from the vendor's update server.</summary>
public sealed class GatewayUpdater : IDisposable
{
    private const string Feed = "http://updates.contoso.example/gateway/setup.exe"; // expect: SCR4004
    private const string SecureFeed = "https://updates.contoso.example/gateway/setup.exe";
    private const string ReleaseSha256 = "3A7BD3E2360A3D29EEA436FCFB7E44C735D117C42D1C1835420B6B9942DD4F1B";
    private readonly HttpClient _http = new();

    /// <summary>The first version: whoever answers for the update server (or sits on the path) runs code here.</summary>
    public async Task InstallLatestAsync(string stagingDirectory)
    {
        var installer = await _http.GetByteArrayAsync(Feed);
        var target = Path.Combine(stagingDirectory, "setup.exe");
        await File.WriteAllBytesAsync(target, installer);
        Process.Start(target); // expect: SCR4003
    }

    /// <summary>The fix: HTTPS, and the installer must match the digest pinned for this release.</summary>
    public async Task InstallVerifiedAsync(string stagingDirectory)
    {
        var installer = await _http.GetByteArrayAsync(SecureFeed);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(installer), Convert.FromHexString(ReleaseSha256)))
        {
            throw new InvalidDataException("The installer does not match the pinned release digest.");
        }

        var target = Path.Combine(stagingDirectory, "setup.exe");
        await File.WriteAllBytesAsync(target, installer);
        Process.Start(new ProcessStartInfo(target) { UseShellExecute = false });
    }

    public void Dispose() => _http.Dispose();
}
