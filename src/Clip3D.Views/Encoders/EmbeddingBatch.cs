namespace Clip3D.Views.Encoders;

/// <summary>N embeddings of dimension D, row-major; each row L2-normalised by the encoder that made it.</summary>
public sealed class EmbeddingBatch
{
    private readonly float[] _data;

    public EmbeddingBatch(int count, int dimension, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (data.Length != checked(count * dimension))
            throw new ArgumentException($"Expected {count}×{dimension} values, got {data.Length}.", nameof(data));
        Count = count;
        Dimension = dimension;
        _data = data;
    }

    public int Count { get; }

    public int Dimension { get; }

    /// <summary>All values, row-major.</summary>
    public ReadOnlySpan<float> Data => _data;

    /// <summary>Embedding <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> this[int index] => _data.AsSpan(index * Dimension, Dimension);

    /// <summary>Scales each row to unit length (rows of zeros stay zero).</summary>
    public static void NormalizeRows(Span<float> data, int dimension)
    {
        for (int start = 0; start + dimension <= data.Length; start += dimension)
        {
            var row = data.Slice(start, dimension);
            double sum = 0;
            foreach (var v in row) sum += (double)v * v;
            if (sum <= 0) continue;
            float inverse = (float)(1 / Math.Sqrt(sum));
            for (int i = 0; i < row.Length; i++) row[i] *= inverse;
        }
    }

    /// <summary>Cosine similarity of two unit vectors (their dot product).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"Dimensions differ: {a.Length} and {b.Length}.");
        var sum = System.Numerics.Vector<float>.Zero;
        int width = System.Numerics.Vector<float>.Count, i = 0;
        for (; i + width <= a.Length; i += width)
            sum += new System.Numerics.Vector<float>(a.Slice(i, width)) * new System.Numerics.Vector<float>(b.Slice(i, width));
        float total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++) total += a[i] * b[i];
        return total;
    }
}
