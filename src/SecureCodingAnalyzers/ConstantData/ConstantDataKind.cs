namespace SecureCodingAnalyzers.ConstantData;

/// <summary>What a value classified by <see cref="ConstantByteData"/> is made of.</summary>
internal enum ConstantDataKind
{
    /// <summary>Every byte is zero: <c>new byte[n]</c> without initializer, or a literal of zeros.</summary>
    AllZero,

    /// <summary>Bytes written in the source: an array, collection expression or <c>stackalloc</c> initializer of constants.</summary>
    ByteLiteral,

    /// <summary>The encoding of a constant string: <c>Encoding.UTF8.GetBytes("...")</c>, <c>"..."u8</c>.</summary>
    EncodedString,

    /// <summary>The decoding of a constant string: <c>Convert.FromBase64String("...")</c>, <c>Convert.FromHexString("...")</c>.</summary>
    DecodedString,

    /// <summary>An unkeyed hash of constant data: <c>SHA256.HashData(Encoding.UTF8.GetBytes("..."))</c>.</summary>
    Hash,

    /// <summary>A constant string (only from <see cref="ConstantByteData.ClassifyString"/>).</summary>
    String,

    /// <summary>Constant on every path, but of different kinds (a local assigned in two branches).</summary>
    Mixed,
}
