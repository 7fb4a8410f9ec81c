using System.Linq;
using System.Text;
using SecureCodingAnalyzers.Tool.FixBuildFiles;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>Edited build files keep their encoding, byte order mark and line endings.</summary>
public sealed class TextFileTests
{
    public static TheoryData<string, byte[]> Files => new()
    {
        { "UTF-8 without BOM, LF", Encoding.UTF8.GetBytes("<Project>\n  <A>é</A>\n</Project>\n") },
        { "UTF-8 with BOM, CRLF", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("<Project>\r\n  <A>é</A>\r\n</Project>\r\n")).ToArray() },
        { "UTF-16 LE with BOM", new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("<Project>\r\n  <A>é</A>\r\n</Project>")).ToArray() },
        { "UTF-16 BE with BOM", new byte[] { 0xFE, 0xFF }.Concat(Encoding.BigEndianUnicode.GetBytes("<Project>\n</Project>")).ToArray() },
        { "Windows-1252 (not UTF-8)", new byte[] { 0x3C, 0x41, 0x3E, 0xE9, 0x3C, 0x2F, 0x41, 0x3E, 0x0D, 0x0A } },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Encode_OfTheDecodedText_GivesTheSameBytes(string name, byte[] bytes)
    {
        var file = TextFile.Decode(bytes);
        Assert.True(bytes.SequenceEqual(file.Encode(file.Text)), name);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Encode_OfAnEdit_ChangesOnlyTheEditedBytes(string name, byte[] bytes)
    {
        var file = TextFile.Decode(bytes);
        var edited = file.Encode(file.Text.Replace("<Project>", "<Project Sdk=\"X\">", System.StringComparison.Ordinal).Replace("<A>", "<B>", System.StringComparison.Ordinal));
        var expected = TextFile.Decode(bytes).Encoding.GetBytes(file.Text.Replace("<Project>", "<Project Sdk=\"X\">", System.StringComparison.Ordinal).Replace("<A>", "<B>", System.StringComparison.Ordinal));
        Assert.True(file.Preamble.Concat(expected).SequenceEqual(edited), name);
        Assert.Equal(bytes.Take(file.Preamble.Length), edited.Take(file.Preamble.Length));
        Assert.Equal(bytes.Count(b => b == 0x0D), edited.Count(b => b == 0x0D));
    }
}
