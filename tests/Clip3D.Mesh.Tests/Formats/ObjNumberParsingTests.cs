using System.Globalization;
using System.Text;
using Clip3D.Mesh.Formats;
using Xunit;

namespace Clip3D.Mesh.Tests.Formats;

/// <summary><see cref="FastFloatParser"/>, the number parser of the OBJ reader, against float.Parse.</summary>
public sealed class ObjNumberParsingTests
{
    private static float Parse(string text)
    {
        Assert.True(FastFloatParser.TryParseToken(Encoding.ASCII.GetBytes(text), out float value), $"'{text}' was rejected");
        return value;
    }

    /// <summary>Distance in units in the last place between two finite floats of the same sign.</summary>
    private static long Ulps(float a, float b) =>
        Math.Abs((long)BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1")]
    [InlineData("+1")]
    [InlineData("2.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("0.1")]
    [InlineData("0.348799")]
    [InlineData("-0.0832331")]
    [InlineData("3.1E2")]
    [InlineData("1e-2")]
    [InlineData("2.e+1")]
    [InlineData("6.02214076e23")]
    [InlineData("1.17549435e-38")]
    [InlineData("1.4e-45")]
    [InlineData("3.4028235e38")]
    [InlineData("1e39")]
    [InlineData("1e-50")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.000000000000000000000000000001234567890123456789")]
    [InlineData("00000000000000000000000000012.5")]
    [InlineData("1e99999999999")]
    [InlineData("-1e-99999999999")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    public void Matches_float_parse(string text)
    {
        float expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        float actual = Parse(text);
        if (float.IsNaN(expected) || float.IsInfinity(expected) || expected == 0)
            Assert.Equal(expected, actual);
        else
            Assert.True(Ulps(expected, actual) <= 1, $"'{text}': {actual:R} vs float.Parse {expected:R}");
    }

    [Fact]
    public void Random_decimals_are_within_one_ulp_and_usually_exact()
    {
        var random = new Random(42);
        int differing = 0;
        for (int i = 0; i < 200_000; i++)
        {
            // Typical mesh numbers: 1-9 significant digits, exponent forms now and then.
            double magnitude = Math.Pow(10, random.Next(-8, 8));
            double value = (random.NextDouble() - 0.5) * magnitude;
            string text = (i % 4) switch
            {
                0 => value.ToString("F6", CultureInfo.InvariantCulture),
                1 => value.ToString("G9", CultureInfo.InvariantCulture),
                2 => value.ToString("E5", CultureInfo.InvariantCulture),
                _ => ((float)value).ToString("R", CultureInfo.InvariantCulture),
            };
            float expected = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            float actual = Parse(text);
            if (expected == actual) continue;
            differing++;
            Assert.True(Ulps(expected, actual) <= 1, $"'{text}': {actual:R} vs float.Parse {expected:R}");
        }
        Assert.True(differing < 200, $"{differing} of 200000 differ by an ulp");
    }

    [Theory]
    [InlineData("inf", float.PositiveInfinity)]
    [InlineData("-INF", float.NegativeInfinity)]
    [InlineData("infinity", float.PositiveInfinity)]
    [InlineData("1.#INF00", float.PositiveInfinity)]
    [InlineData("-1.#INF00", float.NegativeInfinity)]
    [InlineData("nan", float.NaN)]
    [InlineData("-1.#IND00", float.NaN)]
    [InlineData("1.#QNAN0", float.NaN)]
    public void Non_finite_spellings_are_understood(string text, float expected)
    {
        Assert.Equal(expected, Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("3.1+e2")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("0x1p3")]
    [InlineData("abc")]
    public void Malformed_tokens_are_rejected(string text)
    {
        Assert.False(FastFloatParser.TryParseToken(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void The_prefix_parser_stops_at_the_first_character_that_is_not_part_of_the_number()
    {
        Assert.Equal(4, FastFloatParser.ParsePrefix("-1.5/7"u8, out float value));
        Assert.Equal(-1.5f, value);
        Assert.Equal(2, FastFloatParser.ParsePrefix("1.e"u8, out value)); // "e" without digits is not an exponent
        Assert.Equal(1f, value);
        Assert.Equal(0, FastFloatParser.ParsePrefix("x1"u8, out _));
    }
}
