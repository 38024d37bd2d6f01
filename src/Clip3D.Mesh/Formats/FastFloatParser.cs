using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Parses decimal numbers (<c>-12.5</c>, <c>+3.</c>, <c>.5</c>, <c>6.02e23</c>, <c>1E-4</c>) straight from ASCII
/// bytes, several times faster than <see cref="float.Parse(string)"/>, for the text mesh formats whose files are
/// mostly numbers. The result is within one ulp of <see cref="float.Parse(string)"/> (usually identical):
/// up to 19 significant digits are gathered into an integer and scaled by an exact or correctly rounded power
/// of ten in double precision, then rounded to float once more. Anything else (<c>nan</c>, <c>inf</c>,
/// <c>1.#IND</c>, forms the fast path does not know) goes through <see cref="TryParseToken"/>'s fallback.
/// </summary>
internal static class FastFloatParser
{
    private const int MaxSignificantDigits = 19;

    // Powers of ten that are exact in double (10^22 is the largest, since 5^22 < 2^53).
    private static readonly double[] ExactPowers =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ];

    // Decimal exponents the slow path can meet before the result surely under- or overflows a float: a mantissa
    // of up to 19 digits times 10^e lies in [10^e, 10^(e+19)), and floats span about 1.4e-45 to 3.4e38.
    private const int MinExponent = -45 - MaxSignificantDigits - 1;
    private const int MaxExponent = 39;

    // Correctly rounded doubles 10^MinExponent .. 10^MaxExponent (double.Parse rounds correctly).
    private static readonly double[] Powers = BuildPowers();

    private static double[] BuildPowers()
    {
        var powers = new double[MaxExponent - MinExponent + 1];
        for (int e = MinExponent; e <= MaxExponent; e++)
            powers[e - MinExponent] = double.Parse($"1e{e}", CultureInfo.InvariantCulture);
        return powers;
    }

    /// <summary>
    /// Parses the longest decimal number at the start of <paramref name="s"/>: an optional sign, digits with an
    /// optional decimal point (at least one digit), and an optional exponent. Returns the number of bytes used,
    /// 0 when <paramref name="s"/> does not start with a number. The caller checks what follows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ParsePrefix(ReadOnlySpan<byte> s, out float value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
        {
            negative = s[i] == (byte)'-';
            i++;
        }

        ulong mantissa = 0;
        int significant = 0; // digits in mantissa, counted from the first non-zero one
        int exponent = 0;
        int digits = 0;
        while (i < s.Length)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            if (significant < MaxSignificantDigits)
            {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) significant++;
            }
            else
            {
                exponent++; // an integer digit beyond what the mantissa keeps still scales the value
            }
            digits++;
            i++;
        }
        if (i < s.Length && s[i] == (byte)'.')
        {
            i++;
            while (i < s.Length)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                if (significant < MaxSignificantDigits)
                {
                    mantissa = mantissa * 10 + d;
                    if (mantissa != 0) significant++;
                    exponent--;
                }
                digits++;
                i++;
            }
        }
        if (digits == 0)
            return 0;

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            int j = i + 1;
            bool negativeExponent = false;
            if (j < s.Length && (s[j] == (byte)'-' || s[j] == (byte)'+'))
            {
                negativeExponent = s[j] == (byte)'-';
                j++;
            }
            int exponentStart = j;
            int written = 0;
            while (j < s.Length)
            {
                uint d = (uint)(s[j] - '0');
                if (d > 9) break;
                if (written < 100_000) written = written * 10 + (int)d; // beyond this the result is 0 or infinity anyway
                j++;
            }
            // "1e" or "1e+" is not an exponent: stop before the 'e' and let the caller see the odd character.
            if (j > exponentStart)
            {
                exponent += negativeExponent ? -written : written;
                i = j;
            }
        }

        value = Compose(mantissa, exponent, negative);
        return i;
    }

    /// <summary>
    /// Parses a whole whitespace-free token: the fast path when it covers the token, otherwise
    /// <c>nan</c>/<c>inf</c>/<c>infinity</c> (any case, optional sign), MSVC's <c>1.#INF</c>/<c>1.#IND</c>/<c>1.#QNAN</c>,
    /// and finally <see cref="float.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out float)"/>.
    /// </summary>
    public static bool TryParseToken(ReadOnlySpan<byte> token, out float value)
    {
        int used = ParsePrefix(token, out value);
        if (used == token.Length && used > 0)
            return true;
        return TryParseUnusual(token, out value);
    }

    private static bool TryParseUnusual(ReadOnlySpan<byte> token, out float value)
    {
        var body = token;
        bool negative = false;
        if (body.Length > 0 && (body[0] == (byte)'-' || body[0] == (byte)'+'))
        {
            negative = body[0] == (byte)'-';
            body = body[1..];
        }
        if (Ascii.EqualsIgnoreCase(body, "nan"u8))
        {
            value = float.NaN;
            return true;
        }
        if (Ascii.EqualsIgnoreCase(body, "inf"u8) || Ascii.EqualsIgnoreCase(body, "infinity"u8))
        {
            value = negative ? float.NegativeInfinity : float.PositiveInfinity;
            return true;
        }
        // Old Microsoft C runtimes printed non-finite values as 1.#INF00, -1.#IND00, 1.#QNAN0, 1.#SNAN0.
        int hash = body.IndexOf((byte)'#');
        if (hash > 0)
        {
            var tail = body[(hash + 1)..];
            if (tail.StartsWith("INF"u8))
            {
                value = negative ? float.NegativeInfinity : float.PositiveInfinity;
                return true;
            }
            if (tail.StartsWith("IND"u8) || tail.StartsWith("QNAN"u8) || tail.StartsWith("SNAN"u8))
            {
                value = float.NaN;
                return true;
            }
        }
        return float.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Compose(ulong mantissa, int exponent, bool negative)
    {
        double result;
        if (mantissa == 0)
        {
            result = 0;
        }
        else if (exponent is >= -22 and <= 22 && mantissa <= 1UL << 53)
        {
            // Clinger's fast path: both operands are exact, so one IEEE operation rounds correctly.
            result = exponent < 0 ? mantissa / ExactPowers[-exponent] : mantissa * ExactPowers[exponent];
        }
        else if (exponent > MaxExponent)
        {
            result = double.PositiveInfinity;
        }
        else if (exponent < MinExponent)
        {
            result = 0;
        }
        else
        {
            // A few double roundings (about 1e-16 relative) are far below float precision (6e-8).
            result = mantissa * Powers[exponent - MinExponent];
        }
        float single = (float)result;
        return negative ? -single : single;
    }
}
