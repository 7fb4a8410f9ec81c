using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Cryptography;

/// <summary>
/// Shared by SCR1003 (<c>Mode = CipherMode.ECB</c>) and SCR1004 (<c>IV = constant</c>): is the cipher object whose
/// property is set only used to decrypt? Decrypting legacy data creates no new weak ciphertext, and both rules already
/// skip the decrypting APIs (<c>DecryptEcb</c>, <c>CreateDecryptor(key, iv)</c>); this extends that to the property
/// form when the whole life of the object is visible.
/// </summary>
internal static class DecryptOnlyCipher
{
    private enum Use
    {
        Other,
        Decrypt,
        Encrypt,
        Unknown,
    }

    /// <summary>
    /// True when the object whose property <paramref name="target"/> is assigned is created in this method
    /// (<c>Aes.Create()</c>, <c>new AesManaged {...}</c>), never leaves it (it is only the receiver of its own members)
    /// and is used to decrypt but never to encrypt: <c>var aes = Aes.Create(); aes.Mode = ECB; aes.CreateDecryptor()</c>,
    /// <c>new AesManaged { Mode = ECB }.CreateDecryptor()</c>.
    /// </summary>
    public static bool OnlyDecrypts(IAssignmentOperation assignment, IPropertyReferenceOperation target)
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
                return IsEncryption(name) ? Use.Encrypt
                    : name.StartsWith("CreateDecryptor", StringComparison.Ordinal) || name.StartsWith("Decrypt", StringComparison.Ordinal) || name.StartsWith("TryDecrypt", StringComparison.Ordinal)
                        ? Use.Decrypt
                        : Use.Other;
            case IPropertyReferenceOperation property when property.Instance == child:
                return Use.Other;
            default:
                return Use.Unknown;
        }
    }

    private static bool IsEncryption(string name)
        => name.StartsWith("CreateEncryptor", StringComparison.Ordinal) || name.StartsWith("Encrypt", StringComparison.Ordinal) || name.StartsWith("TryEncrypt", StringComparison.Ordinal);
}
