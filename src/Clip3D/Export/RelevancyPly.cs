using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Clip3D.Mesh.IO;
using Clip3D.Mesh.Sampling;

namespace Clip3D.Export;

/// <summary>
/// Writes surface points with a query's relevancy as a binary little-endian PLY point cloud (MeshLab, CloudCompare,
/// Open3D read it): per vertex <c>x y z</c> and <c>nx ny nz</c> (float, world frame, Z up, metres), <c>red green blue</c>
/// (uchar: a blue → cyan → yellow → red colour map of the relevancy from 0.5 to 1; grey for points no view saw) and the
/// raw <c>relevancy</c> (float, NaN where unseen). Written to a temporary file and renamed into place.
/// </summary>
public static class RelevancyPly
{
    public static void Write(string path, SurfacePoints points, IReadOnlyList<float> relevancy, string comment = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(relevancy);
        if (relevancy.Count != points.Count)
            throw new ArgumentException($"{relevancy.Count} relevancy values for {points.Count} points.", nameof(relevancy));
        var header = new StringBuilder();
        header.Append("ply\nformat binary_little_endian 1.0\ncomment Clip3D relevancy export, Z-up metres\n");
        foreach (var line in comment.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            header.Append("comment ").Append(line.Replace('\r', ' ')).Append('\n');
        header.Append(CultureInfo.InvariantCulture, $"element vertex {points.Count}\n");
        header.Append("property float x\nproperty float y\nproperty float z\nproperty float nx\nproperty float ny\nproperty float nz\n");
        header.Append("property uchar red\nproperty uchar green\nproperty uchar blue\nproperty float relevancy\nend_header\n");
        AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.ASCII.GetBytes(header.ToString()));
            var record = new byte[6 * 4 + 3 + 4];
            for (int i = 0; i < points.Count; i++)
            {
                var p = points.Positions[i];
                var n = points.Normals[i];
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(0), p.X);
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(4), p.Y);
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(8), p.Z);
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(12), n.X);
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(16), n.Y);
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(20), n.Z);
                var (r, g, b) = ColourOf(relevancy[i]);
                record[24] = r;
                record[25] = g;
                record[26] = b;
                BinaryPrimitives.WriteSingleLittleEndian(record.AsSpan(27), relevancy[i]);
                stream.Write(record);
            }
        });
    }

    /// <summary>The colour map: grey for NaN; relevancy 0.5 (or less) blue, 0.67 cyan, 0.83 yellow, 1 red.</summary>
    public static (byte R, byte G, byte B) ColourOf(float relevancy)
    {
        if (float.IsNaN(relevancy)) return (128, 128, 128);
        float t = Math.Clamp((relevancy - 0.5f) * 2f, 0f, 1f) * 3f;
        (float r, float g, float b) = t switch
        {
            < 1f => (0f, t, 1f),
            < 2f => (t - 1f, 1f, 2f - t),
            _ => (1f, 3f - t, 0f),
        };
        return ((byte)MathF.Round(r * 255), (byte)MathF.Round(g * 255), (byte)MathF.Round(b * 255));
    }
}
