using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The types the code-integrity part of the engine recognizes (integrity checks, file writes, downloads), resolved
/// once per compilation. Absent types stay null and their checks never match.
/// </summary>
internal sealed class IntegrityTypes
{
    private IntegrityTypes(Compilation compilation)
    {
        FixedTime = compilation.GetTypeByMetadataName("System.Security.Cryptography.CryptographicOperations");
        Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
        MemoryExtensions = compilation.GetTypeByMetadataName("System.MemoryExtensions");
        AsymmetricAlgorithm = compilation.GetTypeByMetadataName("System.Security.Cryptography.AsymmetricAlgorithm");
        SignatureDeformatter = compilation.GetTypeByMetadataName("System.Security.Cryptography.AsymmetricSignatureDeformatter");
        SignedCms = compilation.GetTypeByMetadataName("System.Security.Cryptography.Pkcs.SignedCms");
        SignerInfo = compilation.GetTypeByMetadataName("System.Security.Cryptography.Pkcs.SignerInfo");
        SignatureVerificationResult = compilation.GetTypeByMetadataName("NuGet.Packaging.Signing.VerifySignaturesResult");
        File = compilation.GetTypeByMetadataName("System.IO.File");
        FileInfo = compilation.GetTypeByMetadataName("System.IO.FileInfo");
        FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        ZipFile = compilation.GetTypeByMetadataName("System.IO.Compression.ZipFile");
        ZipFileExtensions = compilation.GetTypeByMetadataName("System.IO.Compression.ZipFileExtensions");
        TarFile = compilation.GetTypeByMetadataName("System.Formats.Tar.TarFile");
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        WebClient = compilation.GetTypeByMetadataName("System.Net.WebClient");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
    }

    public INamedTypeSymbol? FixedTime { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? MemoryExtensions { get; }

    public INamedTypeSymbol? AsymmetricAlgorithm { get; }

    public INamedTypeSymbol? SignatureDeformatter { get; }

    public INamedTypeSymbol? SignedCms { get; }

    public INamedTypeSymbol? SignerInfo { get; }

    public INamedTypeSymbol? SignatureVerificationResult { get; }

    public INamedTypeSymbol? File { get; }

    public INamedTypeSymbol? FileInfo { get; }

    public INamedTypeSymbol? FileStream { get; }

    public INamedTypeSymbol? ZipFile { get; }

    public INamedTypeSymbol? ZipFileExtensions { get; }

    public INamedTypeSymbol? TarFile { get; }

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? WebClient { get; }

    public INamedTypeSymbol? Uri { get; }

    public static IntegrityTypes Resolve(Compilation compilation) => new(compilation);
}
