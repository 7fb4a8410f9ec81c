using System.Security.Cryptography;
using System.Text;

namespace Contoso.Gateway;

/// <summary>Local operator accounts of the gateway's maintenance web page.</summary>
public sealed class OperatorAccounts
{
    private static readonly Random Jitter = new();

    public static byte[] HashPassword(string password, byte[] salt)
    {
        using var kdf = new Rfc2898DeriveBytes(password, salt, 10_000, HashAlgorithmName.SHA256); // expect: SCR1007
        return kdf.GetBytes(32);
    }

    public static string CreateSessionToken()
    {
        var random = new Random();
        var bytes = new byte[32];
        random.NextBytes(bytes); // expect: SCR1010
        return Convert.ToBase64String(bytes);
    }

    // Compliant: jitter for reconnect back-off is not a security use of Random.
    public static TimeSpan ReconnectDelay(int attempt) => TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * (1 << attempt)) + Jitter.Next(0, 250));
}
