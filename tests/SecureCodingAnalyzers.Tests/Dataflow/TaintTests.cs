using System.Linq;
using SecureCodingAnalyzers.Dataflow;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Dataflow;

/// <summary>The origin-bit set the engine's states are made of: inline low bits, sparse high bits.</summary>
public class TaintTests
{
    [Fact]
    public void Union_KeepsEveryBit_InOrder_AcrossInlineAndSparseWords()
    {
        var taint = Taint.Bit(3) | Taint.Bit(4000) | Taint.Bit(70) | Taint.Bit(63) | Taint.Bit(4001) | Taint.Bit(130);
        Assert.Equal(new[] { 3, 63, 70, 130, 4000, 4001 }, taint.Bits().ToArray());
    }

    [Fact]
    public void Union_IsIdempotentAndCommutative_AndEqualityIgnoresHowASetWasBuilt()
    {
        var a = Taint.Bit(1) | Taint.Bit(200) | Taint.Bit(5000);
        var b = Taint.Bit(5000) | Taint.Bit(1) | Taint.Bit(200);
        Assert.Equal(a, b);
        Assert.Equal(a, a | b);
        Assert.Equal(a | Taint.Bit(300), Taint.Bit(300) | b);
        Assert.NotEqual(a, a | Taint.Bit(201));
    }

    [Fact]
    public void Empty_IsTheIdentity()
    {
        var a = Taint.Bit(9000);
        Assert.True(Taint.None.IsEmpty);
        Assert.False(a.IsEmpty);
        Assert.Equal(a, a | Taint.None);
        Assert.Equal(a, Taint.None | a);
        Assert.Empty(Taint.None.Bits());
    }
}
