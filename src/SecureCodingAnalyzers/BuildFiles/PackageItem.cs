using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>A package item's version as written in a build file: attribute or element, Version or VersionOverride.</summary>
internal readonly struct PackageItem
{
    private PackageItem(string itemName, string id, string version, TextSpan versionSpan, string versionName)
    {
        ItemName = itemName;
        Id = id;
        Version = version;
        VersionSpan = versionSpan;
        VersionName = versionName;
    }

    /// <summary>PackageReference, PackageVersion, GlobalPackageReference or PackageDownload.</summary>
    public string ItemName { get; }

    /// <summary>The package id (Include or Update).</summary>
    public string Id { get; }

    /// <summary>The version text as written.</summary>
    public string Version { get; }

    /// <summary>Where the version text is.</summary>
    public TextSpan VersionSpan { get; }

    /// <summary>Version or VersionOverride.</summary>
    public string VersionName { get; }

    /// <summary>Every version of every package item in an XML build file (none when the file is malformed).</summary>
    public static IEnumerable<PackageItem> All(BuildFile file)
    {
        foreach (var element in file.Xml.Elements)
        {
            if (!IsPackageItem(element) || element.Parent?.Is("ItemGroup") != true)
            {
                continue;
            }

            var id = (element.Attribute("Include") ?? element.Attribute("Update"))?.Value.Trim();
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            foreach (var name in new[] { "Version", "VersionOverride" })
            {
                if (element.Attribute(name) is { } attribute)
                {
                    yield return new PackageItem(element.Name, id!, attribute.Value.Trim(), attribute.ValueSpan, name);
                }
                else if (element.Child(name) is { Text: { } text } child)
                {
                    yield return new PackageItem(element.Name, id!, text, child.TextSpan, name);
                }
            }
        }
    }

    private static bool IsPackageItem(BuildXmlElement element)
    {
        foreach (var name in BuildFileRules.PackageItems)
        {
            if (element.Is(name))
            {
                return true;
            }
        }

        return false;
    }
}
