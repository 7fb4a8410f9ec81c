using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Symbols;

/// <summary>
/// <see cref="Compilation.GetTypeByMetadataName"/> for the rules' compilation-start type tables, shared by every
/// compilation with the same references.
/// <para>
/// The compiler caches a lookup per compilation only, and a lookup searches every referenced assembly: with the .NET
/// and ASP.NET Core reference packs (307 assemblies) the package's ~300 lookups cost 15 to 35 ms per compilation.
/// The IDE makes a new compilation on every edit, with the same references and the same metadata symbols, so that
/// cost came back on every keystroke. Here a reference-assembly answer is kept per reference list and reused while it
/// provably holds: the type's assembly is this compilation's symbol for the same reference, and a type the source
/// declares is always looked up afresh (the source wins, as in the compiler).
/// </para>
/// </summary>
internal static class TypeLookup
{
    private const int ReferenceListsPerCorLib = 8;

    // Keyed by the core library's symbol, which every compilation sharing the metadata symbols shares; under it, one
    // answer table per distinct reference list (projects of a solution differ in their packages).
    private static ConditionalWeakTable<IAssemblySymbol, List<Answers>> s_byCorLib = new();
    private static readonly ConditionalWeakTable<Compilation, Answers> s_byCompilation = new();

    /// <summary>The type named <paramref name="metadataName"/> as <see cref="Compilation.GetTypeByMetadataName"/> finds it.</summary>
    public static INamedTypeSymbol? ResolveType(this Compilation compilation, string metadataName)
    {
        if (compilation.Assembly.GetTypeByMetadataName(metadataName) is not null)
        {
            return compilation.GetTypeByMetadataName(metadataName);
        }

        var answers = s_byCompilation.GetValue(compilation, AnswersFor);
        if (answers.Types.TryGetValue(metadataName, out var known)
            && (known.Type is null || ReferenceEquals(compilation.GetAssemblyOrModuleSymbol(known.Reference!), known.Type.ContainingAssembly)))
        {
            return known.Type;
        }

        var type = compilation.GetTypeByMetadataName(metadataName);
        answers.Types[metadataName] = (type, type is null ? null : compilation.GetMetadataReference(type.ContainingAssembly));
        return type;
    }

    /// <summary>Forgets every kept answer (the benchmark measures a build's first compilation with it).</summary>
    internal static void Clear() => s_byCorLib = new ConditionalWeakTable<IAssemblySymbol, List<Answers>>();

    private static Answers AnswersFor(Compilation compilation)
    {
        var references = compilation.References.ToImmutableArray();
        var corLib = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly;
        if (corLib is null)
        {
            return new Answers(references);
        }

        var lists = s_byCorLib.GetValue(corLib, _ => new List<Answers>());
        lock (lists)
        {
            foreach (var answers in lists)
            {
                if (answers.References.SequenceEqual(references, ReferenceEqualityComparer.Instance))
                {
                    return answers;
                }
            }

            var added = new Answers(references);
            if (lists.Count == ReferenceListsPerCorLib)
            {
                lists.RemoveAt(0);
            }

            lists.Add(added);
            return added;
        }
    }

    /// <summary>The answers for one reference list.</summary>
    private sealed class Answers
    {
        public Answers(ImmutableArray<MetadataReference> references) => References = references;

        public ImmutableArray<MetadataReference> References { get; }

        /// <summary>Per metadata name: the type (null: absent or ambiguous) and the reference of its assembly.</summary>
        public ConcurrentDictionary<string, (INamedTypeSymbol? Type, MetadataReference? Reference)> Types { get; } = new(System.StringComparer.Ordinal);
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<MetadataReference>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(MetadataReference? x, MetadataReference? y) => ReferenceEquals(x, y);

        public int GetHashCode(MetadataReference obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
