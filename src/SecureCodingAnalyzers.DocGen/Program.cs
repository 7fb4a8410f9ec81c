using System;
using System.IO;
using SecureCodingAnalyzers.DocGen;

// Usage: dotnet run --project src/SecureCodingAnalyzers.DocGen [-- --check] [--root DIR]
var check = Array.IndexOf(args, "--check") >= 0;
var rootIndex = Array.IndexOf(args, "--root");
var root = rootIndex >= 0 && rootIndex + 1 < args.Length ? args[rootIndex + 1] : FindRepoRoot(Directory.GetCurrentDirectory());
if (root is null)
{
    Console.Error.WriteLine("error: cannot find the repository root (a folder with SecureCodingAnalyzers.sln); pass --root DIR.");
    return 2;
}

if (check)
{
    var stale = DocGenerator.Stale(root);
    foreach (var path in stale)
    {
        Console.Error.WriteLine($"stale: {path}");
    }

    Console.WriteLine(stale.Count == 0 ? "Generated docs are up to date." : $"{stale.Count} generated file(s) are stale; run: dotnet run --project src/SecureCodingAnalyzers.DocGen");
    return stale.Count == 0 ? 0 : 1;
}

foreach (var path in DocGenerator.Write(root))
{
    Console.WriteLine($"wrote {path}");
}

return 0;

static string? FindRepoRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "SecureCodingAnalyzers.sln")))
        {
            return dir.FullName;
        }
    }

    return null;
}
