using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The types the code-integrity part of the engine recognizes (integrity checks, file writes, downloads), resolved
/// once per compilation. Absent types stay null and their checks never match.
/// </summary>
internal sealed class IntegrityTypes
{
    private IntegrityTypes(Compilation compilation)
    {
        FixedTime = compilation.ResolveType("System.Security.Cryptography.CryptographicOperations");
        Enumerable = compilation.ResolveType("System.Linq.Enumerable");
        MemoryExtensions = compilation.ResolveType("System.MemoryExtensions");
        AsymmetricAlgorithm = compilation.ResolveType("System.Security.Cryptography.AsymmetricAlgorithm");
        SignatureDeformatter = compilation.ResolveType("System.Security.Cryptography.AsymmetricSignatureDeformatter");
        SignedCms = compilation.ResolveType("System.Security.Cryptography.Pkcs.SignedCms");
        SignerInfo = compilation.ResolveType("System.Security.Cryptography.Pkcs.SignerInfo");
        SignatureVerificationResult = compilation.ResolveType("NuGet.Packaging.Signing.VerifySignaturesResult");
        File = compilation.ResolveType("System.IO.File");
        FileInfo = compilation.ResolveType("System.IO.FileInfo");
        FileStream = compilation.ResolveType("System.IO.FileStream");
        ZipFile = compilation.ResolveType("System.IO.Compression.ZipFile");
        ZipFileExtensions = compilation.ResolveType("System.IO.Compression.ZipFileExtensions");
        TarFile = compilation.ResolveType("System.Formats.Tar.TarFile");
        HttpClient = compilation.ResolveType("System.Net.Http.HttpClient");
        WebClient = compilation.ResolveType("System.Net.WebClient");
        Uri = compilation.ResolveType("System.Uri");
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
