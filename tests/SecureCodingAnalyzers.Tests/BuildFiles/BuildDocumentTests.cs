using System;
using System.IO;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using Xunit;

namespace SecureCodingAnalyzers.Tests.BuildFiles;

/// <summary>
/// The content-keyed cache of parsed build documents and what the rules derive from them: a warm build must look
/// things up, never recompute them, and must never be given another content's results.
/// </summary>
public class BuildDocumentTests
{
    // ---- Line positions ----

    [Theory]
    [InlineData("")]
    [InlineData("<Project />")]
    [InlineData("<Project>\n  <A />\n</Project>\n")]
    [InlineData("<Project>\r\n  <A />\r\n</Project>\r\n")]
    [InlineData("<Project>\r  <A />\r</Project>")]
    [InlineData("\n\n\r\n\r\r\n<Project>\u0085<A />\u2028<B />\u2029</Project>\n\r")]
    public void LocationOf_AgreesWithTheCompilersLineTable_AtEveryPosition(string content)
    {
        var text = SourceText.From(content);
        var file = File(text);
        var other = File(SourceText.From(text.ToString())); // the same content: the line starts are reused

        for (var start = 0; start <= text.Length; start++)
        {
            foreach (var end in new[] { start, Math.Min(text.Length, start + 1), text.Length })
            {
                var span = TextSpan.FromBounds(start, end);
                Assert.Equal(text.Lines.GetLinePositionSpan(span), file.LocationOf(span).GetLineSpan().Span);
                Assert.Equal(text.Lines.GetLinePositionSpan(span), other.LocationOf(span).GetLineSpan().Span);
            }
        }
    }

    // ---- Derived data ----

    [Fact]
    public void Derived_IsComputedOncePerContent_WhicheverFileObjectAsks()
    {
        var key = new DerivedKey<string>("test");
        var content = Unique("<Project><A /></Project>");
        var calls = 0;
        string Compute(BuildFile f)
        {
            Interlocked.Increment(ref calls);
            return f.Xml.Root!.Name;
        }

        Assert.Equal("Project", File(SourceText.From(content)).Derived(key, Compute));
        Assert.Equal("Project", File(SourceText.From(content)).Derived(key, Compute));
        Assert.Equal(1, calls);

        Assert.Equal("Project", File(SourceText.From(content + " ")).Derived(key, Compute));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Derived_WithInputs_IsKeyedByEveryInput()
    {
        var key = new DerivedKey<string>("test");
        var file = File(SourceText.From(Unique("<Project />")));
        var lockA = File(SourceText.From("{ \"a\": \"" + Guid.NewGuid() + "\" }"), BuildFileKind.LockFile);
        var lockB = File(SourceText.From("{ \"b\": \"" + Guid.NewGuid() + "\" }"), BuildFileKind.LockFile);

        Assert.Equal("a", file.Derived(key, BuildFile.ContentKeyOf(lockA), _ => "a"));
        Assert.Equal("a", file.Derived(key, BuildFile.ContentKeyOf(lockA), _ => "recomputed"));
        Assert.Equal("b", file.Derived(key, BuildFile.ContentKeyOf(lockB), _ => "b"));
        Assert.Equal("none", file.Derived(key, BuildFile.ContentKeyOf(null), _ => "none"));
        Assert.Equal("single", file.Derived(key, _ => "single"));
    }

    [Fact]
    public void Derived_KeysOfTheSameNameAreDistinct()
    {
        var file = File(SourceText.From(Unique("<Project />")));

        Assert.Equal(1, file.Derived(new DerivedKey<int>("same"), _ => 1));
        Assert.Equal(2, file.Derived(new DerivedKey<int>("same"), _ => 2));
    }

    // ---- Content key ----

    [Fact]
    public void ContentKey_SameBytesDecodedDifferently_AreDifferentContents()
    {
        // The checksum is taken over the bytes: byte 0xE9 is 'é' in Latin-1 and '?' in ASCII, same length.
        var bytes = Encoding.Latin1.GetBytes(Unique("<Project Label=\"é\" />"));
        var latin1 = File(SourceText.From(new MemoryStream(bytes), Encoding.Latin1, SourceHashAlgorithm.Sha256));
        var ascii = File(SourceText.From(new MemoryStream(bytes), Encoding.ASCII, SourceHashAlgorithm.Sha256));

        Assert.Equal(Convert.ToHexString(latin1.Text.GetChecksum().AsSpan()), Convert.ToHexString(ascii.Text.GetChecksum().AsSpan()));
        Assert.Equal(latin1.Text.Length, ascii.Text.Length);
        Assert.NotEqual(latin1.ContentKey, ascii.ContentKey);
        Assert.Equal("é", latin1.Xml.Root!.Attribute("Label")!.Value);
        Assert.Equal("?", ascii.Xml.Root!.Attribute("Label")!.Value);
    }

    [Fact]
    public void ContentKey_EqualContent_SharesTheParsedDocument()
    {
        var content = Unique("<Project />");
        var first = File(SourceText.From(content));
        var second = File(SourceText.From(content));

        Assert.Equal(first.ContentKey, second.ContentKey);
        Assert.Same(first.Xml, second.Xml);
    }

    /// <summary>Content no other test uses: the cache lives for the whole test process.</summary>
    private static string Unique(string content) => content + "<!-- " + Guid.NewGuid().ToString("N") + " -->";

    private static BuildFile File(SourceText text, BuildFileKind kind = BuildFileKind.Project)
        => new(new Additional("/repo/" + Guid.NewGuid().ToString("N") + (kind == BuildFileKind.LockFile ? ".json" : ".csproj"), text), kind, text);

    private sealed class Additional(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
