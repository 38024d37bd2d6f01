namespace Clip3D.Views.Features;

/// <summary>Small vector helpers shared by feature extraction, fusion and queries.</summary>
internal static class FeatureMath
{
    /// <summary>Writes <paramref name="values"/> scaled to unit length into <paramref name="destination"/>; false (zeros written) when the vector is zero.</summary>
    public static bool NormalizeToHalf(ReadOnlySpan<float> values, Span<Half> destination)
    {
        double sum = 0;
        foreach (float v in values) sum += (double)v * v;
        if (!(sum > 0))
        {
            destination.Clear();
            return false;
        }
        float inverse = (float)(1 / Math.Sqrt(sum));
        for (int i = 0; i < values.Length; i++)
            destination[i] = (Half)(values[i] * inverse);
        return true;
    }

    /// <summary>Scales <paramref name="values"/> to unit length in place; false when it is zero.</summary>
    public static bool Normalize(Span<float> values)
    {
        double sum = 0;
        foreach (float v in values) sum += (double)v * v;
        if (!(sum > 0))
            return false;
        float inverse = (float)(1 / Math.Sqrt(sum));
        for (int i = 0; i < values.Length; i++)
            values[i] *= inverse;
        return true;
    }

    /// <summary><c>Σ a[i] · b[i]</c> of a half-precision and a single-precision vector of equal length.</summary>
    public static float Dot(ReadOnlySpan<Half> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (float)a[i] * b[i];
        return sum;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless every value is finite.</summary>
    public static void RequireFinite(ReadOnlySpan<float> values, string what, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
            if (!float.IsFinite(values[i]))
                throw new ArgumentException($"{what} has a non-finite value ({values[i]}) at index {i}.", parameter);
    }
}
