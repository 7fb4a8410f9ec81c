using System.Security.Cryptography;
using System.Text;

namespace Contoso.Gateway;

/// <summary>Encrypts telemetry frames before they leave the plant network.</summary>
public static class TelemetryProtector
{
    private static readonly byte[] SharedKey = Encoding.UTF8.GetBytes("plant-42-shared-key-0123456789ab");

    public static byte[] Protect(byte[] frame)
    {
        using var aes = Aes.Create();
        aes.Key = SharedKey; // expect: SCR1005
        aes.IV = new byte[16]; // expect: SCR1004
        using var encryptor = aes.CreateEncryptor();
        return encryptor.TransformFinalBlock(frame, 0, frame.Length);
    }

    public static byte[] ProtectLegacy(byte[] frame, byte[] key, byte[] iv)
    {
        using var des = TripleDES.Create(); // expect: SCR1002
        return des.EncryptCbc(frame, iv);
    }

    public static byte[] ProtectModern(byte[] frame, byte[] key)
    {
        // Compliant: AES-GCM with a fresh random nonce per frame, key passed in from the key store.
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[frame.Length];
        using var gcm = new AesGcm(key, tag.Length);
        gcm.Encrypt(nonce, frame, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }
}
