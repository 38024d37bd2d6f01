using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Clip3D.Views.Cameras;

namespace Clip3D.Views.Features;

/// <summary>
/// The binary form of one <see cref="ViewFeatures"/> in the feature cache, little-endian: the magic <c>C3DVFEAT</c>, a
/// format version, the entry's key text, the sizes and crop counts, each grid (scale, tile, cell, columns, rows, then
/// its half-precision features), an optional object level (part ids, features, pixel map), and last the SHA-256 of
/// every byte before it. <see cref="Read"/> checks the checksum, the key and every size before building anything.
/// </summary>
internal static class ViewFeatureFile
{
    private static ReadOnlySpan<byte> Magic => "C3DVFEAT"u8;

    private const int Version = 1;

    public static byte[] Write(string key, ViewFeatures features)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The feature cache writes little-endian files only.");
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(key);
            writer.Write(features.Width);
            writer.Write(features.Height);
            writer.Write(features.Dimension);
            writer.Write(features.Grids.Count);
            writer.Write(features.CropCount);
            writer.Write(features.SkippedCropCount);
            writer.Write(features.PartCropCount);
            foreach (var grid in features.Grids)
            {
                writer.Write(grid.Scale);
                writer.Write(grid.TileSize);
                writer.Write(grid.CellSize);
                writer.Write(grid.Columns);
                writer.Write(grid.Rows);
                writer.Write(MemoryMarshal.AsBytes(grid.Features));
            }
            writer.Write(features.Parts is not null);
            if (features.Parts is { } parts)
            {
                writer.Write(parts.PartIds.Length);
                writer.Write(MemoryMarshal.AsBytes(parts.PartIds));
                writer.Write(MemoryMarshal.AsBytes(parts.Features));
                writer.Write(parts.PixelMap);
            }
        }
        var body = memory.ToArray();
        var file = new byte[body.Length + SHA256.HashSizeInBytes];
        body.CopyTo(file, 0);
        SHA256.HashData(body, file.AsSpan(body.Length));
        return file;
    }

    /// <summary>The features stored in <paramref name="bytes"/> for <paramref name="camera"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are truncated, corrupt, of another format version or of another key.</exception>
    public static ViewFeatures Read(byte[] bytes, string key, Camera camera)
    {
        int bodyLength = bytes.Length - SHA256.HashSizeInBytes;
        if (bodyLength < Magic.Length + 4)
            throw new InvalidDataException($"The entry is {bytes.Length} bytes long, too short to be a feature file.");
        if (!SHA256.HashData(bytes.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(bytes.AsSpan(bodyLength)))
            throw new InvalidDataException("The entry's checksum does not match its contents (truncated or corrupted).");
        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException("The entry does not start with the feature file's magic.");
        using var reader = new BinaryReader(new MemoryStream(bytes, Magic.Length, bodyLength - Magic.Length, writable: false), Encoding.UTF8);
        try
        {
            int version = reader.ReadInt32();
            if (version != Version)
                throw new InvalidDataException($"The entry has format version {version}, this build reads {Version}.");
            string storedKey = reader.ReadString();
            if (storedKey != key)
                throw new InvalidDataException("The entry was written for another key.");
            int width = reader.ReadInt32(), height = reader.ReadInt32(), dimension = reader.ReadInt32();
            if (width != camera.Intrinsics.Width || height != camera.Intrinsics.Height)
                throw new InvalidDataException($"The entry is {width}×{height}, the camera {camera.Intrinsics.Width}×{camera.Intrinsics.Height}.");
            int gridCount = reader.ReadInt32();
            int crops = reader.ReadInt32(), skipped = reader.ReadInt32(), partCrops = reader.ReadInt32();
            if (dimension <= 0 || gridCount <= 0 || gridCount > 64)
                throw new InvalidDataException($"The entry's sizes are out of range (D={dimension}, {gridCount} grids).");
            var grids = new FeatureGrid[gridCount];
            for (int g = 0; g < gridCount; g++)
            {
                float scale = reader.ReadSingle();
                int tile = reader.ReadInt32(), cell = reader.ReadInt32(), columns = reader.ReadInt32(), rows = reader.ReadInt32();
                long values = (long)columns * rows * dimension;
                if (columns <= 0 || rows <= 0 || values * 2 > bodyLength)
                    throw new InvalidDataException($"Grid {g}'s size ({columns}×{rows}×{dimension}) does not fit the entry.");
                grids[g] = new FeatureGrid(scale, tile, cell, columns, rows, dimension, ReadArray<Half>(reader, (int)values));
            }
            PartFeatures? parts = null;
            if (reader.ReadBoolean())
            {
                int count = reader.ReadInt32();
                if (count is < 0 or > 255)
                    throw new InvalidDataException($"The entry claims {count} parts.");
                var ids = ReadArray<int>(reader, count);
                var features = ReadArray<Half>(reader, checked(count * dimension));
                var map = ReadArray<byte>(reader, checked(width * height));
                parts = new PartFeatures(width, height, dimension, ids, features, map);
            }
            if (reader.BaseStream.Position != reader.BaseStream.Length)
                throw new InvalidDataException("The entry has bytes after its last field.");
            return new ViewFeatures(camera, dimension, grids, parts, crops, skipped, partCrops);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The entry ends before its last field.", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("The entry holds inconsistent features: " + e.Message, e);
        }
    }

    private static T[] ReadArray<T>(BinaryReader reader, int count) where T : unmanaged
    {
        var array = new T[count];
        var bytes = MemoryMarshal.AsBytes(array.AsSpan());
        if (reader.Read(bytes) != bytes.Length)
            throw new EndOfStreamException();
        return array;
    }
}
