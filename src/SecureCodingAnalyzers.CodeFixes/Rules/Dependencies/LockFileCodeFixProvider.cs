using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Dependencies;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Dependencies;

/// <summary>
/// SCR5003: enable the lock file, in Directory.Build.props when the build has one (every project under it then
/// writes one), otherwise in the project file; an existing <c>RestorePackagesWithLockFile</c> element (the only one)
/// is set to true instead. SCR5004: add <c>RestoreLockedMode</c> conditioned on <c>ContinuousIntegrationBuild</c> or
/// <c>CI</c> next to <c>RestorePackagesWithLockFile</c> (or, when no element enables the lock file, where SCR5003's
/// fix would put it). Not offered when the file already sets the property the fix would add: that setup needs a
/// decision, not a rewrite.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LockFileCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class LockFileCodeFixProvider : BuildFileCodeFixProvider
{
    /// <summary>Equivalence key of the SCR5003 fix.</summary>
    public const string EnableLockFileKey = "SCR5003.EnableLockFile";

    /// <summary>Equivalence key of the SCR5004 fix.</summary>
    public const string LockedModeKey = "SCR5004.LockedModeInCi";

    /// <summary>The element the SCR5003 fix adds.</summary>
    public const string LockFileElement = "<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>";

    /// <summary>The element the SCR5004 fix adds.</summary>
    public const string LockedModeElement = "<RestoreLockedMode Condition=\"'$(ContinuousIntegrationBuild)' == 'true' or '$(CI)' == 'true'\">true</RestoreLockedMode>";

    private const string LockProperty = "RestorePackagesWithLockFile";
    private const string LockedModeProperty = "RestoreLockedMode";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleCatalog.LockFileNotEnabled.Id,
        RuleCatalog.LockedRestoreNotEnforced.Id);

    /// <inheritdoc/>
    protected override string? TargetPath(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(LockFileAnalyzer.FixFileProperty, out var path) && !string.IsNullOrEmpty(path) ? path : null;

    /// <inheritdoc/>
    protected override IEnumerable<BuildFileFix> GetFixes(SourceText text, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(LockFileAnalyzer.FixProperty, out var fix) || BuildXml.Parse(text).Root is not { } root)
        {
            yield break;
        }

        var fileName = BuildPaths.FileNameOf(TargetPath(diagnostic) ?? diagnostic.Location.GetLineSpan().Path);
        if (diagnostic.Id == RuleCatalog.LockFileNotEnabled.Id)
        {
            var existing = Properties(root, LockProperty);
            if (fix == LockFileAnalyzer.SetTrueFix && existing.Count == 1 && existing[0].Text is not null)
            {
                yield return new BuildFileFix($"Set RestorePackagesWithLockFile to true in {fileName}", EnableLockFileKey, Replace(existing[0].TextSpan, "true"));
            }
            else if (fix == LockFileAnalyzer.AddFix && existing.Count == 0)
            {
                yield return new BuildFileFix($"Enable the lock file in {fileName}", EnableLockFileKey, BuildXmlEdits.AddProperty(text, root, LockFileElement));
            }
        }
        else if (diagnostic.Id == RuleCatalog.LockedRestoreNotEnforced.Id && Properties(root, LockedModeProperty).Count == 0)
        {
            if (fix == LockFileAnalyzer.AfterElementFix)
            {
                foreach (var element in Properties(root, LockProperty))
                {
                    if (element.NameSpan == diagnostic.Location.SourceSpan)
                    {
                        yield return new BuildFileFix($"Restore in locked mode in CI builds ({fileName})", LockedModeKey, BuildXmlEdits.InsertAfter(text, element, LockedModeElement));
                    }
                }
            }
            else if (fix == LockFileAnalyzer.AddFix)
            {
                yield return new BuildFileFix($"Restore in locked mode in CI builds ({fileName})", LockedModeKey, BuildXmlEdits.AddProperty(text, root, LockedModeElement));
            }
        }
    }

    /// <summary>The elements setting a property (inside a PropertyGroup), in document order.</summary>
    private static List<BuildXmlElement> Properties(BuildXmlElement root, string name)
    {
        var elements = new List<BuildXmlElement>();
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Is(name) && element.Parent?.Is("PropertyGroup") == true)
            {
                elements.Add(element);
            }
        }

        return elements;
    }
}
