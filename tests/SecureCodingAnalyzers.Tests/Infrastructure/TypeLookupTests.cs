using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureCodingAnalyzers.Symbols;
using SecureCodingAnalyzers.Tests.EndToEnd;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Infrastructure;

/// <summary>
/// The shared type lookup answers exactly as <see cref="Compilation.GetTypeByMetadataName"/> on every compilation,
/// also when an answer kept from another compilation no longer holds.
/// </summary>
public class TypeLookupTests
{
    private static readonly string[] Names =
    {
        "System.Exception",
        "System.Security.Cryptography.MD5",
        "Microsoft.AspNetCore.Mvc.ControllerBase",
        "Microsoft.AspNetCore.Http.HttpRequest",
        "System.Collections.Generic.List`1",
        "Contoso.NotAType",
    };

    [Fact]
    public async Task SameAnswersAsTheCompiler_OnEditedAndNewCompilationsWithTheSameReferences()
    {
        var references = await Web();
        var first = Compile(references, "class A { }");
        var edited = first.ReplaceSyntaxTree(first.SyntaxTrees[0], CSharpSyntaxTree.ParseText("class B { }"));
        var other = Compile(references, "class C { }");

        foreach (var compilation in new[] { first, edited, other })
        {
            foreach (var name in Names)
            {
                Assert.Same(compilation.GetTypeByMetadataName(name), compilation.ResolveType(name));
            }
        }

        Assert.NotNull(edited.ResolveType("Microsoft.AspNetCore.Mvc.ControllerBase"));
        Assert.Null(edited.ResolveType("Contoso.NotAType"));
    }

    [Fact]
    public async Task TypeDeclaredInSource_WinsOverTheKeptMetadataAnswer()
    {
        var references = await Web();
        var plain = Compile(references, "class A { }");
        Assert.Equal(TypeKind.Class, plain.ResolveType("System.Exception")!.TypeKind);

        var shadowing = Compile(references, "namespace Contoso { public class NotAType { } }");
        var declared = shadowing.ResolveType("Contoso.NotAType");

        Assert.NotNull(declared);
        Assert.Same(shadowing.GetTypeByMetadataName("Contoso.NotAType"), declared);
        Assert.Null(plain.ResolveType("Contoso.NotAType"));
    }

    [Fact]
    public async Task FewerReferences_DoNotGetTypesOfTheDroppedOnes()
    {
        var references = await Web();
        var full = Compile(references, "class A { }");
        Assert.NotNull(full.ResolveType("Microsoft.AspNetCore.Mvc.ControllerBase"));

        var withoutMvc = Compile(references.Where(r => !(r.Display ?? string.Empty).Contains("Microsoft.AspNetCore.Mvc")).ToImmutableArray(), "class A { }");

        Assert.Null(withoutMvc.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase"));
        Assert.Null(withoutMvc.ResolveType("Microsoft.AspNetCore.Mvc.ControllerBase"));
        Assert.Same(withoutMvc.GetTypeByMetadataName("System.Exception"), withoutMvc.ResolveType("System.Exception"));
    }

    [Fact]
    public void Analyzers_LookUpTypesOnlyThroughTheSharedLookup()
    {
        // A direct Compilation.GetTypeByMetadataName in a compilation-start action brings the per-edit cost back.
        var folder = Path.Combine(DotNetCli.RepoRoot, "src", "SecureCodingAnalyzers");
        var direct = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && Path.GetFileName(f) != "TypeLookup.cs")
            .Where(f => File.ReadAllText(f).Contains(".GetTypeByMetadataName(", System.StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, f))
            .ToList();

        Assert.Empty(direct);
    }

    private static Task<ImmutableArray<MetadataReference>> Web()
        => TestReferences.Web.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);

    private static CSharpCompilation Compile(ImmutableArray<MetadataReference> references, string source)
        => CSharpCompilation.Create("Test", new[] { CSharpSyntaxTree.ParseText(source) }, references);
}
