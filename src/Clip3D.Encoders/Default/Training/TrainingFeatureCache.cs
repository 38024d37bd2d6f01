using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Clip3D.Mesh.IO;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Image-tower features of a source's training images on disk, so that training the heads again with other head
/// settings (epochs, hidden width, temperature) skips drawing, rendering and embedding — most of a run's time. An
/// entry is keyed by everything that fixes the images and their features: the source's description (which names its
/// seed and sizes), the augmentation count, the seed and the image tower's model hash. File: magic
/// <c>C3DFEAT1</c>, count and dimension (int32 LE), the label ids (int32 LE), the features (float32 LE) and a SHA-256 of
/// all that; written atomically. A damaged or truncated entry reads as a miss (and is rewritten), never as data.
/// </summary>
internal sealed class TrainingFeatureCache(string directory)
{
    private static readonly byte[] Magic = "C3DFEAT1"u8.ToArray();

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The entry's path for a key made of <paramref name="parts"/>.</summary>
    public string PathFor(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", parts)));
        return Path.Combine(Directory, "features-" + Convert.ToHexStringLower(hash.AsSpan(0, 12)) + ".bin");
    }

    /// <summary>Reads an entry; null when it is missing or damaged (<paramref name="problem"/> says which damage).</summary>
    public static (int[] Labels, float[] Features)? TryRead(string path, int dimension, out string? problem)
    {
        problem = null;
        if (!File.Exists(path)) return null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            problem = e.Message;
            return null;
        }
        const int Header = 16, Digest = 32;
        if (bytes.Length < Header + Digest || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
        {
            problem = $"{path}: not a feature cache entry";
            return null;
        }
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)), dim = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        long expected = Header + 4L * count + 4L * count * dim + Digest;
        if (count < 0 || dim != dimension || bytes.Length != expected)
        {
            problem = $"{path}: {count} × {dim} features do not match its {bytes.Length} bytes";
            return null;
        }
        var body = bytes.AsSpan(0, bytes.Length - Digest);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - Digest)))
        {
            problem = $"{path}: checksum mismatch";
            return null;
        }
        var labels = MemoryMarshal.Cast<byte, int>(body.Slice(Header, 4 * count)).ToArray();
        var features = MemoryMarshal.Cast<byte, float>(body.Slice(Header + 4 * count)).ToArray();
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The feature cache is little-endian only.");
        return (labels, features);
    }

    /// <summary>Writes an entry atomically.</summary>
    public static void Write(string path, ReadOnlySpan<int> labels, ReadOnlySpan<float> features, int dimension)
    {
        if (features.Length != labels.Length * dimension)
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * dimension} features, got {features.Length}.");
        var bytes = new byte[16 + 4 * labels.Length + 4 * features.Length + 32];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), labels.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), dimension);
        MemoryMarshal.AsBytes(labels).CopyTo(bytes.AsSpan(16));
        MemoryMarshal.AsBytes(features).CopyTo(bytes.AsSpan(16 + 4 * labels.Length));
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32), bytes.AsSpan(bytes.Length - 32));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllBytes(path, bytes);
    }
}
