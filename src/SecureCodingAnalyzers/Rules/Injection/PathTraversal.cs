using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.Injection;

/// <summary>
/// SCR2003: untrusted data in file-system paths: <c>File</c>, <c>Directory</c>, <c>FileStream</c>,
/// <c>FileInfo</c>, <c>DirectoryInfo</c>, stream readers and writers, zip and tar archives, XML documents loaded or
/// saved by path, files sent to the client (<c>PhysicalFile</c>, <c>SendFileAsync</c>), and archive entries extracted
/// to a path built from their name (zip slip; <c>ZipArchiveEntry.FullName</c> and <c>TarEntry.Name</c> are sources).
/// <c>Path.GetFileName</c> (and <c>GetFileNameWithoutExtension</c>, <c>GetExtension</c>) clean a path; so do a
/// <c>StartsWith</c> check of a <c>Path.GetFullPath</c> result against a base directory and a check that a name
/// holds none of <c>Path.GetInvalidFileNameChars()</c>, where they dominate the access.
/// Search patterns and virtual paths (<c>File(virtualPath)</c>, resolved under the web root) are not sinks.
/// </summary>
internal static class PathTraversal
{
    private const string File = "a file-system path";
    private const string Sent = "a file sent to the client";

    public static TaintRule Rule { get; } = new(
        Catalog.Rules.PathTraversal,
        SinkKind.Path,
        ImmutableArray.Create(
            Sink(SinkKind.Path, "System.IO.File", "*", File, "path", "sourceFileName", "destFileName", "destinationFileName", "destinationBackupFileName", "pathToTarget"),
            Sink(SinkKind.Path, "System.IO.Directory", "*", File, "path", "sourceDirName", "destDirName", "pathToTarget"),
            Sink(SinkKind.Path, "System.IO.FileStream", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.FileInfo", ".ctor", File, "fileName"),
            Sink(SinkKind.Path, "System.IO.FileInfo", "MoveTo", File, "destFileName"),
            Sink(SinkKind.Path, "System.IO.FileInfo", "CopyTo", File, "destFileName"),
            Sink(SinkKind.Path, "System.IO.FileInfo", "Replace", File, "destinationFileName", "destinationBackupFileName"),
            Sink(SinkKind.Path, "System.IO.DirectoryInfo", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.DirectoryInfo", "MoveTo", File, "destDirName"),
            Sink(SinkKind.Path, "System.IO.DirectoryInfo", "CreateSubdirectory", File, "path"),
            Sink(SinkKind.Path, "System.IO.FileSystemInfo", "CreateAsSymbolicLink", File, "pathToTarget"),
            Sink(SinkKind.Path, "System.IO.StreamReader", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.StreamWriter", ".ctor", File, "path"),
            Sink(SinkKind.Path, "System.IO.Compression.ZipFileExtensions", "ExtractToFile", "a zip extraction target (zip slip)", "destinationFileName"),
            Sink(SinkKind.Path, "System.IO.Compression.ZipFileExtensions", "ExtractToDirectory", File, "destinationDirectoryName"),
            Sink(SinkKind.Path, "System.IO.Compression.ZipFileExtensions", "CreateEntryFromFile", File, "sourceFileName"),
            Sink(SinkKind.Path, "System.IO.Compression.ZipFile", "*", File, "sourceArchiveFileName", "destinationDirectoryName", "archiveFileName", "sourceDirectoryName", "destinationArchiveFileName"),
            Sink(SinkKind.Path, "System.Formats.Tar.TarEntry", "ExtractToFile", "a tar extraction target (tar slip)", "destinationFileName"),
            Sink(SinkKind.Path, "System.Formats.Tar.TarFile", "*", File, "sourceFileName", "destinationDirectoryName", "sourceDirectoryName", "destinationFileName"),
            Sink(SinkKind.Path, "System.Xml.XmlReader", "Create", File, "inputUri"),
            Sink(SinkKind.Path, "System.Xml.XmlWriter", "Create", File, "outputFileName"),
            Sink(SinkKind.Path, "System.Xml.XPath.XPathDocument", ".ctor", File, "uri"),
            Sink(SinkKind.Path, "System.Xml.XmlDocument", "Load", File, "filename"),
            Sink(SinkKind.Path, "System.Xml.XmlDocument", "Save", File, "filename"),
            Sink(SinkKind.Path, "System.Xml.Linq.XDocument", "Load", File, "uri"),
            Sink(SinkKind.Path, "System.Xml.Linq.XDocument", "Save", File, "fileName"),
            Sink(SinkKind.Path, "System.Xml.Linq.XElement", "Load", File, "uri"),
            Sink(SinkKind.Path, "System.Xml.Linq.XElement", "Save", File, "fileName"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Mvc.ControllerBase", "PhysicalFile", Sent + " (PhysicalFile)", "physicalPath"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "PhysicalFile", Sent + " (PhysicalFile)", "physicalPath"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Mvc.PhysicalFileResult", ".ctor", Sent + " (PhysicalFileResult)", "fileName"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Mvc.PhysicalFileResult", "FileName", Sent + " (PhysicalFileResult)"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Http.Results", "File", Sent + " (Results.File)", "path"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Http.TypedResults", "PhysicalFile", Sent + " (TypedResults.PhysicalFile)", "path"),
            Sink(SinkKind.Path, "Microsoft.AspNetCore.Http.SendFileResponseExtensions", "SendFileAsync", Sent + " (SendFileAsync)", "fileName")),
        ImmutableArray.Create(
            Sanitizer(SinkKind.Path, "System.IO.Path", "GetFileName"),
            Sanitizer(SinkKind.Path, "System.IO.Path", "GetFileNameWithoutExtension"),
            Sanitizer(SinkKind.Path, "System.IO.Path", "GetExtension"),
            Sanitizer(SinkKind.NormalizedPath, "System.IO.Path", "GetFullPath")),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment | SourceGroup.Files);
}
