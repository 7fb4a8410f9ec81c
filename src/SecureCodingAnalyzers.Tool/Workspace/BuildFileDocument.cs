using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.Tool.Workspace;

/// <summary>
/// A build file as the compiler receives it: one <c>AdditionalFiles</c> item with its full path, its text and the item
/// metadata the package's targets make compiler-visible (<c>SecureCodingKind</c>, <c>SecureCodingHasLockFile</c>...).
/// </summary>
/// <param name="Path">The full path, as MSBuild passes it to the compiler.</param>
/// <param name="Text">The file's text.</param>
/// <param name="Metadata">Compiler-visible item metadata by name (without the <c>build_metadata.AdditionalFiles.</c> prefix).</param>
public sealed record BuildFileDocument(string Path, SourceText Text, IReadOnlyDictionary<string, string> Metadata);

/// <summary>An .editorconfig or .globalconfig file the compiler reads for the project.</summary>
/// <param name="Path">The full path (section matching of .editorconfig files depends on it).</param>
/// <param name="Text">The file's text.</param>
public sealed record AnalyzerConfigFile(string Path, SourceText Text);
