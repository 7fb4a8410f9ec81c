using System.IO;
using SecureCodingAnalyzers.Tool.Projects;

namespace SecureCodingAnalyzers.Tool;

/// <summary>Where the tool writes and how it evaluates projects; tests replace the defaults.</summary>
public sealed class ToolSettings
{
    /// <summary>Normal output (the summary).</summary>
    public TextWriter Output { get; init; } = System.Console.Out;

    /// <summary>Errors and usage problems.</summary>
    public TextWriter Error { get; init; } = System.Console.Error;

    /// <summary>Evaluates projects (default: <c>dotnet msbuild</c>).</summary>
    public IProjectEvaluator Evaluator { get; init; } = new MSBuildProjectEvaluator();
}
