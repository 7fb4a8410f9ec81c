using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// Path arithmetic on the strings MSBuild and NuGet write (no file-system access): both separators, <c>.</c> and
/// <c>..</c> segments, case-insensitive comparison (as on Windows, where most of these repositories are edited).
/// </summary>
internal static class BuildPaths
{
    private static readonly char[] Separators = { '/', '\\' };

    /// <summary>The folder of a file path, with a trailing separator removed (empty when there is none).</summary>
    public static string DirectoryOf(string path)
    {
        var index = path.LastIndexOfAny(Separators);
        return index < 0 ? string.Empty : path.Substring(0, index);
    }

    /// <summary>The file name of a path written with either separator.</summary>
    public static string FileNameOf(string path)
    {
        var trimmed = path.TrimEnd(Separators);
        var index = trimmed.LastIndexOfAny(Separators);
        return index < 0 ? trimmed : trimmed.Substring(index + 1);
    }

    /// <summary>
    /// <paramref name="path"/> resolved against <paramref name="directory"/> when it is relative, normalized to
    /// <c>/</c> separators without <c>.</c> and <c>..</c> segments.
    /// </summary>
    public static string Resolve(string directory, string path)
    {
        path = path.Trim();
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal)
            || (path.Length >= 2 && path[1] == ':');
        return Normalize(rooted ? path : directory + "/" + path);
    }

    /// <summary>A path with <c>/</c> separators and without <c>.</c> and <c>..</c> segments.</summary>
    public static string Normalize(string path)
    {
        var segments = new List<string>();
        var parts = path.Split(Separators);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == "." || (part.Length == 0 && i > 0 && !(i == 1 && parts[0].Length == 0)))
            {
                continue;
            }

            if (part == ".." && segments.Count > 0 && segments[segments.Count - 1] != ".." && segments[segments.Count - 1].Length > 0)
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(part);
        }

        return string.Join("/", segments);
    }

    /// <summary>True when both paths name the same file (after <see cref="Normalize"/>, case-insensitive).</summary>
    public static bool Same(string left, string right)
        => string.Equals(Normalize(left), Normalize(right), StringComparison.OrdinalIgnoreCase);
}
