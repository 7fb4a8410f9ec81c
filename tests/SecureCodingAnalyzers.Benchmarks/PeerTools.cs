using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>The peers loaded for <c>--peers</c>, and what went wrong loading them (an empty list when nothing did).</summary>
internal sealed record PeerSet(IReadOnlyList<AnalyzerTool> Tools, IReadOnlyList<string> Problems);

/// <summary>
/// Loads the peers' analyzer assemblies, which the build copies from their packages to <c>peers/&lt;name&gt;/</c> next to
/// the harness (benchmark-only package references, never shipped), through <see cref="AnalyzerFileReference"/> as the
/// compiler does. Microsoft's NetAnalyzers run with every rule of category Security on and everything else off;
/// Security Code Scan with every rule on; plus the single SQL injection rule of each (CA3001; SCS0002).
/// </summary>
internal static class PeerTools
{
    public const string NetAnalyzersFolder = "NetAnalyzers";
    public const string SecurityCodeScanFolder = "SecurityCodeScan";

    public static PeerSet Load()
    {
        var problems = new List<string>();
        var tools = new List<AnalyzerTool>();
        var net = LoadFolder(NetAnalyzersFolder, problems);
        if (net.Analyzers.Count > 0)
        {
            tools.Add(AnalyzerTool.Only($"NetAnalyzers {net.Version}", "every Security rule", net.Analyzers, d => d.Category == "Security"));
            tools.Add(AnalyzerTool.Only($"NetAnalyzers {net.Version}", "CA3001 only", net.Analyzers, d => d.Id == "CA3001"));
        }

        var scs = LoadFolder(SecurityCodeScanFolder, problems);
        if (scs.Analyzers.Count > 0)
        {
            tools.Add(AnalyzerTool.Only($"Security Code Scan {scs.Version}", "every rule", scs.Analyzers, _ => true));
            tools.Add(AnalyzerTool.Only($"Security Code Scan {scs.Version}", "SCS0002 only", scs.Analyzers, d => d.Id == "SCS0002"));
        }

        return new PeerSet(tools, problems);
    }

    private static (string Version, List<AnalyzerInfo> Analyzers) LoadFolder(string name, List<string> problems)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "peers", name);
        var analyzers = new List<AnalyzerInfo>();
        var version = "?";
        if (!Directory.Exists(folder))
        {
            problems.Add($"{name}: no analyzer assemblies in {folder} (build the benchmark project: it copies them from the package)");
            return (version, analyzers);
        }

        var loader = new Loader();
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(file, loader);
            reference.AnalyzerLoadFailed += (_, e) => problems.Add($"{name}: {Path.GetFileName(file)}: {e.ErrorCode} {e.TypeName} {e.Message}".TrimEnd());
            var found = reference.GetAnalyzers(LanguageNames.CSharp);
            if (found.Length > 0)
            {
                version = reference.GetAssembly().GetName().Version?.ToString(3) ?? version;
            }

            analyzers.AddRange(found.Select(AnalyzerInfo.From));
        }

        if (analyzers.Count == 0)
        {
            problems.Add($"{name}: no C# analyzer found in {folder}");
        }

        return (version, analyzers.OrderBy(a => a.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>Loads into the default context, so the peers share the harness's Roslyn; dependencies resolve next to the file.</summary>
    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
