using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace SecureCodingAnalyzers.Tool.Projects;

/// <summary>The C# projects a path stands for.</summary>
/// <param name="Root">The folder paths are shown relative to: the solution's folder, the given folder, or the project's.</param>
/// <param name="Projects">The project files' full paths, in solution order (folders: ordinal path order).</param>
/// <param name="Missing">Projects a solution lists that do not exist.</param>
public sealed record ProjectSet(string Root, IReadOnlyList<string> Projects, IReadOnlyList<string> Missing);

/// <summary>
/// Finds the projects of a <c>.sln</c> or <c>.slnx</c> solution, a project file, or a folder (every <c>*.csproj</c>
/// below it, skipping <c>bin</c>, <c>obj</c>, <c>node_modules</c> and hidden folders such as <c>.git</c>). Only C#
/// projects are taken: the analyzers are C# analyzers, so other projects never see them.
/// </summary>
public static class ProjectDiscovery
{
    private static readonly Regex s_slnProject = new(
        "^Project\\(\"\\{[^}]*\\}\"\\)\\s*=\\s*\"[^\"]*\"\\s*,\\s*\"(?<path>[^\"]+)\"",
        RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly HashSet<string> s_skippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

    /// <summary>The projects <paramref name="path"/> stands for.</summary>
    /// <exception cref="ToolException">The path does not exist, is of an unknown kind, or the solution cannot be read.</exception>
    public static ProjectSet Find(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ToolException("No path given: pass a .sln, .slnx or .csproj file, or a folder.");
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var projects = ProjectsBelow(full).ToList();
            if (projects.Count == 0)
            {
                throw new ToolException($"No *.csproj file below {full}.");
            }

            return new ProjectSet(full, projects, Array.Empty<string>());
        }

        if (!File.Exists(full))
        {
            throw new ToolException($"{full} does not exist.");
        }

        var folder = Path.GetDirectoryName(full)!;
        switch (Path.GetExtension(full).ToLowerInvariant())
        {
            case ".csproj":
                return new ProjectSet(folder, new[] { full }, Array.Empty<string>());
            case ".sln":
                return FromSolution(folder, SlnProjects(ReadAllText(full)));
            case ".slnx":
                return FromSolution(folder, SlnxProjects(full));
            default:
                throw new ToolException($"{full} is not a solution (.sln, .slnx) or C# project (.csproj) file.");
        }
    }

    private static ProjectSet FromSolution(string folder, IEnumerable<string> relativePaths)
    {
        var projects = new List<string>();
        var missing = new List<string>();
        foreach (var relative in relativePaths)
        {
            if (!relative.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var project = Path.GetFullPath(Path.Combine(folder, relative.Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar)));
            if (projects.Contains(project, MSBuildProjectEvaluator.PathComparer) || missing.Contains(project, MSBuildProjectEvaluator.PathComparer))
            {
                continue;
            }

            (File.Exists(project) ? projects : missing).Add(project);
        }

        if (projects.Count == 0 && missing.Count == 0)
        {
            throw new ToolException("The solution lists no C# project (.csproj).");
        }

        return new ProjectSet(folder, projects, missing);
    }

    private static IEnumerable<string> SlnProjects(string text) => s_slnProject.Matches(text).Select(m => m.Groups["path"].Value);

    private static IEnumerable<string> SlnxProjects(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(ReadAllText(path), LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new ToolException($"{path} is not well-formed XML: {e.Message}", e);
        }

        return document.Descendants()
            .Where(e => e.Name.LocalName == "Project")
            .Select(e => (string?)e.Attribute("Path"))
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p!)
            .ToList();
    }

    private static IEnumerable<string> ProjectsBelow(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        var found = new List<string>();
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            try
            {
                found.AddRange(Directory.EnumerateFiles(folder, "*.csproj"));
                foreach (var child in Directory.EnumerateDirectories(folder))
                {
                    var name = Path.GetFileName(child);
                    if (!s_skippedFolders.Contains(name) && !name.StartsWith('.')
                        && (new DirectoryInfo(child).Attributes & FileAttributes.ReparsePoint) == 0)
                    {
                        pending.Push(child);
                    }
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                // An unreadable folder holds no project we can fix; keep going.
            }
        }

        return found.Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).OrderBy(f => f, StringComparer.Ordinal);
    }

    private static string ReadAllText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{path} cannot be read: {e.Message}", e);
        }
    }
}
