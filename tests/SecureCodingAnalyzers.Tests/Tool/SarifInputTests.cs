using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// The inputs of <c>evidence collect</c> are parsed from their bytes and fingerprints are hashed without a regular
/// expression (both for large builds); these pin that nothing else changed: byte order marks, other encodings, the
/// whitespace the fingerprint ignores.
/// </summary>
public sealed class SarifInputTests : IDisposable
{
    private const string Log = """{ "version": "2.1.0", "runs": [ { "tool": { "driver": { "name": "Compiler ü" } }, "results": [] } ] }""";

    private readonly ToolTestRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public void Read_AcceptsEveryUnicodeEncodingWithItsByteOrderMark(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(Log),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Log)],
            _ => Encoding.GetEncoding(encoding) is var e ? [.. e.GetPreamble(), .. e.GetBytes(Log)] : [],
        };
        var path = _repo.WriteBytes("log.sarif", bytes);

        var input = SarifInput.Read(path);

        Assert.Equal("Compiler ü", Assert.Single(input.Runs)["tool"]!["driver"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Read_MalformedJson_IsAToolError()
    {
        var path = _repo.Write("bad.sarif", "{ \"version\": ");

        var error = Assert.Throws<ToolException>(() => SarifInput.Read(path));

        Assert.StartsWith(path + " is not valid JSON (SARIF log): ", error.Message);
    }

    [Theory]
    [InlineData("    var x = MD5.Create();")]
    [InlineData("\tvar\u00A0x\u2003=\r\nMD5.Create();\u0085\u2028\u2029\v\f")]
    [InlineData("no-whitespace")]
    [InlineData("")]
    public void LineHash_IgnoresExactlyTheWhitespaceOfRegexS(string line)
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("SCR1001\nsrc/A.cs\n" + Regex.Replace(line, @"\s+", string.Empty))))[..16];

        Assert.Equal(expected, EvidenceCollector.LineHash("SCR1001", "src/A.cs", line));
    }

    [Fact]
    public void LineHash_CharIsWhiteSpaceAndRegexS_AgreeOnEveryChar()
    {
        var different = Enumerable.Range(0, 0x10000).Select(i => (char)i).Where(c => char.IsWhiteSpace(c) != Regex.IsMatch(c.ToString(), @"^\s$")).ToList();

        Assert.Empty(different);
    }
}
