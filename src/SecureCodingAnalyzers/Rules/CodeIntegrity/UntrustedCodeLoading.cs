using System.Collections.Immutable;
using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4002: assemblies and native libraries loaded, with no integrity check on the way, from a path or bytes that
/// come from a user-writable location (the temp folder, user profile folders, ProgramData, the current directory),
/// from configuration (<c>IConfiguration</c>, bound options, app settings, the registry) or from input (HTTP requests,
/// serial ports, pipes). Command-line arguments and environment variables do not count by default (the user who
/// runs the program chose them); file contents do not count (the file's own path decides). Input reduced to a file
/// name (<c>Path.GetFileName</c>) only picks one of the files of a directory the program chose, and is clean.
/// </summary>
internal static class UntrustedCodeLoading
{
    public static TaintRule Rule { get; } = new(
        Catalog.Rules.UntrustedCodeLoading,
        SinkKind.UntrustedLoad,
        CodeLoadingSinks.Loads(SinkKind.UntrustedLoad),
        ImmutableArray.Create(
            Sanitizer(SinkKind.UntrustedLoad, "System.IO.Path", "GetFileName"),
            Sanitizer(SinkKind.UntrustedLoad, "System.IO.Path", "GetFileNameWithoutExtension")),
        disabledByDefault: SourceGroup.Process | SourceGroup.Environment | SourceGroup.Files | SourceGroup.Archives
                           | SourceGroup.Listing | SourceGroup.Network | SourceGroup.Cleartext);
}
