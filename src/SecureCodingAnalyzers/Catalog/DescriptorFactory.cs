using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>
/// The one place descriptors are made. It derives what must never drift between rules: the help link, the custom
/// tags the compiler writes into SARIF (<c>security</c>, <c>CWE-n</c>, <c>IEC62443-4-1:req</c>) and the default
/// severity from the rubric level.
/// </summary>
public static class DescriptorFactory
{
    /// <summary>Where rule pages live; the help link of every rule points here.</summary>
    public const string HelpLinkBase = "https://github.com/secure-coding-analyzers/SecureCodingAnalyzers/blob/main/rules/";

    /// <summary>Custom tag every rule carries.</summary>
    public const string SecurityTag = "security";

    /// <summary>Prefix of the CWE custom tags.</summary>
    public const string CwePrefix = "CWE-";

    /// <summary>Prefix of the IEC 62443-4-1 custom tags.</summary>
    public const string IecPrefix = "IEC62443-4-1:";

    /// <summary>Creates a descriptor. <paramref name="cwe"/> and <paramref name="iec"/> must not be empty.</summary>
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        RuleLevel level,
        int[] cwe,
        string[] iec,
        string description)
    {
        if (cwe.Length == 0 || iec.Length == 0)
        {
            throw new ArgumentException($"{id}: every rule maps to at least one CWE and one IEC 62443-4-1 requirement.");
        }

        var tags = new List<string>(2 + cwe.Length + iec.Length) { SecurityTag };
        foreach (var c in cwe)
        {
            tags.Add(CwePrefix + c.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var r in iec)
        {
            tags.Add(IecPrefix + r);
        }

        // Rules on non-C# files (build files) carry CompilationEnd; none in this family.
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            category,
            SeverityOf(level),
            isEnabledByDefault: level != RuleLevel.OptIn,
            description,
            HelpLinkBase + id + ".md",
            tags.ToArray());
    }

    /// <summary>The default severity a rubric level maps to.</summary>
    public static DiagnosticSeverity SeverityOf(RuleLevel level) => level switch
    {
        RuleLevel.Error => DiagnosticSeverity.Error,
        RuleLevel.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    /// <summary>Recovers the rubric level of a descriptor (for docs and profiles).</summary>
    public static RuleLevel LevelOf(DiagnosticDescriptor descriptor)
    {
        if (!descriptor.IsEnabledByDefault)
        {
            return RuleLevel.OptIn;
        }

        return descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => RuleLevel.Error,
            DiagnosticSeverity.Warning => RuleLevel.Warning,
            _ => RuleLevel.Heuristic,
        };
    }
}
