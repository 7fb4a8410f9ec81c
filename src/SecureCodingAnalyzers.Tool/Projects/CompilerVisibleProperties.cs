using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace SecureCodingAnalyzers.Tool.Projects;

/// <summary>
/// The MSBuild properties the compiler hands to the build-file analyzers, and the one place that computes the
/// comma-separated copies of list properties outside a build.
/// <para>
/// The package's targets (src/SecureCodingAnalyzers.Package/build/SecureCodingAnalyzers.targets) declare each name as
/// a <c>CompilerVisibleProperty</c>. Most are plain evaluated properties (<see cref="Evaluated"/>): the tool asks
/// MSBuild for them with <c>-getProperty</c>. Four are written by the target <c>_SecureCodingListProperties</c> just
/// before the compiler's config is generated, because the compiler reads a <c>build_property</c> value only up to its
/// first ';': <c>SecureCodingNoWarn</c> and friends hold the list with every run of separators and white space turned
/// into one ','. An evaluation does not run targets, so the tool computes them here from the evaluated values with
/// the same expression (<see cref="ListSeparators"/>). A test compares both lists and the expression with the targets
/// file, so the two cannot drift apart.
/// </para>
/// </summary>
public static class CompilerVisibleProperties
{
    /// <summary>The pattern the targets replace by ',' in list properties (<c>[\s;,]+</c>).</summary>
    public const string ListSeparators = @"[\s;,]+";

    private static readonly Regex s_separators = new(ListSeparators, RegexOptions.CultureInvariant);

    /// <summary>The compiler-visible properties MSBuild evaluates, in the targets' order.</summary>
    public static ImmutableArray<string> Evaluated { get; } = ImmutableArray.Create(
        "SecureCodingProfile",
        "SecureCodingReportSharedFiles",
        "RestorePackagesWithLockFile",
        "RestoreLockedMode",
        "ContinuousIntegrationBuild",
        "ManagePackageVersionsCentrally",
        "CentralPackageFloatingVersionsEnabled",
        "NuGetAudit",
        "NuGetAuditMode",
        "NuGetAuditLevel",
        "NoWarn",
        "WarningsNotAsErrors",
        "WarningsAsErrors",
        "TreatWarningsAsErrors",
        "TargetFramework",
        "TargetFrameworks",
        "TargetFrameworkIdentifier",
        "DOTNET_NUGET_SIGNATURE_VERIFICATION",
        "IsTestProject");

    /// <summary>The comma-separated copies the targets write (copy name, source property).</summary>
    public static ImmutableArray<(string Copy, string Source)> ListCopies { get; } = ImmutableArray.Create(
        ("SecureCodingNoWarn", "NoWarn"),
        ("SecureCodingWarningsNotAsErrors", "WarningsNotAsErrors"),
        ("SecureCodingWarningsAsErrors", "WarningsAsErrors"),
        ("SecureCodingTargetFrameworks", "TargetFrameworks"));

    /// <summary>A list property's value as the targets copy it: separators and white space become one ','.</summary>
    public static string CommaSeparated(string value) => s_separators.Replace(value, ",");

    /// <summary>The items of a list property (NoWarn, TargetFrameworks...), without empty ones.</summary>
    public static ImmutableArray<string> Items(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ImmutableArray<string>.Empty;
        }

        var items = ImmutableArray.CreateBuilder<string>();
        foreach (var item in s_separators.Split(value))
        {
            if (item.Length > 0)
            {
                items.Add(item);
            }
        }

        return items.ToImmutable();
    }

    /// <summary>
    /// The <c>build_property</c> values the compiler would get: each evaluated property (empty when unset), then the
    /// comma-separated copies, in the targets' order.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ForCompiler(Func<string, string?> evaluated)
    {
        var properties = new List<KeyValuePair<string, string>>();
        foreach (var name in Evaluated)
        {
            properties.Add(new(name, evaluated(name) ?? string.Empty));
        }

        foreach (var (copy, source) in ListCopies)
        {
            properties.Add(new(copy, CommaSeparated(evaluated(source) ?? string.Empty)));
        }

        return properties;
    }
}
