using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// SCR1003: ECB mode. Reports the constant <c>CipherMode.ECB</c> assigned to <c>SymmetricAlgorithm.Mode</c> (statement
/// or object initializer; the object then encrypts and decrypts in ECB) and the one-shot encryption calls
/// <c>EncryptEcb</c>/<c>TryEncryptEcb</c>. Decryption is not reported: reading legacy data is a legitimate need and
/// produces no new ECB ciphertext. That covers <c>DecryptEcb</c>/<c>TryDecryptEcb</c> and the <c>Mode</c> of an
/// object whose whole life is visible: created in the method (<c>Aes.Create()</c>, <c>new ...</c>), used only as the
/// receiver of its members, at least one of them a decryption and none an encryption. Reading or comparing
/// <c>Mode</c> is not a use.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EcbCipherModeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.EcbCipherMode);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var symmetricAlgorithm = start.Compilation.ResolveType("System.Security.Cryptography.SymmetricAlgorithm");
            if (symmetricAlgorithm is null)
            {
                return;
            }

            var cipherMode = start.Compilation.ResolveType("System.Security.Cryptography.CipherMode");
            var ecb = cipherMode?.GetMembers("ECB").OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue)?.ConstantValue;
            if (cipherMode is not null && ecb is not null)
            {
                start.RegisterOperationAction(c => AnalyzeAssignment(c, symmetricAlgorithm, cipherMode, ecb), OperationKind.SimpleAssignment);
            }

            start.RegisterOperationAction(c => AnalyzeInvocation(c, symmetricAlgorithm), OperationKind.Invocation);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol symmetricAlgorithm, INamedTypeSymbol cipherMode, object ecb)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;

        // alg.Mode = CipherMode.ECB; new AesManaged { Mode = CipherMode.ECB } (initializer members are assignments too).
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "Mode" } target
            || !SymbolEqualityComparer.Default.Equals(target.Property.Type, cipherMode))
        {
            return;
        }

        var value = assignment.Value;
        if (value.ConstantValue is not { HasValue: true } constant
            || !ecb.Equals(constant.Value)
            || !SymbolEqualityComparer.Default.Equals(value.Type, cipherMode))
        {
            return;
        }

        if (!target.Property.ContainingType.IsOrDerivesFrom(symmetricAlgorithm) || DecryptOnlyCipher.OnlyDecrypts(assignment, target))
        {
            return;
        }

        var receiverType = target.Instance?.Type ?? target.Property.ContainingType;

        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.EcbCipherMode,
            assignment.Syntax.GetLocation(),
            receiverType.Name + ".Mode = CipherMode.ECB"));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol symmetricAlgorithm)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name is not ("EncryptEcb" or "TryEncryptEcb") || !method.ContainingType.IsOrDerivesFrom(symmetricAlgorithm))
        {
            return;
        }

        var receiverType = invocation.Instance?.Type ?? method.ContainingType;
        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.EcbCipherMode,
            invocation.Syntax.GetLocation(),
            receiverType.Name + "." + method.Name));
    }
}
