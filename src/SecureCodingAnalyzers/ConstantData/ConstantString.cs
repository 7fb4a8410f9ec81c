using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.ConstantData;

/// <summary>
/// A string value whose text is known in part: the constant pieces of an interpolated string, a concatenation,
/// <c>string.Concat</c> or <c>string.Format</c> with a constant format, with <see cref="Hole"/> standing for each
/// piece that is not constant (<c>$"Server={host};Password=secret"</c> is <c>Server=\uFFFF;Password=secret</c>).
/// Whether a piece is constant is decided by <see cref="ConstantByteData.ClassifyString"/>, the one place that
/// follows constants, readonly fields and properties and locals assigned once; this type only adds the structure of
/// the string expression around them. Never put <see cref="Text"/> into a message: it may be a secret.
/// </summary>
internal sealed class ConstantString
{
    /// <summary>Stands for a piece of the string that is not constant (a noncharacter: never in real text).</summary>
    public const char Hole = '\uFFFF';

    private const int MaxDepth = 4;

    private ConstantString(string text, string description, Location origin)
    {
        Text = text;
        Description = description;
        Origin = origin;
    }

    /// <summary>The text, with <see cref="Hole"/> for each piece that is not constant.</summary>
    public string Text { get; }

    /// <summary>True when every piece is constant.</summary>
    public bool IsComplete => Text.IndexOf(Hole) < 0;

    /// <summary>A noun phrase for messages: <c>a string literal</c>, <c>the constant 'Db' (a string literal)</c>, <c>an interpolated string</c>.</summary>
    public string Description { get; }

    /// <summary>Where the constant text is written (the literal, or the holder's initializer).</summary>
    public Location Origin { get; }

    /// <summary>
    /// The known text of a string <paramref name="value"/>; null when no piece of it is constant (a parameter, a
    /// method result, configuration).
    /// </summary>
    public static ConstantString? Evaluate(IOperation value, ConstantByteData constants, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        var known = Append(value, constants, builder, 0, cancellationToken);
        if (!known)
        {
            return null;
        }

        var text = builder.ToString();
        if (constants.ClassifyString(value, cancellationToken) is { Text: { } } whole)
        {
            return new ConstantString(text, whole.Description, whole.Origin);
        }

        var description = Strip(value) switch
        {
            IInterpolatedStringOperation => "an interpolated string",
            IBinaryOperation => "a concatenated string",
            IInvocationOperation { TargetMethod.Name: "Format" } => "a formatted string",
            _ => "a concatenated string",
        };
        return new ConstantString(text, description, value.Syntax.GetLocation());
    }

    /// <summary>Appends the text of <paramref name="value"/>; true when at least one piece of it is constant.</summary>
    private static bool Append(IOperation value, ConstantByteData constants, StringBuilder builder, int depth, CancellationToken cancellationToken)
    {
        value = Strip(value);
        if (value.ConstantValue is { HasValue: true } constant)
        {
            switch (constant.Value)
            {
                case string s:
                    builder.Append(s);
                    return true;
                case null:
                    return true;
                case char or int or long or short or byte or uint or ulong or ushort or sbyte or bool:
                    builder.Append(Convert.ToString(constant.Value, CultureInfo.InvariantCulture));
                    return true;
            }
        }

        if (depth < MaxDepth)
        {
            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    var anyKnown = false;
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string partText } }:
                                builder.Append(partText);
                                anyKnown = true;
                                break;
                            case IInterpolationOperation { Alignment: null, FormatString: null } interpolation:
                                anyKnown |= AppendOrHole(interpolation.Expression, constants, builder, depth + 1, cancellationToken);
                                break;
                            default:
                                builder.Append(Hole);
                                break;
                        }
                    }

                    return anyKnown;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } add:
                    var left = AppendOrHole(add.LeftOperand, constants, builder, depth + 1, cancellationToken);
                    var right = AppendOrHole(add.RightOperand, constants, builder, depth + 1, cancellationToken);
                    return left || right;

                case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.SpecialType: SpecialType.System_String } method } invocation:
                    if (method.Name == "Concat")
                    {
                        var any = false;
                        foreach (var argument in Flatten(invocation.Arguments))
                        {
                            any |= AppendOrHole(argument, constants, builder, depth + 1, cancellationToken);
                        }

                        return any;
                    }

                    if (method.Name == "Format")
                    {
                        return AppendFormat(invocation, constants, builder, depth, cancellationToken);
                    }

                    break;
            }
        }

        if (constants.ClassifyString(value, cancellationToken) is { Text: { } text })
        {
            builder.Append(text);
            return true;
        }

        return false;
    }

    private static bool AppendOrHole(IOperation value, ConstantByteData constants, StringBuilder builder, int depth, CancellationToken cancellationToken)
    {
        var before = builder.Length;
        if (Append(value, constants, builder, depth, cancellationToken))
        {
            return true;
        }

        builder.Length = before;
        builder.Append(Hole);
        return false;
    }

    /// <summary><c>string.Format(format, a, b)</c> with a constant format: the format with each item replaced by its argument's text.</summary>
    private static bool AppendFormat(IInvocationOperation invocation, ConstantByteData constants, StringBuilder builder, int depth, CancellationToken cancellationToken)
    {
        var arguments = invocation.Arguments;
        var formatIndex = arguments.Length > 0 && arguments[0].Parameter?.Type.SpecialType != SpecialType.System_String ? 1 : 0;
        if (formatIndex >= arguments.Length
            || constants.ClassifyString(arguments[formatIndex].Value, cancellationToken) is not { Text: { } format })
        {
            return false;
        }

        var items = Flatten(arguments.RemoveRange(0, formatIndex + 1));
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                builder.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                builder.Append(c);
                continue;
            }

            var end = format.IndexOf('}', i);
            if (end < 0)
            {
                builder.Append(Hole);
                break;
            }

            var item = format.Substring(i + 1, end - i - 1);
            if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < items.Length)
            {
                AppendOrHole(items[index], constants, builder, depth + 1, cancellationToken);
            }
            else
            {
                builder.Append(Hole);
            }

            i = end;
        }

        return true;
    }

    /// <summary>The argument values, with a <c>params</c> array expanded into its elements.</summary>
    private static ImmutableArray<IOperation> Flatten(ImmutableArray<IArgumentOperation> arguments)
    {
        var values = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                values.AddRange(initializer.ElementValues);
            }
            else
            {
                values.Add(argument.Value);
            }
        }

        return values.ToImmutable();
    }

    private static IOperation Strip(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    continue;
                case IConversionOperation { OperatorMethod: null } conversion:
                    operation = conversion.Operand;
                    continue;
                default:
                    return operation;
            }
        }
    }
}
