using SecureCodingAnalyzers.Dataflow;
using static SecureCodingAnalyzers.Dataflow.ApiSpec;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// SCR4001: assemblies and native libraries loaded from the files a directory listing returned
/// (<c>Directory.GetFiles(dir, "*.dll")</c> and friends) with no integrity check on the way, and every MEF
/// <c>DirectoryCatalog</c> (it loads whatever its folder holds). Only listings count: a path from a writable location,
/// configuration or input is SCR4002, a download SCR4003.
/// </summary>
internal static class UnverifiedPluginLoading
{
    public static TaintRule Rule { get; } = new(
        Catalog.Rules.UnverifiedPluginLoading,
        SinkKind.PluginLoad,
        CodeLoadingSinks.Loads(SinkKind.PluginLoad)
            .Add(Sink(SinkKind.PluginLoad, "System.ComponentModel.Composition.Hosting.DirectoryCatalog", ".ctor", "the assemblies of a MEF DirectoryCatalog", "path")
                .LoadsItself("every assembly in the catalog's directory")),
        System.Collections.Immutable.ImmutableArray<ApiSpec>.Empty,
        disabledByDefault: SourceGroup.All & ~(SourceGroup.Listing | SourceGroup.Custom));
}
