using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SecureCodingAnalyzers.Tool.Projects;

/// <summary>What MSBuild evaluated for one project (and target framework): the inputs the compiler gives the analyzers.</summary>
public sealed class ProjectEvaluation
{
    /// <summary>The project file's full path.</summary>
    public required string ProjectPath { get; init; }

    /// <summary>The target framework passed as a global property (inner build of a multi-targeting project), or null.</summary>
    public string? TargetFramework { get; init; }

    /// <summary>Evaluated properties by name (case-insensitive); at least every <see cref="CompilerVisibleProperties.Evaluated"/> name.</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>The <c>AdditionalFiles</c> items with their compiler-visible metadata (only items that have some).</summary>
    public required IReadOnlyList<EvaluatedFile> AdditionalFiles { get; init; }

    /// <summary>The .editorconfig and .globalconfig files the compiler reads for the project (full paths).</summary>
    public required IReadOnlyList<string> AnalyzerConfigFiles { get; init; }

    /// <summary>True when the project's assets file exists (restore has run).</summary>
    public bool IsRestored { get; init; }

    /// <summary>True when the project has a <c>PackageReference</c> to the SecureCodingAnalyzers package.</summary>
    public bool ReferencesPackage { get; init; }

    /// <summary>An evaluated property, or null when unset or empty.</summary>
    public string? Property(string name)
        => Properties.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The target frameworks of a multi-targeting project evaluated without one (its inner builds), else empty.</summary>
    public IReadOnlyList<string> InnerTargetFrameworks()
        => TargetFramework is null && Property("TargetFramework") is null
            ? CompilerVisibleProperties.Items(Property("TargetFrameworks"))
            : Array.Empty<string>();
}

/// <summary>An <c>AdditionalFiles</c> item: full path and compiler-visible metadata by name.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Metadata">The compiler-visible metadata (e.g. SecureCodingKind).</param>
public sealed record EvaluatedFile(string Path, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Evaluates a project as MSBuild would for its build (the seam unit tests replace).</summary>
public interface IProjectEvaluator
{
    /// <summary>Evaluates <paramref name="projectPath"/>, with a global <c>TargetFramework</c> when given.</summary>
    /// <exception cref="ToolException">The project does not evaluate (the message says why).</exception>
    Task<ProjectEvaluation> EvaluateAsync(string projectPath, string? targetFramework, CancellationToken cancellationToken);
}
