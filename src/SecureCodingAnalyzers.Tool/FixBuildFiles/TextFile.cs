using System;
using System.IO;
using System.Text;

namespace SecureCodingAnalyzers.Tool.FixBuildFiles;

/// <summary>
/// A text file read so that it can be written back byte for byte except where it was edited: the encoding and byte
/// order mark are kept, and the text (line endings included) is never normalized. UTF-8 without a BOM is the default;
/// a file that is not valid UTF-8 is read as Latin-1, which maps every byte to one character and back, so its
/// unedited bytes survive unchanged (the fixes only insert ASCII).
/// </summary>
public sealed class TextFile
{
    private TextFile(string text, Encoding encoding, byte[] preamble)
    {
        Text = text;
        Encoding = encoding;
        Preamble = preamble;
    }

    /// <summary>The decoded text (without the byte order mark).</summary>
    public string Text { get; }

    /// <summary>The encoding to write with.</summary>
    public Encoding Encoding { get; }

    /// <summary>The byte order mark the file starts with (empty when none).</summary>
    public byte[] Preamble { get; }

    /// <summary>Decodes a file's bytes.</summary>
    public static TextFile Decode(byte[] bytes)
    {
        if (StartsWith(bytes, 0xEF, 0xBB, 0xBF))
        {
            return Create(bytes, 3, new UTF8Encoding(false, true));
        }

        if (StartsWith(bytes, 0xFF, 0xFE, 0x00, 0x00))
        {
            return Create(bytes, 4, new UTF32Encoding(false, false, true));
        }

        if (StartsWith(bytes, 0xFF, 0xFE))
        {
            return Create(bytes, 2, new UnicodeEncoding(false, false, true));
        }

        if (StartsWith(bytes, 0xFE, 0xFF))
        {
            return Create(bytes, 2, new UnicodeEncoding(true, false, true));
        }

        try
        {
            return Create(bytes, 0, new UTF8Encoding(false, true));
        }
        catch (DecoderFallbackException)
        {
            return Create(bytes, 0, Encoding.Latin1);
        }
    }

    /// <summary>Reads a file.</summary>
    public static TextFile Read(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>The bytes of <paramref name="text"/> in this file's encoding, with its byte order mark.</summary>
    public byte[] Encode(string text)
    {
        var body = Encoding.GetBytes(text);
        var bytes = new byte[Preamble.Length + body.Length];
        Preamble.CopyTo(bytes, 0);
        body.CopyTo(bytes, Preamble.Length);
        return bytes;
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> in this file's encoding (in place: the file keeps its permissions).</summary>
    public void Write(string path, string text) => File.WriteAllBytes(path, Encode(text));

    private static TextFile Create(byte[] bytes, int preambleLength, Encoding encoding)
        => new(encoding.GetString(bytes, preambleLength, bytes.Length - preambleLength), encoding, bytes.AsSpan(0, preambleLength).ToArray());

    private static bool StartsWith(byte[] bytes, params byte[] prefix) => bytes.AsSpan().StartsWith(prefix);
}
