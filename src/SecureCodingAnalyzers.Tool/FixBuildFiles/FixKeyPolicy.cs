using System.Collections.Generic;
using SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;

namespace SecureCodingAnalyzers.Tool.FixBuildFiles;

/// <summary>
/// Which of the fixes offered for a finding the tool applies (the IDE lets the user pick; the tool must decide):
/// <list type="bullet">
/// <item>SCR5001 (floating version): the minimum version <c>1.2.3</c>, or the exact version <c>[1.2.3]</c> with
/// <c>--exact</c>. Both are what restore resolved; the minimum form is NuGet's usual style and, with the lock file,
/// just as reproducible.</item>
/// <item>SCR5002 (version range): its fixer only offers the exact version <c>[1.2.3]</c>, with or without
/// <c>--exact</c> (rewriting a range as a bare minimum would silently widen what it accepts).</item>
/// <item>Every other rule: the first fix the fixer offers. Fixers list their safest fix first; the only rule with
/// alternatives today is SCR5030, where "set to the strongest value" (explicit, and independent of NuGet's defaults
/// changing) comes before "remove the property".</item>
/// </list>
/// The order of the fixes: SCR5040 (misspelled property) first, because the rename is what the author meant and can
/// make other findings moot (a misspelled <c>RestorePackagesWithLockFile</c> must be renamed, not duplicated by
/// SCR5003's fix); then by rule id.
/// </summary>
public static class FixKeyPolicy
{
    /// <summary>The order in which rules are fixed: lower first.</summary>
    public static int Order(string ruleId) => ruleId == RuleCatalog.MisspelledNuGetProperty.Id ? 0 : 1;

    /// <summary>The equivalence key to apply for a finding of <paramref name="ruleId"/>, or null when none is offered.</summary>
    public static string? Choose(string ruleId, IReadOnlyList<string?> offeredKeys, bool exact)
    {
        if (ruleId == RuleCatalog.FloatingPackageVersion.Id)
        {
            var preferred = exact ? FloatingPackageVersionCodeFixProvider.ExactKey : FloatingPackageVersionCodeFixProvider.MinimumKey;
            if (Contains(offeredKeys, preferred))
            {
                return preferred;
            }
        }

        foreach (var key in offeredKeys)
        {
            if (!string.IsNullOrEmpty(key))
            {
                return key;
            }
        }

        return null;
    }

    private static bool Contains(IReadOnlyList<string?> keys, string key)
    {
        foreach (var offered in keys)
        {
            if (offered == key)
            {
                return true;
            }
        }

        return false;
    }
}
