using FnDam.Numerics;

namespace FnDam.Tests.Numerics;

/// <summary>The one reader of numbers written as text: what .NET reads, except text holding a NUL, which .NET ignores
/// after a number.</summary>
public sealed class InvariantNumberTests
{
    [Theory]
    [InlineData("7.5999", 7.5999)]
    [InlineData(" -1e-3 ", -1e-3)]
    [InlineData("+2", 2.0)]
    public void Numbers_ReadAsDotNetReadsThem(string text, double expected)
    {
        Assert.True(InvariantNumber.TryParseDouble(text, out var value));
        Assert.Equal(expected, value);
        Assert.True(InvariantNumber.TryParseSingle(text, out var single));
        Assert.Equal((float)expected, single);
    }

    [Theory]
    [InlineData("7.5999\0")]
    [InlineData("7.5999\0\0\0")]
    [InlineData("\07.5999")]
    [InlineData("7.5\09")]
    [InlineData("7.5999abc")]
    [InlineData("1,5")]
    [InlineData("")]
    public void TextHoldingANulOrAnythingElse_IsNoNumber(string text)
    {
        Assert.False(InvariantNumber.TryParseDouble(text, out _));
        Assert.False(InvariantNumber.TryParseSingle(text, out _));
    }

    [Theory]
    [InlineData("12\0")]
    [InlineData("12\0 ")]
    [InlineData("1.0")]
    [InlineData("0x10")]
    public void IntegersHoldingANulOrAnythingElse_AreNone(string text)
    {
        Assert.False(InvariantNumber.TryParseInt32(text, out _));
        Assert.False(InvariantNumber.TryParseInt64(text, out _));
        Assert.False(InvariantNumber.TryParseUInt64(text, out _));
    }

    [Fact]
    public void Integers_ReadInTheirRange()
    {
        Assert.True(InvariantNumber.TryParseInt32(" -12 ", out var i) && i == -12);
        Assert.True(InvariantNumber.TryParseInt64("9223372036854775807", out var l) && l == long.MaxValue);
        Assert.True(InvariantNumber.TryParseUInt64("18446744073709551615", out var u) && u == ulong.MaxValue);
        Assert.False(InvariantNumber.TryParseUInt64("-1", out _));
        Assert.False(InvariantNumber.TryParseInt32("2147483648", out _));
    }

    [Fact]
    public void DotNet_IgnoresATrailingNul_WhichIsWhyThisReaderExists() =>
        Assert.True(double.TryParse("7.5999\0", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
}
