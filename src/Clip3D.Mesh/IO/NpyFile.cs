using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Clip3D.Mesh.IO;

/// <summary>
/// NumPy <c>.npy</c> files (format version 1.0, little-endian, C order) for float32 and int32 arrays, so depth
/// maps and features open directly with <c>numpy.load</c>. Writes are atomic.
/// </summary>
public static class NpyFile
{
    // 0x93 then "NUMPY" (a u8 string literal would encode U+0093 as two UTF-8 bytes).
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape) => Write(path, MemoryMarshal.AsBytes(data), "<f4", shape, data.Length);

    public static void Write(string path, ReadOnlySpan<int> data, params int[] shape) => Write(path, MemoryMarshal.AsBytes(data), "<i4", shape, data.Length);

    /// <summary>Reads a float32 array written by <see cref="Write(string, ReadOnlySpan{float}, int[])"/> (or NumPy).</summary>
    public static (float[] Data, int[] Shape) ReadSingle(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var (descr, shape, offset) = ParseHeader(path, bytes);
        if (descr != "<f4")
            throw new InvalidDataException($"{path}: expected dtype <f4, found {descr}");
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (count * 4 != bytes.Length - offset)
            throw new InvalidDataException($"{path}: shape ({string.Join(", ", shape)}) needs {count * 4} bytes of data, found {bytes.Length - offset}");
        var data = new float[count];
        for (int i = 0; i < data.Length; i++)
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset + 4 * i));
        return (data, shape);
    }

    /// <summary>
    /// Writes a float32 array of <paramref name="shape"/> one row (one index of the first dimension) at a time, so an
    /// array too large to hold twice — or over .NET's 2 GB array limit — never exists whole in memory:
    /// <paramref name="fillRow"/>(row, values) fills the row's values (the product of the other dimensions; one for a
    /// vector), which start as zeros. Atomic like every other write.
    /// </summary>
    public static void WriteSingleRows(string path, int[] shape, Action<int, Span<float>> fillRow)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(fillRow);
        if (shape.Length == 0 || shape.Any(d => d < 0))
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) needs at least one dimension, none negative.", nameof(shape));
        long rowLength = shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        if (rowLength > Array.MaxLength / sizeof(float))
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}): a row of {rowLength} values is too long.", nameof(shape));
        var header = Header("<f4", shape);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            var row = new float[rowLength];
            for (int r = 0; r < shape[0]; r++)
            {
                Array.Clear(row);
                fillRow(r, row);
                stream.Write(MemoryMarshal.AsBytes(row.AsSpan()));
            }
        });
    }

    private static void Write(string path, ReadOnlySpan<byte> payload, string descr, int[] shape, int count)
    {
        if (shape.Length == 0) shape = [count];
        long product = shape.Aggregate(1L, (a, b) => a * b);
        if (product != count)
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) holds {product} values, but {count} were given.");
        var header = Header(descr, shape);
        var file = new byte[header.Length + payload.Length];
        header.CopyTo(file, 0);
        payload.CopyTo(file.AsSpan(header.Length));
        AtomicFile.WriteAllBytes(path, file);
    }

    /// <summary>Everything before the data: magic, version 1.0, header length and the header dictionary, padded to 64 bytes.</summary>
    private static byte[] Header(string descr, int[] shape)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("NpyFile writes little-endian data from a little-endian machine only.");
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Header length pads magic + version + length + dict + newline to a multiple of 64 bytes.
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        var dictionary = Encoding.ASCII.GetBytes(dict + new string(' ', padding) + "\n");
        var header = new byte[Magic.Length + 4 + dictionary.Length];
        Magic.CopyTo(header);
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)dictionary.Length);
        dictionary.CopyTo(header, 10);
        return header;
    }

    private static (string Descr, int[] Shape, int Offset) ParseHeader(string path, byte[] bytes)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a .npy file");
        int length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (10 + length > bytes.Length)
            throw new InvalidDataException($"{path}: header runs past the end of the file");
        var header = Encoding.ASCII.GetString(bytes, 10, length);
        string descr = Between(header, "'descr': '", "'");
        var shapeText = Between(header, "'shape': (", ")");
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        return (descr, shape, 10 + length);
    }

    private static string Between(string text, string start, string end)
    {
        int i = text.IndexOf(start, StringComparison.Ordinal);
        if (i < 0) throw new InvalidDataException($"header lacks {start.Trim('\'', ' ', ':', '(')}");
        i += start.Length;
        int j = text.IndexOf(end, i, StringComparison.Ordinal);
        return text[i..j];
    }
}
