using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Options;

namespace SecureCodingAnalyzers.Rules.Dependencies;

/// <summary>
/// Package signatures.
/// SCR5020 (Info): the nearest nuget.config does not set <c>signatureValidationMode</c> to <c>require</c>; reported on
/// the existing value, or on <c>&lt;configuration&gt;</c> when the key is absent.
/// SCR5021: trusted signers missing (require mode without <c>&lt;trustedSigners&gt;</c> in the same file) or weakened
/// (<c>allowUntrustedRoot="true"</c>, SHA-1 fingerprints).
/// SCR5022: a package in <c>obj/project.assets.json</c> whose file list has no <c>.signature.p7s</c>. Reported on the
/// <c>PackageReference</c> in the project file when the project references the package directly, otherwise on the
/// library entry of the assets file (the only place the evidence is). Project references are not packages.
/// SCR5023: the evaluated <c>DOTNET_NUGET_SIGNATURE_VERIFICATION</c> is <c>false</c>; reported on the project file's
/// root element, once per project.
/// All findings are reported by one inner build of a multi-targeting project (the assets file and nuget.config are
/// shared by the target frameworks).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PackageSignatureAnalyzer : DiagnosticAnalyzer
{
    /// <summary>SCR5022: package ids that may be restored without a signature (packages built in-house).</summary>
    public static readonly ListRuleOption AllowedUnsignedPackages = new(
        "SCR5022",
        "allowed_unsigned_packages",
        "Package ids that may be restored without a signature, separated by commas; a trailing * matches a prefix (Contoso.*).");

    /// <summary>SCR5020 property: <c>Value</c> (an existing signatureValidationMode value) or <c>Missing</c>.</summary>
    public const string ModeProperty = "Mode";

    /// <summary>SCR5020 property: <c>true</c> when the file lists trusted signers, so require mode can be set safely.</summary>
    public const string HasTrustedSignersProperty = "HasTrustedSigners";

    private const string SignatureFile = ".signature.p7s";
    private const string SignatureValidationMode = "signatureValidationMode";
    private const string VerificationVariable = "DOTNET_NUGET_SIGNATURE_VERIFICATION";

    private static readonly DerivedKey<ImmutableArray<UnsignedLibrary>> s_unsignedLibraries = new("SCR5022 unsigned libraries");
    private static readonly DerivedKey<Dictionary<string, TextSpan>> s_directReferences = new("SCR5022 direct package references");
    private static readonly DerivedKey<ImmutableArray<BuildFinding>> s_configFindings = new("SCR5020/SCR5021 nuget.config findings");
    private static readonly Dictionary<string, TextSpan> s_noReferences = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.SignatureValidationNotRequired,
        Catalog.Rules.WeakTrustedSigners,
        Catalog.Rules.UnsignedPackage,
        Catalog.Rules.SignatureVerificationDisabled);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var build = BuildConfiguration.For(start.Options, start.CancellationToken);
            if (!build.IsRestored || !build.ReportsSharedFiles)
            {
                return;
            }

            var provider = start.Options.AnalyzerConfigOptionsProvider;
            var assets = build.First(BuildFileKind.AssetsFile);
            var unsigned = new Lazy<ImmutableArray<UnsignedLibrary>>(() => assets?.Derived(s_unsignedLibraries, UnsignedLibraries) ?? ImmutableArray<UnsignedLibrary>.Empty);
            var direct = new Lazy<Dictionary<string, TextSpan>>(() => build.Project?.Derived(s_directReferences, DirectReferences) ?? s_noReferences);
            start.RegisterAdditionalFileAction(c =>
            {
                var file = build.ReportableFile(c.AdditionalFile);
                switch (file?.Kind)
                {
                    case BuildFileKind.NuGetConfig:
                        // The messages name the file: its name is part of the key.
                        foreach (var finding in file.Derived(s_configFindings, file.FileName, NuGetConfigFindings))
                        {
                            c.ReportDiagnostic(finding.ToDiagnostic(file));
                        }

                        break;

                    case BuildFileKind.Project when file.Xml.Root is { } project:
                        if (string.Equals(build.Property(VerificationVariable), "false", StringComparison.OrdinalIgnoreCase))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.SignatureVerificationDisabled, file.LocationOf(project.NameSpan), build.Property(VerificationVariable)));
                        }

                        ReportUnsigned(c, file, unsigned.Value, direct.Value, reportDirect: true, provider);
                        break;

                    case BuildFileKind.AssetsFile:
                        ReportUnsigned(c, file, unsigned.Value, direct.Value, reportDirect: false, provider);
                        break;
                }
            });
        });
    }

    /// <summary>SCR5020 and SCR5021 in a nuget.config (derived once per content and file name).</summary>
    private static ImmutableArray<BuildFinding> NuGetConfigFindings(BuildFile file)
    {
        var findings = ImmutableArray.CreateBuilder<BuildFinding>();
        if (file.Xml.Root is not { } configuration)
        {
            return findings.ToImmutable();
        }

        // NuGet reads the last add of a key in <config>.
        BuildXmlAttribute? mode = null;
        foreach (var config in configuration.Children)
        {
            if (!config.Is("config"))
            {
                continue;
            }

            foreach (var add in config.Children)
            {
                if (add.Is("add")
                    && string.Equals(add.Attribute("key")?.Value.Trim(), SignatureValidationMode, StringComparison.OrdinalIgnoreCase)
                    && add.Attribute("value") is { } value)
                {
                    mode = value;
                }
            }
        }

        var signers = new List<BuildXmlElement>();
        foreach (var section in configuration.Children)
        {
            if (section.Is("trustedSigners"))
            {
                foreach (var signer in section.Children)
                {
                    if (signer.Is("author") || signer.Is("repository"))
                    {
                        signers.Add(signer);
                    }
                }
            }
        }

        var requires = string.Equals(mode?.Value.Trim(), "require", StringComparison.OrdinalIgnoreCase);
        if (!requires)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ModeProperty, mode is null ? "Missing" : "Value")
                .Add(HasTrustedSignersProperty, signers.Count > 0 ? "true" : "false");
            findings.Add(new BuildFinding(
                Catalog.Rules.SignatureValidationNotRequired,
                mode?.ValueSpan ?? configuration.NameSpan,
                properties,
                file.FileName));
        }
        else if (signers.Count == 0)
        {
            findings.Add(new BuildFinding(
                Catalog.Rules.WeakTrustedSigners,
                mode!.ValueSpan,
                null,
                file.FileName,
                "signatureValidationMode is require but the file lists no trustedSigners; which signers are trusted is left to each machine's user-level NuGet configuration (restore fails with NU3034 where there are none)"));
        }

        foreach (var signer in signers)
        {
            var where = $"{signer.Name} '{signer.Attribute("name")?.Value ?? "?"}'";
            foreach (var certificate in signer.Children)
            {
                if (!certificate.Is("certificate"))
                {
                    continue;
                }

                if (certificate.Attribute("allowUntrustedRoot") is { } untrusted
                    && string.Equals(untrusted.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add(new BuildFinding(
                        Catalog.Rules.WeakTrustedSigners,
                        untrusted.ValueSpan,
                        null,
                        where,
                        "allowUntrustedRoot=\"true\" accepts signatures whose certificate chain ends in an untrusted (possibly self-made) root, where revocation cannot be relied on; trust a certificate that chains to a trusted root"));
                }

                if (certificate.Attribute("hashAlgorithm") is { } algorithm
                    && IsSha1(algorithm.Value))
                {
                    findings.Add(new BuildFinding(
                        Catalog.Rules.WeakTrustedSigners,
                        algorithm.ValueSpan,
                        null,
                        where,
                        "the certificate is pinned by a SHA-1 fingerprint (hashAlgorithm=\"" + algorithm.Value.Trim() + "\"); pin its SHA256 fingerprint"));
                }
                else if (certificate.Attribute("fingerprint") is { } fingerprint && IsSha1Fingerprint(fingerprint.Value))
                {
                    findings.Add(new BuildFinding(
                        Catalog.Rules.WeakTrustedSigners,
                        fingerprint.ValueSpan,
                        null,
                        where,
                        "the certificate fingerprint has 40 hex digits, a SHA-1 fingerprint; pin its SHA256 fingerprint (64 hex digits)"));
                }
            }
        }

        return findings.ToImmutable();
    }

    private static void ReportUnsigned(
        AdditionalFileAnalysisContext context,
        BuildFile file,
        ImmutableArray<UnsignedLibrary> unsigned,
        Dictionary<string, TextSpan> direct,
        bool reportDirect,
        AnalyzerConfigOptionsProvider provider)
    {
        if (unsigned.IsEmpty)
        {
            return;
        }

        var allowed = AllowedUnsignedPackages.Read(provider.GetOptions(context.AdditionalFile));
        if (allowed.IsEmpty)
        {
            allowed = AllowedUnsignedPackages.Read(provider.GlobalOptions);
        }

        foreach (var library in unsigned)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (ListRuleOption.Matches(allowed, library.Id))
            {
                continue;
            }

            var isDirect = direct.TryGetValue(library.Id, out var include);
            if (reportDirect == isDirect)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Catalog.Rules.UnsignedPackage,
                    file.LocationOf(isDirect ? include : library.NameSpan),
                    library.Id,
                    library.Version));
            }
        }
    }

    /// <summary>Packages of the assets file whose file list has no signature (project references are skipped); derived once per content.</summary>
    private static ImmutableArray<UnsignedLibrary> UnsignedLibraries(BuildFile assets)
    {
        var result = ImmutableArray.CreateBuilder<UnsignedLibrary>();
        foreach (var library in AssetsLibraries.Of(assets))
        {
            if (!library.IsPackage
                || library.Entry.Value["files"] is not { Kind: JsonKind.Array, Items.Count: > 0 } files
                || HasSignature(files))
            {
                continue;
            }

            result.Add(new UnsignedLibrary(library.Id, library.Version, library.Entry.NameSpan));
        }

        return result.ToImmutable();
    }

    private static bool HasSignature(JsonValue files)
    {
        foreach (var item in files.Items)
        {
            if (string.Equals(item.Text, SignatureFile, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The packages the project file references directly (<c>PackageReference Include</c>), with where; derived once
    /// per content (the dictionary is shared: do not change it).
    /// </summary>
    private static Dictionary<string, TextSpan> DirectReferences(BuildFile project)
    {
        var result = new Dictionary<string, TextSpan>(StringComparer.OrdinalIgnoreCase);
        if (project.Xml.Root is null)
        {
            return result;
        }

        foreach (var element in project.Xml.Elements)
        {
            if (element.Is("PackageReference")
                && element.Parent?.Is("ItemGroup") == true
                && element.Attribute("Include") is { } include
                && include.Value.Trim() is { Length: > 0 } id
                && !BuildFileRules.IsUnevaluated(id)
                && !result.ContainsKey(id))
            {
                result.Add(id, include.ValueSpan);
            }
        }

        return result;
    }

    private static bool IsSha1(string algorithm)
    {
        var name = algorithm.Trim();
        return string.Equals(name, "SHA1", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "SHA-1", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSha1Fingerprint(string fingerprint)
    {
        var digits = 0;
        foreach (var ch in fingerprint)
        {
            if (ch is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'))
            {
                digits++;
            }
            else if (ch is not (' ' or ':' or '-' or '\t'))
            {
                return false;
            }
        }

        return digits == 40;
    }

    private readonly struct UnsignedLibrary
    {
        public UnsignedLibrary(string id, string version, TextSpan nameSpan)
        {
            Id = id;
            Version = version;
            NameSpan = nameSpan;
        }

        public string Id { get; }

        public string Version { get; }

        public TextSpan NameSpan { get; }
    }
}
