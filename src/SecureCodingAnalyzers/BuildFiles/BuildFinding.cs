using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// A finding worked out from build-file contents alone (rule, span, diagnostic properties, message arguments), kept
/// as derived data of the file it is in (<see cref="BuildFile.Derived{T}(DerivedKey{T}, System.Func{BuildFile, T})"/>)
/// and turned into a diagnostic at that file in each build. Arguments are strings and numbers only.
/// </summary>
internal sealed class BuildFinding
{
    private readonly object?[] _arguments;

    public BuildFinding(DiagnosticDescriptor rule, TextSpan span, ImmutableDictionary<string, string?>? properties, params object?[] arguments)
    {
        Rule = rule;
        Span = span;
        Properties = properties;
        _arguments = arguments;
    }

    /// <summary>The rule.</summary>
    public DiagnosticDescriptor Rule { get; }

    /// <summary>Where in the file.</summary>
    public TextSpan Span { get; }

    /// <summary>The diagnostic's properties, or null for none.</summary>
    public ImmutableDictionary<string, string?>? Properties { get; }

    /// <summary>The diagnostic in <paramref name="file"/> (a file with the content the finding was derived from).</summary>
    public Diagnostic ToDiagnostic(BuildFile file) => Diagnostic.Create(Rule, file.LocationOf(Span), Properties, _arguments);
}
