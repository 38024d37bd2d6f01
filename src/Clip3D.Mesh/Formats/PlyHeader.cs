using System.Globalization;
using System.Text;

namespace Clip3D.Mesh.Formats;

/// <summary>One <c>property</c> line of a PLY header: a scalar, or a list with its count and item types.</summary>
internal sealed record PlyProperty(string Name, PlyScalarType Type, bool IsList, PlyScalarType CountType, int HeaderLine);

/// <summary>One <c>element</c> of a PLY header: its name, how many rows the body holds, and each row's properties.</summary>
internal sealed class PlyElement(string name, long count, int headerLine)
{
    public string Name { get; } = name;

    public long Count { get; } = count;

    public int HeaderLine { get; } = headerLine;

    public List<PlyProperty> Properties { get; } = [];

    public bool HasLists => Properties.Exists(p => p.IsList);

    /// <summary>
    /// The fewest bytes a binary row can take: every scalar, plus every list's count with no items. For an
    /// element without lists this is the exact row size.
    /// </summary>
    public long MinimumBinaryRowBytes => Properties.Sum(p => (long)(p.IsList ? p.CountType : p.Type).Size());

    /// <summary>The fewest bytes an ASCII row can take: one digit and one separator per value (an empty list is one value, its count).</summary>
    public long MinimumAsciiRowBytes => 2L * Properties.Count;
}

/// <summary>
/// The header of a PLY file: <c>ply</c>, <c>format</c>, then <c>comment</c>, <c>obj_info</c>, <c>element</c> and
/// <c>property</c> lines in any number, up to <c>end_header</c>. Parsing checks the syntax only; counts are
/// checked against the body by <see cref="PlyReader"/>.
/// </summary>
internal sealed class PlyHeader
{
    /// <summary>Header lines longer than this are refused, so a damaged file cannot make one huge string.</summary>
    private const int MaxLineBytes = 64 * 1024;

    private PlyHeader(MeshFormat format, List<PlyElement> elements, List<(string File, int Line)> textureFiles, int bodyOffset, int bodyFirstLine)
    {
        Format = format;
        Elements = elements;
        TextureFiles = textureFiles;
        BodyOffset = bodyOffset;
        BodyFirstLine = bodyFirstLine;
    }

    public MeshFormat Format { get; }

    public IReadOnlyList<PlyElement> Elements { get; }

    /// <summary>Texture images named by <c>comment TextureFile name</c> lines (MeshLab's convention), with their header lines.</summary>
    public IReadOnlyList<(string File, int Line)> TextureFiles { get; }

    /// <summary>Offset of the first body byte, just after the <c>end_header</c> line.</summary>
    public int BodyOffset { get; }

    /// <summary>Line number of the body's first line (for ASCII error messages).</summary>
    public int BodyFirstLine { get; }

    /// <summary>Parses the header at the start of <paramref name="data"/>.</summary>
    /// <exception cref="MeshSyntaxException">A header line is malformed; the location is <c>header line N</c>.</exception>
    /// <exception cref="MeshTruncatedException">The file ends before <c>end_header</c>.</exception>
    public static PlyHeader Parse(ReadContext context, byte[] data)
    {
        MeshFormat? format = null;
        var elements = new List<PlyElement>();
        var textures = new List<(string, int)>();
        int position = 0;
        for (int line = 1; ; line++)
        {
            string where = $"header line {line}";
            if (position >= data.Length)
                throw context.Truncated(where, "the file ends before 'end_header'");
            int length = data.AsSpan(position).IndexOfAny((byte)'\n', (byte)'\r');
            if (length < 0)
                length = data.Length - position;
            if (length > MaxLineBytes)
                throw context.Syntax(where, $"header line longer than {MaxLineBytes} bytes (is 'end_header' missing?)");
            var text = Encoding.Latin1.GetString(data, position, length).Trim();
            position += length;
            if (position < data.Length && data[position] == (byte)'\r') position++;
            if (position < data.Length && data[position] == (byte)'\n') position++;

            var tokens = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (line == 1)
            {
                if (text != "ply")
                    throw context.Syntax(where, "a PLY file starts with the line 'ply'");
                continue;
            }
            if (tokens.Length == 0)
                continue;
            switch (tokens[0])
            {
                case "end_header":
                    if (format is null)
                        throw context.Syntax(where, "the header has no 'format' line");
                    return new PlyHeader(format.Value, elements, textures, position, line + 1);
                case "format":
                    format = ParseFormat(context, where, tokens);
                    break;
                case "comment":
                    if (tokens.Length >= 3 && tokens[1].Equals("TextureFile", StringComparison.OrdinalIgnoreCase))
                    {
                        // The name is the rest of the line and may contain spaces.
                        int at = text.IndexOf(tokens[1], "comment".Length, StringComparison.Ordinal) + tokens[1].Length;
                        textures.Add((text[at..].Trim(), line));
                    }
                    break;
                case "obj_info":
                    break;
                case "element":
                    elements.Add(ParseElement(context, where, line, tokens));
                    break;
                case "property":
                    if (elements.Count == 0)
                        throw context.Syntax(where, "'property' before any 'element'");
                    elements[^1].Properties.Add(ParseProperty(context, where, line, tokens));
                    break;
                default:
                    context.Warn(where, $"unknown header keyword '{Shorten(tokens[0])}' ignored");
                    break;
            }
        }
    }

    private static MeshFormat ParseFormat(ReadContext context, string where, string[] tokens)
    {
        if (tokens.Length < 2)
            throw context.Syntax(where, "'format' needs an encoding (ascii, binary_little_endian or binary_big_endian)");
        var format = tokens[1] switch
        {
            "ascii" => MeshFormat.PlyAscii,
            "binary_little_endian" => MeshFormat.PlyBinaryLittleEndian,
            "binary_big_endian" => MeshFormat.PlyBinaryBigEndian,
            _ => throw context.Syntax(where,
                $"unknown PLY format '{Shorten(tokens[1])}' (expected ascii, binary_little_endian or binary_big_endian)"),
        };
        if (tokens.Length < 3 || tokens[2] != "1.0")
            context.Warn(where, $"PLY version '{(tokens.Length < 3 ? "" : Shorten(tokens[2]))}' is not 1.0; reading it as 1.0");
        return format;
    }

    private static PlyElement ParseElement(ReadContext context, string where, int line, string[] tokens)
    {
        if (tokens.Length != 3)
            throw context.Syntax(where, "expected 'element <name> <count>'");
        if (!long.TryParse(tokens[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
            throw context.Syntax(where, $"element count '{Shorten(tokens[2])}' is not an integer");
        if (count < 0)
            throw context.Data(where, $"negative element count {count}");
        return new PlyElement(tokens[1], count, line);
    }

    private static PlyProperty ParseProperty(ReadContext context, string where, int line, string[] tokens)
    {
        if (tokens.Length >= 2 && tokens[1] == "list")
        {
            if (tokens.Length != 5)
                throw context.Syntax(where, "expected 'property list <count type> <item type> <name>'");
            var countType = ParseType(context, where, tokens[2]);
            if (!countType.IsInteger())
                throw context.Syntax(where, $"list count type '{tokens[2]}' is not an integer type");
            return new PlyProperty(tokens[4], ParseType(context, where, tokens[3]), true, countType, line);
        }
        if (tokens.Length != 3)
            throw context.Syntax(where, "expected 'property <type> <name>'");
        return new PlyProperty(tokens[2], ParseType(context, where, tokens[1]), false, default, line);
    }

    private static PlyScalarType ParseType(ReadContext context, string where, string name) =>
        PlyScalarTypes.TryParse(name, out var type)
            ? type
            : throw context.Syntax(where, $"unknown property type '{Shorten(name)}' (expected char, uchar, short, ushort, int, uint, float, double or int8 … float64)");

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
