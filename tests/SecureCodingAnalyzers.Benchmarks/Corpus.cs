using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// Parsed source files (parsing is not measured) and how to compile them. Files are ordered so that every prefix is
/// meaningful: the generated corpus puts its domain model first, a folder corpus is ordered by path.
/// </summary>
internal sealed class Corpus
{
    /// <summary>The usings the SDK adds for <c>Microsoft.NET.Sdk.Web</c> with ImplicitUsings enabled (a folder has no obj/ output).</summary>
    private static readonly string[] ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git"];

    private readonly ImmutableArray<SyntaxTree> _supportTrees;

    private Corpus(string description, ImmutableArray<SyntaxTree> trees, ImmutableArray<int> lines, ImmutableArray<SyntaxTree> supportTrees)
    {
        Description = description;
        Trees = trees;
        LinesPerTree = lines;
        _supportTrees = supportTrees;
    }

    public string Description { get; }

    /// <summary>The corpus files (without support files such as the implicit usings).</summary>
    public ImmutableArray<SyntaxTree> Trees { get; }

    public ImmutableArray<int> LinesPerTree { get; }

    public int Files => Trees.Length;

    public int Lines => LinesPerTree.Sum();

    public static CSharpParseOptions ParseOptions { get; } = new(
        LanguageVersion.Latest,
        DocumentationMode.Parse,
        SourceCodeKind.Regular,
        ["TRACE", "RELEASE", "NET", "NETCOREAPP", .. Enumerable.Range(5, Math.Max(0, Environment.Version.Major - 4)).Select(v => "NET" + v + "_0_OR_GREATER")]);

    public static Corpus FromDocuments(string description, IEnumerable<SourceDocument> documents)
    {
        var list = documents.ToList();
        var trees = list.Select(d => CSharpSyntaxTree.ParseText(SourceText.From(d.Text), ParseOptions, d.Path)).ToImmutableArray();
        return new Corpus(description, trees, list.Select(d => d.Lines).ToImmutableArray(), []);
    }

    /// <summary>Every *.cs under <paramref name="folder"/> (recursively, skipping bin, obj and .git), ordered by path.</summary>
    public static Corpus FromFolder(string folder, bool implicitUsings)
    {
        var root = Path.GetFullPath(folder);
        var files = EnumerateSources(root).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var trees = ImmutableArray.CreateBuilder<SyntaxTree>(files.Count);
        var lines = ImmutableArray.CreateBuilder<int>(files.Count);
        foreach (var file in files)
        {
            SourceText text;
            using (var stream = File.OpenRead(file))
            {
                text = SourceText.From(stream);
            }

            trees.Add(CSharpSyntaxTree.ParseText(text, ParseOptions, file));
            lines.Add(text.Lines.Count);
        }

        var support = implicitUsings
            ? [CSharpSyntaxTree.ParseText(string.Concat(ImplicitUsings.Select(u => "global using global::" + u + ";\n")), ParseOptions, "ImplicitUsings.g.cs")]
            : ImmutableArray<SyntaxTree>.Empty;
        return new Corpus(root + (implicitUsings ? " (with the SDK's web implicit usings)" : string.Empty), trees.MoveToImmutable(), lines.MoveToImmutable(), support);
    }

    /// <summary>The shortest prefix of the files holding at least <paramref name="fraction"/> of the lines.</summary>
    public Corpus Prefix(double fraction)
    {
        var wanted = (long)Math.Ceiling(Lines * fraction);
        var count = 0;
        long sum = 0;
        while (count < Trees.Length && sum < wanted)
        {
            sum += LinesPerTree[count++];
        }

        count = Math.Max(1, count);
        return new Corpus(Description, Trees[..count], LinesPerTree[..count], _supportTrees);
    }

    /// <summary>A library compilation with concurrent build off: binding and analysis are both measured single-threaded.</summary>
    public CSharpCompilation Compile(ReferenceSet references) => CSharpCompilation.Create(
        "BenchmarkCorpus",
        _supportTrees.AddRange(Trees),
        references.References,
        new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true,
            concurrentBuild: false,
            deterministic: true));

    private static IEnumerable<string> EnumerateSources(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs"))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(child);
                }
            }
        }
    }
}
