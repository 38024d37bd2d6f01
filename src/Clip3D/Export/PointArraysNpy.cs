using Clip3D.Mesh.IO;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Fusion;

namespace Clip3D.Export;

/// <summary>
/// Per-point arrays of an index as NumPy <c>.npy</c> files (format 1.0, dtype <c>&lt;f4</c>, C order; written by
/// <see cref="NpyFile"/>, atomically), for users' own tools: <c>numpy.load("features.npy")</c>. Row i of every array is
/// surface point i of the index, so the files line up with each other and with the PLY and glTF exports.
/// </summary>
public static class PointArraysNpy
{
    /// <summary>
    /// Writes the pooled fused feature of every point as float32, shape (N, D) — unit rows in the encoder's embedding
    /// space, so a text embedding's dot product with a row is their cosine. Rows of points no view saw are all NaN
    /// (<c>numpy.isnan(f[:, 0])</c> finds them). Streams row by row: the array is never held whole.
    /// </summary>
    public static void WriteFeatures(string path, FusedFeatures features)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(features);
        NpyFile.WriteSingleRows(path, [features.PointCount, features.Dimension], (point, row) =>
        {
            var feature = features.Feature(point);
            if (feature.IsEmpty)
            {
                row.Fill(float.NaN);
                return;
            }
            for (int k = 0; k < row.Length; k++) row[k] = (float)feature[k];
        });
    }

    /// <summary>Writes the points' positions as float32, shape (N, 3): x, y, z in Clip3D's world frame (Z up, metres).</summary>
    public static void WritePositions(string path, SurfacePoints points)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(points);
        NpyFile.WriteSingleRows(path, [points.Count, 3], (point, row) =>
        {
            var p = points.Positions[point];
            row[0] = p.X;
            row[1] = p.Y;
            row[2] = p.Z;
        });
    }

    /// <summary>
    /// Writes a query's per-point relevancy (<see cref="Querying.QueryResult.Relevancy"/>) as float32, shape (N,): values
    /// in (0, 1), NaN for points no view saw.
    /// </summary>
    public static void WriteRelevancy(string path, IReadOnlyList<float> relevancy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(relevancy);
        NpyFile.Write(path, (relevancy as float[] ?? relevancy.ToArray()).AsSpan(), relevancy.Count);
    }
}
