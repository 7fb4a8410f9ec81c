using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.ConstantData;

/// <summary>
/// The verdict of <see cref="ConstantByteData"/>: a value that holds the same data on every execution, what that data
/// is, where it is written and, when it reaches the sink through a variable, field or property, which one.
/// </summary>
internal sealed class ConstantDataInfo
{
    internal ConstantDataInfo(ConstantDataKind kind, string description, string dataDescription, Location origin, ISymbol? holder, bool isUninitializedBuffer = false, string? text = null)
    {
        Text = text;
        IsUninitializedBuffer = isUninitializedBuffer;
        Kind = kind;
        Description = description;
        DataDescription = dataDescription;
        Origin = origin;
        Holder = holder;
    }

    /// <summary>What the data is made of.</summary>
    public ConstantDataKind Kind { get; }

    /// <summary>
    /// A noun phrase for diagnostic messages, naming the holder when there is one:
    /// <c>an all-zero array</c>, <c>the bytes of a string literal</c>,
    /// <c>the local 'iv' (an all-zero array)</c>, <c>the static readonly field 'Key' (a constant byte array)</c>.
    /// </summary>
    public string Description { get; }

    /// <summary>The same phrase without the holder: <c>an all-zero array</c>, <c>the bytes of a string literal</c>.</summary>
    public string DataDescription { get; }

    /// <summary>
    /// Where the constant data is written in source (the literal, array creation or field initializer). It may lie in
    /// another syntax tree than the operation that was classified; report it as an additional location when it is not
    /// inside the reported span.
    /// </summary>
    public Location Origin { get; }

    /// <summary>The local, field or property that carries the data to the classified operation; null when inline.</summary>
    public ISymbol? Holder { get; }

    /// <summary>True when every byte is zero.</summary>
    public bool IsAllZero => Kind == ConstantDataKind.AllZero;

    /// <summary>
    /// True when the data is an array allocated without initializer (<c>new byte[n]</c>): all zero, but the usual way
    /// to make a buffer that is filled later, so the classifier only accepts it where it can see every use.
    /// </summary>
    public bool IsUninitializedBuffer { get; }

    /// <summary>
    /// The value of the constant string the data is (<see cref="ConstantDataKind.String"/>) or was made from (the
    /// string of <c>Encoding.X.GetBytes(s)</c> or <c>Convert.FromBase64String(s)</c>), when it is known; null otherwise.
    /// Used by the secrets rules to tell placeholders from secrets; never put it into a message.
    /// </summary>
    public string? Text { get; }

    /// <summary>The same data seen through <paramref name="holder"/>.</summary>
    internal ConstantDataInfo HeldBy(ISymbol holder, string holderPhrase)
        => new(Kind, holderPhrase + " (" + DataDescription + ")", DataDescription, Origin, holder, IsUninitializedBuffer, Text);

    /// <summary>The data after a transformation that keeps it constant (encoding, decoding, hashing).</summary>
    internal ConstantDataInfo Transformed(ConstantDataKind kind, string prefix)
        => new(kind, prefix + Description, prefix + DataDescription, Origin, Holder, text: Text);
}
