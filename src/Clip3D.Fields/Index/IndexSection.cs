using System.Runtime.InteropServices;
using System.Text;

namespace Clip3D.Fields.Index;

/// <summary>
/// One named, typed array of an index file: surface points (<c>Float32 [n×3]</c>), fused features
/// (<c>Float16 [n×d]</c>), a compression basis, field weights… <see cref="Data"/> holds the elements row-major and
/// little-endian, exactly as the file stores them. The typed views (<see cref="AsFloats"/>, <see cref="AsHalves"/>,
/// <see cref="AsInts"/>, <see cref="AsBytes"/>) check the element type and name the section when it differs, so a file
/// whose section has the wrong type reports it like any other format problem.
/// </summary>
public sealed class IndexSection
{
    /// <summary>Most dimensions a section's shape may have.</summary>
    public const int MaxRank = 8;

    /// <summary>Most UTF-8 bytes in a section name.</summary>
    public const int MaxNameBytes = 128;

    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly int[] _shape;

    /// <summary>
    /// A section over <paramref name="data"/> (not copied). Its length must be the product of
    /// <paramref name="shape"/> times the element size; an empty shape is a single element.
    /// </summary>
    public IndexSection(string name, IndexElementType elementType, ReadOnlySpan<int> shape, ReadOnlyMemory<byte> data)
        : this(name, elementType, shape.ToArray(), data, sourcePath: null)
    {
    }

    internal IndexSection(string name, IndexElementType elementType, int[] shape, ReadOnlyMemory<byte> data, string? sourcePath)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (NameProblem(name) is { } problem)
            throw new ArgumentException($"section name {Quote(name)}: {problem}", nameof(name));
        if (!IndexElementTypes.IsDefined(elementType))
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, $"section \"{name}\": not an index element type");
        if (shape.Length > MaxRank)
            throw new ArgumentException($"section \"{name}\": rank {shape.Length}, at most {MaxRank}", nameof(shape));
        var expected = ByteLength(elementType, shape, out var shapeProblem);
        if (shapeProblem is not null)
            throw new ArgumentException($"section \"{name}\": {shapeProblem}", nameof(shape));
        if (data.Length != expected)
            throw new ArgumentException(
                $"section \"{name}\": shape {FormatShape(shape)} of {elementType} needs {expected} bytes, the data has {data.Length}", nameof(data));
        Name = name;
        ElementType = elementType;
        _shape = shape;
        Data = data;
        SourcePath = sourcePath;
    }

    /// <summary>The section's name, unique within a file (e.g. <c>points</c>, <c>features</c>).</summary>
    public string Name { get; }

    /// <summary>The type of every element.</summary>
    public IndexElementType ElementType { get; }

    /// <summary>The dimensions, outermost first (row-major).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The elements' bytes, little-endian, row-major.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Number of elements (the product of <see cref="Shape"/>).</summary>
    public long ElementCount => Data.Length / ElementType.SizeOf();

    /// <summary>The file the section was read from, or null for a section made in memory.</summary>
    public string? SourcePath { get; }

    /// <summary>A Float32 section of <paramref name="values"/> (copied); shape <c>[values.Length]</c> when none is given.</summary>
    public static IndexSection FromFloats(string name, ReadOnlySpan<float> values, params int[] shape) =>
        new(name, IndexElementType.Float32, ShapeOr(shape, values.Length), MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A Float16 section of <paramref name="values"/> (copied); shape <c>[values.Length]</c> when none is given.</summary>
    public static IndexSection FromHalves(string name, ReadOnlySpan<Half> values, params int[] shape) =>
        new(name, IndexElementType.Float16, ShapeOr(shape, values.Length), MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A Float16 section holding <paramref name="values"/> rounded to half precision.</summary>
    public static IndexSection FromFloatsAsHalves(string name, ReadOnlySpan<float> values, params int[] shape)
    {
        var halves = new Half[values.Length];
        for (var i = 0; i < values.Length; i++)
            halves[i] = (Half)values[i];
        return FromHalves(name, halves, shape);
    }

    /// <summary>An Int32 section of <paramref name="values"/> (copied); shape <c>[values.Length]</c> when none is given.</summary>
    public static IndexSection FromInts(string name, ReadOnlySpan<int> values, params int[] shape) =>
        new(name, IndexElementType.Int32, ShapeOr(shape, values.Length), MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>A UInt8 section of <paramref name="values"/> (copied); shape <c>[values.Length]</c> when none is given.</summary>
    public static IndexSection FromBytes(string name, ReadOnlySpan<byte> values, params int[] shape) =>
        new(name, IndexElementType.UInt8, ShapeOr(shape, values.Length), values.ToArray());

    /// <summary>The elements of a Float32 section.</summary>
    /// <exception cref="IndexFileException">The section holds another type.</exception>
    public ReadOnlySpan<float> AsFloats() => MemoryMarshal.Cast<byte, float>(Require(IndexElementType.Float32));

    /// <summary>The elements of a Float16 section.</summary>
    /// <exception cref="IndexFileException">The section holds another type.</exception>
    public ReadOnlySpan<Half> AsHalves() => MemoryMarshal.Cast<byte, Half>(Require(IndexElementType.Float16));

    /// <summary>The elements of an Int32 section.</summary>
    /// <exception cref="IndexFileException">The section holds another type.</exception>
    public ReadOnlySpan<int> AsInts() => MemoryMarshal.Cast<byte, int>(Require(IndexElementType.Int32));

    /// <summary>The elements of a UInt8 section.</summary>
    /// <exception cref="IndexFileException">The section holds another type.</exception>
    public ReadOnlySpan<byte> AsBytes() => Require(IndexElementType.UInt8);

    /// <summary>A new array of the elements of a Float32 or Float16 section as single precision.</summary>
    /// <exception cref="IndexFileException">The section holds integers.</exception>
    public float[] ToFloatArray()
    {
        if (ElementType == IndexElementType.Float16)
        {
            var halves = AsHalves();
            var result = new float[halves.Length];
            HalvesToFloats(halves, result);
            return result;
        }
        if (ElementType == IndexElementType.Float32)
            return AsFloats().ToArray();
        throw Mismatch("Float32 or Float16");
    }

    /// <summary>Converts half-precision values to single precision (exact: every half is a float).</summary>
    public static void HalvesToFloats(ReadOnlySpan<Half> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException($"destination holds {destination.Length} values, the source {source.Length}", nameof(destination));
        for (var i = 0; i < source.Length; i++)
            destination[i] = (float)source[i];
    }

    /// <summary>E.g. <c>features Float16 [12000×384], 9,216,000 bytes</c>.</summary>
    public override string ToString() => $"{Name} {ElementType} {FormatShape(_shape)}, {Data.Length:N0} bytes";

    /// <summary><c>[12000×384]</c>; <c>[]</c> for a scalar.</summary>
    public static string FormatShape(IReadOnlyList<int> shape) => $"[{string.Join('×', shape)}]";

    private ReadOnlySpan<byte> Require(IndexElementType type)
    {
        if (ElementType != type)
            throw Mismatch(type.ToString());
        return Data.Span;
    }

    private IndexFileException Mismatch(string expected) =>
        new(SourcePath ?? "(unsaved index)", $"section \"{Name}\" holds {ElementType} {FormatShape(_shape)}, expected {expected}");

    private static int[] ShapeOr(int[] shape, int length) => shape.Length == 0 ? [length] : shape;

    /// <summary>The byte length of a section of this type and shape; -1 and a problem when a dimension is negative or the size overflows.</summary>
    internal static long ByteLength(IndexElementType type, ReadOnlySpan<int> shape, out string? problem)
    {
        long length = type.SizeOf();
        foreach (var dimension in shape)
        {
            if (dimension < 0)
            {
                problem = $"negative dimension in shape {FormatShape(shape.ToArray())}";
                return -1;
            }
            if (dimension != 0 && length > long.MaxValue / dimension)
            {
                problem = $"shape {FormatShape(shape.ToArray())} of {type} is larger than any file";
                return -1;
            }
            length *= dimension;
        }
        problem = null;
        return length;
    }

    /// <summary>Why <paramref name="name"/> cannot name a section, or null when it can.</summary>
    internal static string? NameProblem(string name)
    {
        if (name.Length == 0)
            return "empty";
        int bytes;
        try { bytes = StrictUtf8.GetByteCount(name); }
        catch (EncoderFallbackException) { return "contains a lone surrogate"; }
        if (bytes > MaxNameBytes)
            return $"longer than {MaxNameBytes} UTF-8 bytes";
        foreach (var c in name)
            if (char.IsControl(c))
                return "contains a control character";
        return null;
    }

    internal static string Quote(string text) =>
        "\"" + (text.Length > 40 ? text[..40] + "…" : text).ReplaceLineEndings(" ") + "\"";
}
