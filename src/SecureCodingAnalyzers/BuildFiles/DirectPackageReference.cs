using System;
using System.Collections.Generic;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// A package the project references directly, as written in the XML it can see: <c>PackageReference Include</c> in
/// the project file and <c>Directory.Build.props</c>, and (under Central Package Management)
/// <c>GlobalPackageReference Include</c> in <c>Directory.Packages.props</c>. <c>Update</c> and <c>Remove</c> items
/// are not references; they are collected separately so callers can leave the ids they change alone.
/// </summary>
internal sealed class DirectPackageReference
{
    private DirectPackageReference(BuildFile file, BuildXmlElement element, string id, bool isExact)
    {
        File = file;
        Element = element;
        Id = id;
        IsExact = isExact;
    }

    /// <summary>The file the item is written in.</summary>
    public BuildFile File { get; }

    /// <summary>The item element.</summary>
    public BuildXmlElement Element { get; }

    /// <summary>The package id.</summary>
    public string Id { get; }

    /// <summary>
    /// True when the item names exactly this one package (no list, wildcard or MSBuild reference in Include) and
    /// applies in every build (neither it nor an enclosing element has a condition).
    /// </summary>
    public bool IsExact { get; }

    /// <summary>True for <c>GlobalPackageReference</c>.</summary>
    public bool IsGlobal => Element.Is("GlobalPackageReference");

    /// <summary>The value of <c>Version</c> (attribute or element), or null.</summary>
    public string? Version => ValueOf(Element, "Version");

    /// <summary>The value of <c>VersionOverride</c> (attribute or element), or null.</summary>
    public string? VersionOverride => ValueOf(Element, "VersionOverride");

    /// <summary>Every direct reference in the build's XML, in file order (project, Directory.Build.props, Directory.Packages.props).</summary>
    public static List<DirectPackageReference> Collect(BuildConfiguration build, out HashSet<string> changedIds)
        => Collect(
            build.First(BuildFileKind.Project),
            build.First(BuildFileKind.DirectoryBuildProps),
            build.First(BuildFileKind.DirectoryPackagesProps),
            build.IsTrue("ManagePackageVersionsCentrally"),
            out changedIds);

    /// <summary>
    /// Every direct reference in these files, in file order; <paramref name="managesVersionsCentrally"/> is the
    /// evaluated <c>ManagePackageVersionsCentrally</c> (Directory.Packages.props is read only then).
    /// </summary>
    public static List<DirectPackageReference> Collect(BuildFile? project, BuildFile? directoryBuildProps, BuildFile? directoryPackagesProps, bool managesVersionsCentrally, out HashSet<string> changedIds)
    {
        var references = new List<DirectPackageReference>();
        changedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (kind, file) in new[] { (BuildFileKind.Project, project), (BuildFileKind.DirectoryBuildProps, directoryBuildProps), (BuildFileKind.DirectoryPackagesProps, directoryPackagesProps) })
        {
            if (file is null || file.Xml.Root is null)
            {
                continue;
            }

            var itemName = kind == BuildFileKind.DirectoryPackagesProps ? "GlobalPackageReference" : "PackageReference";
            if (kind == BuildFileKind.DirectoryPackagesProps && !managesVersionsCentrally)
            {
                continue;
            }

            foreach (var element in file.Xml.Elements)
            {
                if (!element.Is(itemName) || element.Parent?.Is("ItemGroup") != true)
                {
                    continue;
                }

                if (element.Attribute("Include") is not { } include)
                {
                    foreach (var name in new[] { "Update", "Remove" })
                    {
                        if (element.Attribute(name) is { } changed)
                        {
                            foreach (var id in Split(changed.Value))
                            {
                                changedIds.Add(id);
                            }
                        }
                    }

                    continue;
                }

                var ids = Split(include.Value);
                var plain = ids.Count == 1 && !BuildFileRules.IsUnevaluated(ids[0]) && ids[0].IndexOf('*') < 0;
                var unconditional = !IsConditional(element);
                foreach (var id in ids)
                {
                    references.Add(new DirectPackageReference(file, element, id, plain && unconditional));
                }
            }
        }

        return references;
    }

    /// <summary>True when the element or an enclosing element has a condition (or sits in a Choose).</summary>
    public static bool IsConditional(BuildXmlElement element)
    {
        for (var current = element; current is not null; current = current.Parent)
        {
            if (current.Attribute("Condition") is { } condition && condition.Value.Trim().Length > 0)
            {
                return true;
            }

            if (current.Is("When") || current.Is("Otherwise") || current.Is("Choose"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of a metadata written as attribute or child element, or null.</summary>
    public static string? ValueOf(BuildXmlElement element, string name)
        => element.Attribute(name)?.Value.Trim() is { Length: > 0 } attribute ? attribute : element.Child(name)?.Text;

    private static List<string> Split(string value)
    {
        var ids = new List<string>();
        foreach (var part in value.Split(';'))
        {
            var id = part.Trim();
            if (id.Length > 0)
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
