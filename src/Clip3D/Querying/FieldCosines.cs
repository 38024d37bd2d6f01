using System.Numerics;
using Clip3D.Fields.Field;
using Clip3D.Views.Fusion;

namespace Clip3D.Querying;

/// <summary>
/// LERF relevancy from a neural field without decoding its features. The field outputs a PCA code c whose feature is
/// f = mean + Bᵀc (<see cref="Clip3D.Fields.Compression.FeatureCompression"/>); the cosine of f with a unit text
/// embedding q is (mean·q + c·Bq) / |f|, and |f| does not depend on the query: √(Frame[0]² + Σ (Frame[1+k] + c_k)²).
/// So a point is kept as the row (1, c₁ … c_K) / |f| and a text as (mean·q, Bq), both padded with zeros to whole SIMD
/// vectors, and a point's cosine is one dot product of K + 1 values instead of a D-dimensional decode and dot product:
/// the same number up to float rounding (about 1e-6). Results depend only on the inputs, not on threads.
/// </summary>
internal static class FieldCosines
{
    /// <summary>Rows per parallel work item.</summary>
    private const int Chunk = 8192;

    /// <summary>Values per row: K + 1 rounded up to whole <see cref="Vector{T}"/>s.</summary>
    public static int RowWidth(FeatureField field) => RoundUp(field.CompressedDimension + 1);

    /// <summary>The rows of the field's features at <paramref name="positions"/> (evaluated at <paramref name="scale"/>).</summary>
    public static float[] Rows(FeatureField field, ReadOnlySpan<Vector3> positions, float scale)
    {
        int k = field.CompressedDimension, width = RowWidth(field);
        var codes = new float[positions.Length * k];
        field.EvaluateCompressed(positions, codes, scale);
        var frame = field.Compression.Frame;
        var rows = new float[positions.Length * width];
        for (int p = 0; p < positions.Length; p++)
        {
            var code = codes.AsSpan(p * k, k);
            double norm = (double)frame[0] * frame[0];
            for (int j = 0; j < k; j++)
            {
                double t = frame[1 + j] + (double)code[j];
                norm += t * t;
            }
            // A zero feature (never seen in practice) keeps a zero row: cosine 0, as the decoded zero vector gives.
            if (!(norm > 0)) continue;
            float inverse = (float)(1 / Math.Sqrt(norm));
            var row = rows.AsSpan(p * width, width);
            row[0] = inverse;
            for (int j = 0; j < k; j++) row[1 + j] = code[j] * inverse;
        }
        return rows;
    }

    /// <summary>A unit text embedding as (mean·q, Bq), padded like the rows.</summary>
    public static float[] Project(FeatureField field, ReadOnlySpan<float> text)
    {
        var compression = field.Compression;
        int d = compression.Dimension;
        if (text.Length != d) throw new ArgumentException($"The text embedding is {text.Length}-d, the field decodes to {d}-d.");
        var result = new float[RowWidth(field)];
        result[0] = DotDouble(compression.Mean, text);
        for (int k = 0; k < compression.Rank; k++)
            result[1 + k] = DotDouble(compression.Basis.Slice(k * d, d), text);
        return result;
    }

    /// <summary>
    /// LERF relevancy of every row: the pairwise softmax of its cosine with <paramref name="query"/> against its cosine
    /// with the closest negative (the minimum over the negatives, as <see cref="FusedQuery.PairwiseRelevancy"/> falls
    /// as the negative's cosine rises). Rows and vectors come from <see cref="Rows"/> and <see cref="Project"/>.
    /// </summary>
    public static float[] Relevancy(float[] rows, int width, float[] query, float[][] negatives, float temperature) =>
        Relevancy(rows, width, query, ClosestNegative(rows, width, negatives), temperature);

    /// <summary>
    /// Each row's cosine with the negative it is closest to: all that <see cref="Relevancy(float[], int, float[], float[][], float)"/>
    /// needs from the negatives, to be kept and passed to <see cref="Relevancy(float[], int, float[], float[], float)"/>.
    /// </summary>
    public static float[] ClosestNegative(float[] rows, int width, float[][] negatives)
    {
        int count = rows.Length / width;
        var result = new float[count];
        Parallel.For(0, (count + Chunk - 1) / Chunk, c =>
        {
            int end = Math.Min(count, (c + 1) * Chunk);
            for (int p = c * Chunk; p < end; p++)
            {
                var row = rows.AsSpan(p * width, width);
                float closest = float.NegativeInfinity;
                foreach (var negative in negatives)
                    closest = MathF.Max(closest, Dot(row, negative));
                result[p] = closest;
            }
        });
        return result;
    }

    /// <summary>The same numbers as <see cref="Relevancy(float[], int, float[], float[][], float)"/>, from the rows' <see cref="ClosestNegative"/> cosines.</summary>
    public static float[] Relevancy(float[] rows, int width, float[] query, float[] closestNegative, float temperature)
    {
        int count = rows.Length / width;
        var result = new float[count];
        Parallel.For(0, (count + Chunk - 1) / Chunk, c =>
        {
            int end = Math.Min(count, (c + 1) * Chunk);
            for (int p = c * Chunk; p < end; p++)
                result[p] = FusedQuery.PairwiseRelevancy(Dot(rows.AsSpan(p * width, width), query), closestNegative[p], temperature);
        });
        return result;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        for (int i = 0; i < a.Length; i += Vector<float>.Count)
            sum += new Vector<float>(a.Slice(i, Vector<float>.Count)) * new Vector<float>(b.Slice(i, Vector<float>.Count));
        return Vector.Sum(sum);
    }

    private static float DotDouble(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return (float)sum;
    }

    private static int RoundUp(int n) => (n + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
}
