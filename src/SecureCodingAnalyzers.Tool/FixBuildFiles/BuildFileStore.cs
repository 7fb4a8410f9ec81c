using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SecureCodingAnalyzers.Tool.Projects;

namespace SecureCodingAnalyzers.Tool.FixBuildFiles;

/// <summary>
/// The build files as the run sees them: read from disk, or the run's own edited text. Every project reads through
/// the store, so a shared file (Directory.*.props, nuget.config) fixed for one project is seen fixed by the next one
/// and is never fixed twice. Paths are deduplicated the way the file system compares them. Without
/// <see cref="DryRun"/> an edit is written at once, in the file's own encoding.
/// </summary>
public sealed class BuildFileStore
{
    private readonly Dictionary<string, Entry> _edited = new(MSBuildProjectEvaluator.PathComparer);

    /// <summary>Creates the store.</summary>
    public BuildFileStore(bool dryRun) => DryRun = dryRun;

    /// <summary>True when edits stay in memory.</summary>
    public bool DryRun { get; }

    /// <summary>The files edited so far, with their original and current text.</summary>
    public IEnumerable<(string Path, string Original, string Current)> Edited
        => _edited.Where(e => e.Value.Original != e.Value.Current).Select(e => (e.Key, e.Value.Original, e.Value.Current));

    /// <summary>True when the run edited <paramref name="path"/>.</summary>
    public bool WasEdited(string path) => _edited.TryGetValue(path, out var entry) && entry.Original != entry.Current;

    /// <summary>The current text of <paramref name="path"/>, or null when the file does not exist.</summary>
    /// <exception cref="ToolException">The file exists but cannot be read.</exception>
    public string? Read(string path)
    {
        if (_edited.TryGetValue(path, out var entry))
        {
            return entry.Current;
        }

        try
        {
            return File.Exists(path) ? TextFile.Read(path).Text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{path} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Records the new text of <paramref name="path"/> and, unless this is a dry run, writes it.</summary>
    /// <exception cref="ToolException">The file cannot be written.</exception>
    public void Update(string path, string text)
    {
        try
        {
            if (!_edited.TryGetValue(path, out var entry))
            {
                var file = TextFile.Read(path);
                entry = new Entry(file, file.Text);
                _edited[path] = entry;
            }

            entry.Current = text;
            if (!DryRun)
            {
                entry.File.Write(path, text);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ToolException($"{path} cannot be written: {e.Message}", e);
        }
    }

    private sealed class Entry
    {
        public Entry(TextFile file, string current)
        {
            File = file;
            Current = current;
        }

        public TextFile File { get; }

        public string Original => File.Text;

        public string Current { get; set; }
    }
}
