using System;
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
            var symmetricAlgorithm = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.SymmetricAlgorithm");
            if (symmetricAlgorithm is null)
            {
                return;
            }

            var cipherMode = start.Compilation.GetTypeByMetadataName("System.Security.Cryptography.CipherMode");
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

        if (!target.Property.ContainingType.IsOrDerivesFrom(symmetricAlgorithm) || OnlyDecrypts(assignment, target))
        {
            return;
        }

        var receiverType = target.Instance?.Type ?? target.Property.ContainingType;

        context.ReportDiagnostic(Diagnostic.Create(
            Catalog.Rules.EcbCipherMode,
            assignment.Syntax.GetLocation(),
            receiverType.Name + ".Mode = CipherMode.ECB"));
    }

    private enum Use
    {
        Other,
        Decrypt,
        Encrypt,
        Unknown,
    }

    /// <summary>
    /// True when the object whose <c>Mode</c> is set is created in this method, never leaves it (only receivers of its
    /// own members) and is used to decrypt but never to encrypt: <c>var aes = Aes.Create(); aes.Mode = ECB;
    /// aes.CreateDecryptor()</c>, <c>new AesManaged { Mode = ECB }.CreateDecryptor()</c>.
    /// </summary>
    private static bool OnlyDecrypts(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation target)
    {
        ILocalSymbol local;
        var created = false;
        if (target.Instance is ILocalReferenceOperation reference)
        {
            local = reference.Local;
        }
        else if (target.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                 && assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
        {
            var consumer = creation.WalkUpConversions(out var child);
            if (ReceiverUse(consumer, child) is var use and not Use.Unknown)
            {
                return use == Use.Decrypt;
            }

            if (consumer is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return false;
            }

            local = declarator.Symbol;
            created = true;
        }
        else
        {
            return false;
        }

        var decrypts = false;
        foreach (var operation in assignment.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    created = initializer?.Value.WalkDownConversions() is IObjectCreationOperation
                        or IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create" } };
                    break;

                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local):
                    switch (ReceiverUse(other.WalkUpConversions(out var child), child))
                    {
                        case Use.Decrypt:
                            decrypts = true;
                            break;
                        case Use.Other:
                            break;
                        default:
                            // Encrypts, is reassigned, passed, returned, stored or captured in a way we cannot follow.
                            return false;
                    }

                    break;
            }
        }

        return created && decrypts;
    }

    /// <summary>How a use of the cipher object as <paramref name="child"/> of <paramref name="consumer"/> treats it.</summary>
    private static Use ReceiverUse(IOperation? consumer, IOperation child)
    {
        switch (consumer)
        {
            case IInvocationOperation invocation when invocation.Instance == child:
                var name = invocation.TargetMethod.Name;
                return name.StartsWith("CreateEncryptor", StringComparison.Ordinal) || name.StartsWith("Encrypt", StringComparison.Ordinal) || name.StartsWith("TryEncrypt", StringComparison.Ordinal)
                    ? Use.Encrypt
                    : name.StartsWith("CreateDecryptor", StringComparison.Ordinal) || name.StartsWith("Decrypt", StringComparison.Ordinal) || name.StartsWith("TryDecrypt", StringComparison.Ordinal)
                        ? Use.Decrypt
                        : Use.Other;
            case IPropertyReferenceOperation property when property.Instance == child:
                return Use.Other;
            default:
                return Use.Unknown;
        }
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
