using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.ConstantData;

/// <summary>
/// Decides whether the value flowing into a sink is constant data (the same bytes on every run) and describes it for
/// diagnostic messages. Create one per compilation (it resolves framework types once) and call
/// <see cref="Classify"/> with the operation passed to the sink (argument value or assigned value).
/// </summary>
/// <remarks>
/// <para>Recognised as constant: <c>new byte[n]</c> without initializer (all zero); array creations, collection
/// expressions and <c>stackalloc</c> initializers whose elements are all constants; <c>"..."u8</c> and
/// <c>"..."u8.ToArray()</c>; <c>Encoding.X.GetBytes(s)</c>, <c>Convert.FromBase64String(s)</c> and
/// <c>Convert.FromHexString(s)</c> of a constant string <c>s</c>; unkeyed hashes (<c>SHA256.HashData(d)</c>,
/// <c>md5.ComputeHash(d)</c>) of constant data; <c>Clone()</c>/<c>ToArray()</c> and span wrappers of constant data.</para>
/// <para>Through a holder: a local whose every write in the enclosing body is constant and that is never used in a
/// way that could fill or change the array (passed to a non-crypto method, to <c>RandomNumberGenerator</c>, by
/// <c>ref</c>/<c>out</c>, as receiver of <c>AsSpan()</c>, element-assigned, aliased, returned); a readonly field
/// (or a private field never assigned outside its initializer) or get-only property with a constant initializer,
/// never assigned in its type, and, when private, never used there in a way that could change it; a get-only
/// property whose getter returns constant data. Members declared in another syntax tree are read from syntax only
/// and conservatively (literal arrays, <c>new byte[n]</c>, <c>"..."u8</c>, <c>Encoding.X.GetBytes("...")</c>,
/// <c>Convert.FromBase64String("...")</c>); a public all-zero buffer is never constant (it may be filled anywhere).</para>
/// <para>Everything else (parameters, method results, mutable public fields, configuration) is not constant.
/// Recursion through holders is limited to <see cref="MaxDepth"/>.</para>
/// </remarks>
internal sealed class ConstantByteData
{
    /// <summary>How many holders (local to field to ...) are followed before giving up.</summary>
    public const int MaxDepth = 4;

    internal const string AllZeroText = "an all-zero array";
    internal const string ByteArrayText = "a constant byte array";
    internal const string ArrayText = "a constant array";
    internal const string StringBytesText = "the bytes of a string literal";
    internal const string StringLiteralText = "a string literal";
    internal const string MixedText = "constant data";
    internal const string BytesOfPrefix = "the bytes of ";
    internal const string Base64Prefix = "the Base64-decoded bytes of ";
    internal const string HexPrefix = "the hex-decoded bytes of ";
    internal const string HashPrefix = "a hash of ";

    /// <summary>Resolves the framework types the classifier needs.</summary>
    public ConstantByteData(Compilation compilation)
    {
        Types = new ConstantDataTypes(compilation);
    }

    /// <summary>The framework types resolved for this compilation.</summary>
    internal ConstantDataTypes Types { get; }

    /// <summary>Classifies a byte buffer value (<c>byte[]</c>, <c>ReadOnlySpan&lt;byte&gt;</c>, ...); null when not constant.</summary>
    public ConstantDataInfo? Classify(IOperation value, CancellationToken cancellationToken)
        => ClassifyBytes(value, 0, cancellationToken);

    /// <summary>Classifies a string value (literal, constant, readonly field or local holding one); null when not constant.</summary>
    public ConstantDataInfo? ClassifyString(IOperation value, CancellationToken cancellationToken)
        => ClassifyText(value, 0, cancellationToken);

    private ConstantDataInfo? ClassifyBytes(IOperation? operation, int depth, CancellationToken cancellationToken)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        var value = Unwrap(operation);
        switch (value)
        {
            case IArrayCreationOperation { DimensionSizes.Length: 1, Type: IArrayTypeSymbol arrayType } creation:
                return creation.Initializer is null
                    ? UninitializedBuffer(creation.Syntax.GetLocation())
                    : ArrayElements(creation.Initializer.ElementValues, arrayType.ElementType.SpecialType == SpecialType.System_Byte, creation.Syntax.GetLocation());

            case IUtf8StringOperation:
                return new ConstantDataInfo(ConstantDataKind.EncodedString, StringBytesText, StringBytesText, value.Syntax.GetLocation(), holder: null);

            case IInvocationOperation invocation:
                return ClassifyInvocation(invocation, depth, cancellationToken);

            case IObjectCreationOperation { Arguments.Length: 1 } creation when Types.IsSpanLike(creation.Type)
                                                                             && creation.Arguments[0].Value.Type is IArrayTypeSymbol:
                // new ReadOnlySpan<byte>(array): the same data.
                return ClassifyBytes(creation.Arguments[0].Value, depth, cancellationToken);

            case ILocalReferenceOperation local:
                return ClassifyLocal(local.Local, local, text: false, depth, cancellationToken);

            case IFieldReferenceOperation field:
                return ClassifyMember(field.Field, field.Field.Type, field, text: false, depth, cancellationToken);

            case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                return ClassifyMember(property.Property, property.Property.Type, property, text: false, depth, cancellationToken);

            default:
                // Collection expressions and stackalloc have no dedicated IOperation in Roslyn 4.8: read the syntax.
                return value.Syntax is CollectionExpressionSyntax or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax
                    ? ClassifyElementList(value.Syntax, value.SemanticModel, ElementIsByte(value.Type), cancellationToken)
                    : null;
        }
    }

    private ConstantDataInfo? ClassifyInvocation(IInvocationOperation invocation, int depth, CancellationToken cancellationToken)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments;
        switch (method.Name)
        {
            case "ToArray" when arguments.Length == 0 && invocation.Instance is { } span && Types.IsSpanLike(span.Type):
                return ClassifyBytes(span, depth, cancellationToken);

            case "Clone" when arguments.Length == 0 && invocation.Instance is { Type: IArrayTypeSymbol } array:
                return ClassifyBytes(array, depth, cancellationToken);

            case "GetBytes" when arguments.Length == 1 && !method.IsStatic && method.ContainingType.IsOrDerivesFrom(Types.Encoding)
                                 && arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String:
                return ClassifyText(arguments[0].Value, depth, cancellationToken)?.Transformed(ConstantDataKind.EncodedString, BytesOfPrefix);

            case "FromBase64String" or "FromHexString" when arguments.Length == 1 && ConstantDataTypes.Is(method.ContainingType, Types.Convert):
                return ClassifyText(arguments[0].Value, depth, cancellationToken)
                    ?.Transformed(ConstantDataKind.DecodedString, method.Name == "FromBase64String" ? Base64Prefix : HexPrefix);

            case "HashData" when arguments.Length == 1 && method.IsStatic && Types.IsUnkeyedHashAlgorithm(method.ContainingType):
            case "ComputeHash" when arguments.Length == 1 && !method.IsStatic && Types.IsUnkeyedHashAlgorithm(invocation.Instance?.Type):
                return ClassifyBytes(arguments[0].Value, depth, cancellationToken)?.Transformed(ConstantDataKind.Hash, HashPrefix);

            default:
                return null;
        }
    }

    private ConstantDataInfo? ClassifyText(IOperation? operation, int depth, CancellationToken cancellationToken)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        var value = Unwrap(operation);
        if (value.ConstantValue is { HasValue: true, Value: string constantText })
        {
            var literal = new ConstantDataInfo(ConstantDataKind.String, StringLiteralText, StringLiteralText, value.Syntax.GetLocation(), holder: null, text: constantText);
            return value switch
            {
                IFieldReferenceOperation { Field: { } field } => ConstantOrigin(literal, field, cancellationToken).HeldBy(field, "the constant '" + field.Name + "'"),
                ILocalReferenceOperation { Local: { } local } => ConstantOrigin(literal, local, cancellationToken).HeldBy(local, "the constant '" + local.Name + "'"),
                _ => literal,
            };
        }

        return value switch
        {
            ILocalReferenceOperation local => ClassifyLocal(local.Local, local, text: true, depth, cancellationToken),
            IFieldReferenceOperation field => ClassifyMember(field.Field, field.Field.Type, field, text: true, depth, cancellationToken),
            IPropertyReferenceOperation { Arguments.Length: 0 } property => ClassifyMember(property.Property, property.Property.Type, property, text: true, depth, cancellationToken),
            _ => null,
        };
    }

    /// <summary>A local holds constant data when it is declared here, every write is constant and no use may change it.</summary>
    private ConstantDataInfo? ClassifyLocal(ILocalSymbol local, IOperation reference, bool text, int depth, CancellationToken cancellationToken)
    {
        if (local.IsRef || local.IsConst)
        {
            return null;
        }

        var declared = false;
        var writes = new List<IOperation>();
        foreach (var operation in reference.Root().Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    declared = true;
                    if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is { } initializer)
                    {
                        writes.Add(initializer.Value);
                    }

                    break;

                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local) && other.Syntax != reference.Syntax:
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (VariableUsage.Classify(other, Types, out var assigned))
                    {
                        case VariableUsageKind.Write when assigned is not null:
                            writes.Add(assigned);
                            break;
                        case VariableUsageKind.Read:
                            break;
                        default:
                            // Strings are immutable: a string local may be passed anywhere, only writes matter.
                            if (!text || !IsPlainRead(other))
                            {
                                return null;
                            }

                            break;
                    }

                    break;
            }
        }

        if (!declared || writes.Count == 0)
        {
            return null;
        }

        var data = Combine(writes, text, depth, cancellationToken);
        return data?.HeldBy(local, "the local '" + local.Name + "'");
    }

    /// <summary>A use that neither writes the variable nor exposes it by reference.</summary>
    private static bool IsPlainRead(IOperation reference)
        => reference.WalkUpConversions(out var child) switch
        {
            IArgumentOperation { Parameter.RefKind: RefKind.None or RefKind.In } => true,
            IInvocationOperation invocation => invocation.Instance == child,
            IPropertyReferenceOperation property => property.Instance == child,
            ISimpleAssignmentOperation assignment => assignment.Value == child,
            IVariableInitializerOperation or IReturnOperation or IBinaryOperation or IInterpolationOperation => true,
            _ => false,
        };

    /// <summary>A field or property holds constant data when its initializer (or getter) is constant and nothing else writes or fills it.</summary>
    private ConstantDataInfo? ClassifyMember(ISymbol member, ITypeSymbol type, IOperation reference, bool text, int depth, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length != 1 || member.ContainingType is not { TypeKind: TypeKind.Class or TypeKind.Struct } containingType)
        {
            return null;
        }

        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        ExpressionSyntax? valueSyntax;
        bool stored;
        string phrase;
        switch (member)
        {
            case IFieldSymbol field when !field.IsConst && (field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private):
                valueSyntax = (declaration as VariableDeclaratorSyntax)?.Initializer?.Value;
                stored = true;
                phrase = (field.IsStatic ? "the static " : "the ") + (field.IsReadOnly ? "readonly " : string.Empty) + "field '" + field.Name + "'";
                break;

            case IPropertySymbol { SetMethod: null, IsIndexer: false, IsAbstract: false, IsVirtual: false, IsOverride: false, IsExtern: false } property
                when declaration is PropertyDeclarationSyntax propertyDeclaration:
                valueSyntax = GetterValue(propertyDeclaration, out stored);
                phrase = (property.IsStatic ? "the static property '" : "the property '") + property.Name + "'";
                break;

            default:
                return null;
        }

        if (valueSyntax is null)
        {
            return null;
        }

        var model = reference.SemanticModel;
        ConstantDataInfo? data;
        if (model is not null && valueSyntax.SyntaxTree == reference.Syntax.SyntaxTree)
        {
            var value = valueSyntax.Parent is EqualsValueClauseSyntax initializer
                && model.GetOperation(initializer, cancellationToken) is ISymbolInitializerOperation symbolInitializer
                    ? symbolInitializer.Value
                    : model.GetOperation(valueSyntax, cancellationToken);
            data = text ? ClassifyText(value, depth + 1, cancellationToken) : ClassifyBytes(value, depth + 1, cancellationToken);
        }
        else
        {
            data = text ? ConstantSyntax.ClassifyString(valueSyntax)
                : Types.IsByteBuffer(type) ? ConstantSyntax.ClassifyBytes(valueSyntax)
                : null;
        }

        if (data is null)
        {
            return null;
        }

        if (stored)
        {
            if (ConstantSyntax.IsWrittenInType(member, model, cancellationToken))
            {
                return null;
            }

            if (!text)
            {
                if (member.DeclaredAccessibility == Accessibility.Private)
                {
                    if (!IsOnlyReadInType(member, containingType, reference, cancellationToken))
                    {
                        return null;
                    }
                }
                else if (data.IsUninitializedBuffer)
                {
                    // A visible new byte[n] may be filled by code we cannot see.
                    return null;
                }
            }
        }

        return data.HeldBy(member, phrase);
    }

    /// <summary>Every reference to a private member in its type only reads it (all of them in the analyzed tree).</summary>
    private bool IsOnlyReadInType(ISymbol member, INamedTypeSymbol containingType, IOperation reference, CancellationToken cancellationToken)
    {
        var model = reference.SemanticModel;
        foreach (var part in containingType.DeclaringSyntaxReferences)
        {
            foreach (var node in part.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != member.Name)
                {
                    continue;
                }

                var expression = ConstantSyntax.ReferenceExpression(identifier);
                if (expression == reference.Syntax)
                {
                    continue;
                }

                if (model is null || expression.SyntaxTree != reference.Syntax.SyntaxTree)
                {
                    return false;
                }

                // Same-named parameters, locals, named arguments (salt: salt) and other types' members are not this member.
                var info = model.GetSymbolInfo(expression, cancellationToken);
                var symbol = info.Symbol ?? (info.CandidateSymbols.Length > 0 ? info.CandidateSymbols[0] : null);
                if (!SymbolEqualityComparer.Default.Equals(symbol?.OriginalDefinition, member.OriginalDefinition))
                {
                    continue;
                }

                if (model.GetOperation(expression, cancellationToken) is not { } operation
                    || VariableUsage.Classify(operation, Types, out _) != VariableUsageKind.Read)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private ConstantDataInfo? Combine(List<IOperation> writes, bool text, int depth, CancellationToken cancellationToken)
    {
        ConstantDataInfo? first = null;
        var mixed = false;
        var sameText = true;
        foreach (var write in writes)
        {
            var data = text ? ClassifyText(write, depth + 1, cancellationToken) : ClassifyBytes(write, depth + 1, cancellationToken);
            if (data is null)
            {
                return null;
            }

            if (first is null)
            {
                first = data;
            }
            else
            {
                sameText &= data.Text == first.Text;
                if (data.Kind != first.Kind || data.DataDescription != first.DataDescription)
                {
                    mixed = true;
                }
            }
        }

        if (!mixed && !sameText && first is not null)
        {
            // Constant on every path, but not the same text: the kind is known, the value is not.
            return new ConstantDataInfo(first.Kind, first.Description, first.DataDescription, first.Origin, first.Holder, first.IsUninitializedBuffer);
        }

        return mixed && first is not null
            ? new ConstantDataInfo(ConstantDataKind.Mixed, MixedText, MixedText, first.Origin, holder: null)
            : first;
    }

    /// <summary>Collection expressions (<c>[1, 2, 3]</c>) and <c>stackalloc</c> initializers whose elements are all constants.</summary>
    internal static ConstantDataInfo? ClassifyElementList(SyntaxNode syntax, SemanticModel? model, bool isByte, CancellationToken cancellationToken = default)
    {
        var expressions = new List<ExpressionSyntax>();
        switch (syntax)
        {
            case CollectionExpressionSyntax collection:
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax expressionElement)
                    {
                        return null;
                    }

                    expressions.Add(expressionElement.Expression);
                }

                break;
            case StackAllocArrayCreationExpressionSyntax { Initializer: { } initializer }:
                expressions.AddRange(initializer.Expressions);
                break;
            case ImplicitStackAllocArrayCreationExpressionSyntax { Initializer: { } initializer }:
                expressions.AddRange(initializer.Expressions);
                break;
            default:
                return null;
        }

        if (expressions.Count == 0)
        {
            return null;
        }

        var allZero = true;
        foreach (var expression in expressions)
        {
            var value = model is not null
                ? model.GetConstantValue(expression, cancellationToken) is { HasValue: true } constant ? constant.Value : null
                : ConstantSyntax.NumericLiteral(expression);
            if (!IsNumeric(value))
            {
                return null;
            }

            allZero &= IsZero(value);
        }

        return ArrayData(allZero, isByte, syntax.GetLocation());
    }

    internal static ConstantDataInfo UninitializedBuffer(Location origin)
        => new(ConstantDataKind.AllZero, AllZeroText, AllZeroText, origin, holder: null, isUninitializedBuffer: true);

    internal static ConstantDataInfo ArrayData(bool allZero, bool isByte, Location origin)
        => allZero
            ? new ConstantDataInfo(ConstantDataKind.AllZero, AllZeroText, AllZeroText, origin, holder: null)
            : new ConstantDataInfo(ConstantDataKind.ByteLiteral, isByte ? ByteArrayText : ArrayText, isByte ? ByteArrayText : ArrayText, origin, holder: null);

    internal static bool IsZero(object? value) => value switch
    {
        byte b => b == 0,
        sbyte sb => sb == 0,
        short s => s == 0,
        ushort us => us == 0,
        int i => i == 0,
        uint ui => ui == 0,
        long l => l == 0,
        ulong ul => ul == 0,
        char c => c == 0,
        _ => false,
    };

    private static bool IsNumeric(object? value) => value is byte or sbyte or short or ushort or int or uint or long or ulong or char;

    private static ConstantDataInfo? ArrayElements(System.Collections.Immutable.ImmutableArray<IOperation> elements, bool isByte, Location origin)
    {
        if (elements.IsEmpty)
        {
            return null;
        }

        var allZero = true;
        foreach (var element in elements)
        {
            if (element.ConstantValue is not { HasValue: true } constant || !IsNumeric(constant.Value))
            {
                return null;
            }

            allZero &= IsZero(constant.Value);
        }

        return ArrayData(allZero, isByte, origin);
    }

    /// <summary>The expression a property's getter yields: <c>=&gt; x</c>, <c>get =&gt; x</c>, <c>get { return x; }</c> (computed each call), or an auto-property initializer (stored).</summary>
    private static ExpressionSyntax? GetterValue(PropertyDeclarationSyntax property, out bool stored)
    {
        stored = false;
        if (property.ExpressionBody is { } arrow)
        {
            return arrow.Expression;
        }

        if (property.AccessorList is null)
        {
            return null;
        }

        foreach (var accessor in property.AccessorList.Accessors)
        {
            if (!accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
            {
                continue;
            }

            if (accessor.ExpressionBody is { } getterArrow)
            {
                return getterArrow.Expression;
            }

            if (accessor.Body is { Statements.Count: 1 } body && body.Statements[0] is ReturnStatementSyntax { Expression: { } returned })
            {
                return returned;
            }

            if (accessor.Body is null)
            {
                stored = true;
                return property.Initializer?.Value;
            }
        }

        return null;
    }

    /// <summary>Where a constant is declared, when it is declared in source.</summary>
    private static ConstantDataInfo ConstantOrigin(ConstantDataInfo literal, ISymbol constant, CancellationToken cancellationToken)
    {
        if (constant.DeclaringSyntaxReferences.Length == 1
            && constant.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } value })
        {
            return new ConstantDataInfo(ConstantDataKind.String, StringLiteralText, StringLiteralText, value.GetLocation(), holder: null, text: literal.Text);
        }

        return literal;
    }

    /// <summary>Strips parentheses and conversions that keep the bytes (reference, span and string-to-span conversions).</summary>
    private IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IConversionOperation conversion
                    when conversion.OperatorMethod is null
                         || Types.IsSpanLike(conversion.OperatorMethod.ContainingType)
                         || conversion.OperatorMethod.ContainingType.SpecialType == SpecialType.System_String:
                    operation = conversion.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }

    private static bool ElementIsByte(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType.SpecialType == SpecialType.System_Byte,
        INamedTypeSymbol { TypeArguments.Length: 1 } named => named.TypeArguments[0].SpecialType == SpecialType.System_Byte,
        _ => false,
    };
}
