using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

public static partial class Rules
{
    private static ImmutableArray<DiagnosticDescriptor> s_all;

    /// <summary>Every descriptor of the catalog, ordered by id (for docs, profiles and meta-tests).</summary>
    /// <remarks>Built on first use: static field order across partial files is not defined.</remarks>
    public static ImmutableArray<DiagnosticDescriptor> All
    {
        get
        {
            if (s_all.IsDefault)
            {
                s_all = typeof(Rules)
                    .GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                    .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                    .OrderBy(d => d.Id, System.StringComparer.Ordinal)
                    .ToImmutableArray();
            }

            return s_all;
        }
    }
}
