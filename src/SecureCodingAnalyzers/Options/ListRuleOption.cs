using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureCodingAnalyzers.Options;

/// <summary>
/// A list of names (package ids, for example), separated by commas or whitespace (in <c>.editorconfig</c> and
/// <c>.globalconfig</c> files a semicolon starts a comment, so it ends the list). An entry that ends in
/// <c>*</c> is a prefix pattern (<c>Contoso.*</c> matches <c>Contoso.Plc</c> but not <c>Contoso</c> or
/// <c>ContosoTools</c>); every other entry must match a name exactly. Matching ignores case. The default is empty
/// unless the option declares one; an empty value (<c>key =</c>) clears a default. Separators inside parentheses
/// belong to the entry, so documentation-comment ids of methods with several parameters
/// (<c>M:Plant.Io.Open(System.String,System.Int32)</c>) are one entry.
/// </summary>
public sealed class ListRuleOption : RuleOption
{
    private static readonly char[] Separators = { ',', ';', ' ', '\t' };

    private readonly ImmutableArray<string> _default;

    /// <summary>Creates the option (empty by default, or <paramref name="defaultEntries"/> when the option is absent).</summary>
    public ListRuleOption(string ruleId, string name, string description, params string[] defaultEntries)
        : base(ruleId, name, description)
    {
        _default = defaultEntries.ToImmutableArray();
    }

    /// <inheritdoc/>
    public override string DefaultText => _default.IsEmpty ? "(empty)" : string.Join(", ", _default);

    /// <summary>Reads the entries from a set of config options (empty when the option is absent).</summary>
    public ImmutableArray<string> Read(AnalyzerConfigOptions options)
    {
        var raw = ReadRaw(options);
        if (raw is null)
        {
            return _default;
        }

        if (raw.Length == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        // Separators inside parentheses belong to the entry: M:Plant.Io.Open(System.String,System.Int32).
        var builder = ImmutableArray.CreateBuilder<string>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i <= raw!.Length; i++)
        {
            var c = i < raw.Length ? raw[i] : ',';
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if ((depth == 0 || i == raw.Length) && Array.IndexOf(Separators, c) >= 0)
            {
                var entry = raw.Substring(start, i - start).Trim();
                if (entry.IndexOf('(') >= 0)
                {
                    entry = entry.Replace(" ", string.Empty).Replace("\t", string.Empty);
                }

                if (entry.Length > 0)
                {
                    builder.Add(entry);
                }

                start = i + 1;
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>True when <paramref name="name"/> matches one of the <paramref name="entries"/>.</summary>
    public static bool Matches(ImmutableArray<string> entries, string name)
    {
        foreach (var entry in entries)
        {
            if (entry.EndsWith("*", StringComparison.Ordinal)
                ? name.StartsWith(entry.Substring(0, entry.Length - 1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(entry, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
