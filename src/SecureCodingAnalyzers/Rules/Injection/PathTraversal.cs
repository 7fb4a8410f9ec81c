using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2003: untrusted data in file-system paths: <c>File</c>, <c>Directory</c>, <c>FileStream</c>,
/// <c>FileInfo</c>, <c>DirectoryInfo</c>, stream readers and writers, <c>PhysicalFile</c> results, and zip entries
/// extracted to a path built from their name (zip slip; <c>ZipArchiveEntry.FullName</c> is a source).
/// <c>Path.GetFileName</c> cleans a path; so does a <c>StartsWith</c> check of a <c>Path.GetFullPath</c> result
/// against a base directory that dominates the access.
/// </summary>
internal static class PathTraversal
{
    private const string File = "a file-system path";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.PathTraversal,
        SinkKind.Path,
        ImmutableArray.Create(
            Sink(SinkKind.Path, "System.IO.File", "*", File, "path", "sourceFileName", "destFileName", "destinationFileName", "destinationBackupFileName"),
            Sink(SinkKind.Path, "System.IO.Directory", "*", File, "path", "sourceDirName", "destDirName"),
            Sink(SinkKind.Path, "System.IO.FileStream", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.FileInfo", ".ctor", File, "fileName"),
            Sink(SinkKind.Path, "System.IO.FileInfo", "MoveTo", File, "destFileName"),
            Sink(SinkKind.Path, "System.IO.FileInfo", "CopyTo", File, "destFileName"),
            Sink(SinkKind.Path, "System.IO.DirectoryInfo", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.StreamReader", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.StreamWriter", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.Compression.ZipFileExtensions", "ExtractToFile", "a zip extraction target (zip slip)", "destinationFileName"),
            Sink(SinkKind.Path, "System.IO.Compression.ZipFile", "ExtractToDirectory", File, "destinationDirectoryName"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Mvc.ControllerBase", "PhysicalFile", "a file sent to the client (PhysicalFile)", "physicalPath"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Http.Results", "File", "a file sent to the client", "path"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Http.TypedResults", "PhysicalFile", "a file sent to the client", "path")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Path, "System.IO.Path", "GetFileName"),
            Sanitizer(SinkKind.Path, "System.IO.Path", "GetFileNameWithoutExtension"),
            Sanitizer(SinkKind.Path, "System.IO.Path", "GetExtension"),
            Sanitizer(SinkKind.NormalizedPath, "System.IO.Path", "GetFullPath")),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment | SourceGroup.Files);
}
