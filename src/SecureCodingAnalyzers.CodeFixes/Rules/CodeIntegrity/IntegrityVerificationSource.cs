using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity;

/// <summary>
/// The source of the <c>IntegrityVerification</c> helper that <see cref="IntegrityVerificationCodeFixProvider"/> adds to
/// a project: <c>VerifyFile(path, expectedSha256)</c> and <c>VerifyBytes(content, expectedSha256)</c>, both marked
/// <c>[IntegrityVerifier]</c>, which hash with SHA-256, compare with a pinned digest in constant time and throw on a
/// mismatch or when no valid digest is pinned (they fail closed: the fixed code throws until the developer pins the
/// digest of the reviewed file).
/// </summary>
/// <remarks>
/// The code compiles for the project's target: where <c>CryptographicOperations.FixedTimeEquals</c>,
/// <c>SHA256.HashData</c> or <c>Convert.FromHexString</c> are missing (netstandard2.0, .NET Framework, .NET Core before
/// 5) it uses <c>SHA256.Create()</c>, a constant-time comparison loop and its own hex parsing, each chosen on its own
/// (<see cref="HelperApis"/>). Framework types are written <c>global::</c>-qualified and annotated (<see cref="Annotate"/>),
/// so the cleanup adds the <c>using</c> directives the project lacks and shortens names only where that binds to the
/// same type (a project type named <c>File</c> or <c>Convert</c> cannot capture them). The code is C# 6 (no newer syntax
/// unless the project's own namespace declarations use it) and warning-free with nullable reference types on or off.
/// </remarks>
internal static class IntegrityVerificationSource
{
    /// <summary>The helper's type name.</summary>
    public const string TypeName = "IntegrityVerification";

    /// <summary>The helper's file name.</summary>
    public const string FileName = TypeName + ".cs";

    /// <summary>The method that verifies a file by its path.</summary>
    public const string VerifyFile = "VerifyFile";

    /// <summary>The method that verifies bytes.</summary>
    public const string VerifyBytes = "VerifyBytes";

    /// <summary>The name of the digest parameter of both methods.</summary>
    public const string ExpectedSha256 = "expectedSha256";

    /// <summary>The attribute the dataflow engine recognizes (by name, in any namespace).</summary>
    public const string AttributeName = "IntegrityVerifierAttribute";

    private const string Indent = "    ";

    /// <summary>
    /// The helper's source.
    /// </summary>
    /// <param name="namespaceName">The namespace to declare it in (empty: the global namespace).</param>
    /// <param name="fileScoped">Whether to write a file-scoped namespace declaration (the fixed document's style).</param>
    /// <param name="attribute">
    /// The fully qualified name (<c>global::</c>...) of an existing attribute type named <see cref="AttributeName"/> to
    /// mark the methods with, or null to declare one next to the helper.
    /// </param>
    /// <param name="apis">The framework APIs the project's target has.</param>
    /// <param name="newLine">The line break of the project's documents.</param>
    public static string Generate(string namespaceName, bool fileScoped, string? attribute, HelperApis apis, string newLine)
    {
        var members = new List<string>();
        members.AddRange(HelperClass(attribute ?? "IntegrityVerifier", apis));
        if (attribute is null)
        {
            members.Add(string.Empty);
            members.AddRange(AttributeClass());
        }

        var text = new StringBuilder();
        if (namespaceName.Length == 0)
        {
            AppendLines(text, members, string.Empty, newLine);
        }
        else if (fileScoped)
        {
            text.Append("namespace ").Append(namespaceName).Append(';').Append(newLine).Append(newLine);
            AppendLines(text, members, string.Empty, newLine);
        }
        else
        {
            text.Append("namespace ").Append(namespaceName).Append(newLine).Append('{').Append(newLine);
            AppendLines(text, members, Indent, newLine);
            text.Append('}').Append(newLine);
        }

        return text.ToString();
    }

    /// <summary>
    /// Marks the <c>global::</c>-qualified names of <paramref name="root"/> (a parse of <see cref="Generate"/>'s output)
    /// for simplification and import, and the whole file for formatting.
    /// </summary>
    public static SyntaxNode Annotate(SyntaxNode root)
    {
        var qualified = new HashSet<SyntaxNode>();
        foreach (var alias in root.DescendantNodes(descendIntoTrivia: true).OfType<AliasQualifiedNameSyntax>())
        {
            if (!alias.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword))
            {
                continue;
            }

            SyntaxNode current = alias;
            qualified.Add(current);
            while (current.Parent is { } parent
                   && ((parent is QualifiedNameSyntax name && name.Left == current)
                       || (parent is MemberAccessExpressionSyntax access && access.Expression == current)))
            {
                qualified.Add(parent);
                current = parent;
            }
        }

        return root
            .ReplaceNodes(qualified, (_, current) => current.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static void AppendLines(StringBuilder text, IEnumerable<string> lines, string indent, string newLine)
    {
        foreach (var line in lines)
        {
            if (line.Length > 0)
            {
                text.Append(indent).Append(line);
            }

            text.Append(newLine);
        }
    }

    private static IEnumerable<string> HelperClass(string attribute, HelperApis apis)
    {
        var lines = new List<string>
        {
            "/// <summary>",
            "/// Integrity checks for the code this program loads or starts: the SHA-256 of a file or of bytes must equal the",
            "/// digest pinned in the source code, the digest of the reviewed release, compared in constant time. Anything else",
            "/// throws, so unverified code never runs. Pin the digest printed by <c>sha256sum FILE</c> or",
            "/// <c>(Get-FileHash FILE).Hash</c> for the exact file you reviewed or shipped.",
            "/// </summary>",
            "internal static class " + TypeName,
            "{",
        };

        Member(lines, new[]
        {
            "/// <summary>Returns <paramref name=\"path\"/> when the SHA-256 of the file it names equals <paramref name=\"expectedSha256\"/>.</summary>",
            "/// <remarks>",
            "/// The file is checked here and then loaded or started again by its path: whoever can replace it in between",
            "/// defeats the check. Keep it in a directory only administrators can write to, or load the verified bytes",
            "/// instead (<see cref=\"VerifyBytes\"/> over <c>File.ReadAllBytes(path)</c>, then <c>Assembly.Load(bytes)</c>).",
            "/// </remarks>",
            "/// <param name=\"path\">The file to check.</param>",
            "/// <param name=\"expectedSha256\">The SHA-256 of the reviewed file: 64 hexadecimal digits.</param>",
            "/// <returns><paramref name=\"path\"/>, verified.</returns>",
            "/// <exception cref=\"System.InvalidOperationException\">No valid SHA-256 is pinned.</exception>",
            "/// <exception cref=\"System.IO.InvalidDataException\">The file does not match: it was modified or replaced.</exception>",
            "[" + attribute + "]",
            "public static string " + VerifyFile + "(string path, string " + ExpectedSha256 + ")",
            "{",
            "    if (path == null)",
            "    {",
            "        throw new global::System.ArgumentNullException(nameof(path));",
            "    }",
            string.Empty,
            "    byte[] expected = ParseSha256(" + ExpectedSha256 + ", \"'\" + path + \"'\");",
            "    byte[] actual;",
        });
        if (apis.HashDataStream)
        {
            lines.AddRange(Indented(
                "    using (global::System.IO.FileStream stream = global::System.IO.File.OpenRead(path))",
                "    {",
                "        actual = global::System.Security.Cryptography.SHA256.HashData(stream);",
                "    }"));
        }
        else
        {
            lines.AddRange(Indented(
                "    using (global::System.Security.Cryptography.SHA256 sha256 = global::System.Security.Cryptography.SHA256.Create())",
                "    using (global::System.IO.FileStream stream = global::System.IO.File.OpenRead(path))",
                "    {",
                "        actual = sha256.ComputeHash(stream);",
                "    }"));
        }

        lines.AddRange(Indented(
            string.Empty,
            "    if (!" + FixedTimeEquals(apis) + "(actual, expected))",
            "    {",
            "        throw new global::System.IO.InvalidDataException(\"The SHA-256 of '\" + path + \"' does not match the pinned digest: the file was modified or replaced since it was reviewed.\");",
            "    }",
            string.Empty,
            "    return path;",
            "}"));

        Member(lines, new[]
        {
            "/// <summary>Returns <paramref name=\"content\"/> when its SHA-256 equals <paramref name=\"expectedSha256\"/>.</summary>",
            "/// <param name=\"content\">The code to check, as it will be loaded.</param>",
            "/// <param name=\"expectedSha256\">The SHA-256 of the reviewed code: 64 hexadecimal digits.</param>",
            "/// <returns><paramref name=\"content\"/>, verified.</returns>",
            "/// <exception cref=\"System.InvalidOperationException\">No valid SHA-256 is pinned.</exception>",
            "/// <exception cref=\"System.IO.InvalidDataException\">The bytes do not match: they were modified or replaced.</exception>",
            "[" + attribute + "]",
            "public static byte[] " + VerifyBytes + "(byte[] content, string " + ExpectedSha256 + ")",
            "{",
            "    if (content == null)",
            "    {",
            "        throw new global::System.ArgumentNullException(nameof(content));",
            "    }",
            string.Empty,
            "    byte[] expected = ParseSha256(" + ExpectedSha256 + ", \"the code\");",
        });
        if (apis.HashDataBytes)
        {
            lines.Add(Indent + "    byte[] actual = global::System.Security.Cryptography.SHA256.HashData(content);");
        }
        else
        {
            lines.AddRange(Indented(
                "    byte[] actual;",
                "    using (global::System.Security.Cryptography.SHA256 sha256 = global::System.Security.Cryptography.SHA256.Create())",
                "    {",
                "        actual = sha256.ComputeHash(content);",
                "    }",
                string.Empty));
        }

        lines.AddRange(Indented(
            "    if (!" + FixedTimeEquals(apis) + "(actual, expected))",
            "    {",
            "        throw new global::System.IO.InvalidDataException(\"The SHA-256 of the code does not match the pinned digest: it was modified or replaced since it was reviewed.\");",
            "    }",
            string.Empty,
            "    return content;",
            "}"));

        Member(lines, new[]
        {
            "private static byte[] ParseSha256(string " + ExpectedSha256 + ", string subject)",
            "{",
            "    if (" + ExpectedSha256 + " == null || " + ExpectedSha256 + ".Length != 64 || !IsHex(" + ExpectedSha256 + "))",
            "    {",
            "        throw new global::System.InvalidOperationException(\"No SHA-256 is pinned for \" + subject + \": pass the SHA-256 of the reviewed file as " + ExpectedSha256 + " (64 hexadecimal digits, as printed by sha256sum or Get-FileHash).\");",
            "    }",
            string.Empty,
        });
        if (apis.FromHexString)
        {
            lines.Add(Indent + "    return global::System.Convert.FromHexString(" + ExpectedSha256 + ");");
        }
        else
        {
            lines.AddRange(Indented(
                "    byte[] digest = new byte[32];",
                "    for (int i = 0; i < digest.Length; i++)",
                "    {",
                "        digest[i] = (byte)((HexValue(" + ExpectedSha256 + "[2 * i]) << 4) | HexValue(" + ExpectedSha256 + "[(2 * i) + 1]));",
                "    }",
                string.Empty,
                "    return digest;"));
        }

        lines.Add(Indent + "}");

        Member(lines, new[]
        {
            "private static bool IsHex(string text)",
            "{",
            "    for (int i = 0; i < text.Length; i++)",
            "    {",
            "        if (HexValue(text[i]) < 0)",
            "        {",
            "            return false;",
            "        }",
            "    }",
            string.Empty,
            "    return true;",
            "}",
        });
        Member(lines, new[]
        {
            "private static int HexValue(char c)",
            "{",
            "    if (c >= '0' && c <= '9')",
            "    {",
            "        return c - '0';",
            "    }",
            string.Empty,
            "    if (c >= 'a' && c <= 'f')",
            "    {",
            "        return c - 'a' + 10;",
            "    }",
            string.Empty,
            "    if (c >= 'A' && c <= 'F')",
            "    {",
            "        return c - 'A' + 10;",
            "    }",
            string.Empty,
            "    return -1;",
            "}",
        });
        if (!apis.FixedTimeEquals)
        {
            Member(lines, new[]
            {
                "// Compares every byte whatever the first difference, like CryptographicOperations.FixedTimeEquals.",
                "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining | global::System.Runtime.CompilerServices.MethodImplOptions.NoOptimization)]",
                "private static bool FixedTimeEquals(byte[] left, byte[] right)",
                "{",
                "    if (left.Length != right.Length)",
                "    {",
                "        return false;",
                "    }",
                string.Empty,
                "    int difference = 0;",
                "    for (int i = 0; i < left.Length; i++)",
                "    {",
                "        difference |= left[i] ^ right[i];",
                "    }",
                string.Empty,
                "    return difference == 0;",
                "}",
            });
        }

        lines.Add("}");
        return lines;
    }

    private static IEnumerable<string> AttributeClass() => new[]
    {
        "/// <summary>",
        "/// Marks a method that verifies the integrity of the code it is given: the SecureCodingAnalyzers code-integrity",
        "/// rules treat what it returns, and the data it checked, as verified.",
        "/// </summary>",
        "[global::System.AttributeUsage(global::System.AttributeTargets.Method, Inherited = false)]",
        "internal sealed class " + AttributeName + " : global::System.Attribute",
        "{",
        "}",
    };

    private static string FixedTimeEquals(HelperApis apis)
        => apis.FixedTimeEquals ? "global::System.Security.Cryptography.CryptographicOperations.FixedTimeEquals" : "FixedTimeEquals";

    /// <summary>Adds a member, indented one level inside the class, after a blank line unless it is the first.</summary>
    private static void Member(List<string> lines, IEnumerable<string> member)
    {
        if (lines[lines.Count - 1] != "{")
        {
            lines.Add(string.Empty);
        }

        lines.AddRange(Indented(member.ToArray()));
    }

    private static IEnumerable<string> Indented(params string[] member)
        => member.Select(line => line.Length == 0 ? line : Indent + line);
}

/// <summary>
/// The framework APIs the generated helper uses where the project's target has them (.NET 5 and later; .NET 7 for
/// hashing a stream), and replaces where it does not.
/// </summary>
internal readonly struct HelperApis
{
    /// <summary>A set of APIs.</summary>
    public HelperApis(bool fixedTimeEquals, bool hashDataBytes, bool hashDataStream, bool fromHexString)
    {
        FixedTimeEquals = fixedTimeEquals;
        HashDataBytes = hashDataBytes;
        HashDataStream = hashDataStream;
        FromHexString = fromHexString;
    }

    /// <summary><c>CryptographicOperations.FixedTimeEquals</c> (.NET Core 2.1).</summary>
    public bool FixedTimeEquals { get; }

    /// <summary><c>SHA256.HashData(byte[])</c> (.NET 5).</summary>
    public bool HashDataBytes { get; }

    /// <summary><c>SHA256.HashData(Stream)</c> (.NET 7).</summary>
    public bool HashDataStream { get; }

    /// <summary><c>Convert.FromHexString(string)</c> (.NET 5).</summary>
    public bool FromHexString { get; }

    /// <summary>The APIs <paramref name="compilation"/> references, public and unambiguous.</summary>
    public static HelperApis Of(Compilation compilation)
    {
        var sha256 = compilation.GetTypeByMetadataName("System.Security.Cryptography.SHA256");
        return new HelperApis(
            HasMethod(compilation.GetTypeByMetadataName("System.Security.Cryptography.CryptographicOperations"), "FixedTimeEquals", 2, _ => true),
            HasMethod(sha256, "HashData", 1, p => p is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }),
            HasMethod(sha256, "HashData", 1, p => p is INamedTypeSymbol { Name: "Stream", ContainingNamespace: { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } }),
            HasMethod(compilation.GetTypeByMetadataName("System.Convert"), "FromHexString", 1, p => p.SpecialType == SpecialType.System_String));
    }

    private static bool HasMethod(INamedTypeSymbol? type, string name, int parameters, System.Func<ITypeSymbol, bool> first)
        => type is { DeclaredAccessibility: Accessibility.Public }
           && type.GetMembers(name).OfType<IMethodSymbol>().Any(m => m.IsStatic
                                                                     && m.DeclaredAccessibility == Accessibility.Public
                                                                     && m.Parameters.Length == parameters
                                                                     && first(m.Parameters[0].Type));
}
