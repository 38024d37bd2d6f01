using System.Text;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Decides a file's format from its bytes, never from its extension alone: GLB magic, JSON, the PLY magic line,
/// STL (binary size formula first, since binary files may also start with "solid"; then text starting with
/// "solid" is ASCII, while non-text starting with "solid" or named .stl is a damaged binary STL), then OBJ
/// statements. The extension only breaks that one tie, never decides alone.
/// </summary>
internal static class FormatSniffer
{
    private static readonly string[] ObjKeywords =
        ["v", "vt", "vn", "vp", "f", "l", "p", "o", "g", "s", "usemtl", "mtllib", "cstype", "deg", "curv", "surf"];

    public static MeshFormat Detect(ReadContext context, ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
            throw new UnknownMeshFormatException(context.FilePath, "the file is empty");
        if (data.Length >= 4 && data[..4].SequenceEqual("glTF"u8))
            return MeshFormat.Glb;
        var text = SkipBomAndSpace(data);
        if (text.Length > 0 && text[0] == (byte)'{')
            return MeshFormat.Gltf;
        if (data.Length >= 4 && data[..3].SequenceEqual("ply"u8) && (data[3] == (byte)'\n' || data[3] == (byte)'\r'))
            return PlyFormat(context, data);
        if (IsBinaryStl(data))
            return MeshFormat.StlBinary;
        bool startsWithSolid = text.Length >= 5 && Ascii.EqualsIgnoreCase(text[..5], "solid"u8);
        if (startsWithSolid && IsText(data))
            return MeshFormat.StlAscii;
        // A binary STL whose size does not fit its triangle count (truncated, or padded at the end) is still
        // binary STL: its header starts with "solid" or its name says .stl, and it is not text. Routing it to the
        // STL reader reports the truncation instead of "unknown format".
        if ((startsWithSolid || HasStlExtension(context.FilePath)) && !IsText(data))
            return MeshFormat.StlBinary;
        if (startsWithSolid)
            return MeshFormat.StlAscii;
        if (LooksLikeObj(data))
            return MeshFormat.Obj;
        throw new UnknownMeshFormatException(context.FilePath,
            "the content matches no supported format (expected OBJ text, a glTF JSON or GLB file, ASCII or binary STL, or PLY)");
    }

    /// <summary>80-byte header, a triangle count, then exactly 50 bytes per triangle.</summary>
    public static bool IsBinaryStl(ReadOnlySpan<byte> data)
    {
        if (data.Length < 84)
            return false;
        uint count = BitConverter.ToUInt32(data.Slice(80, 4));
        return 84L + 50L * count == data.Length;
    }

    /// <summary>
    /// Whether the start of the file is text: no NUL and no control characters other than whitespace. ASCII STL is
    /// plain text; a binary STL's header padding, triangle count and float bytes almost surely are not.
    /// </summary>
    private static bool IsText(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data[..Math.Min(data.Length, 1024)])
            if (b < 0x20 && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t' && b != (byte)'\f' && b != (byte)'\v')
                return false;
        return true;
    }

    private static bool HasStlExtension(string path) =>
        string.Equals(Path.GetExtension(path), ".stl", StringComparison.OrdinalIgnoreCase);

    private static MeshFormat PlyFormat(ReadContext context, ReadOnlySpan<byte> data)
    {
        // The format line follows the magic (comments may come first); read header lines only.
        int end = Math.Min(data.Length, 64 * 1024);
        foreach (var raw in Encoding.ASCII.GetString(data[..end]).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("format ", StringComparison.Ordinal))
            {
                var kind = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
                return kind switch
                {
                    "ascii" => MeshFormat.PlyAscii,
                    "binary_little_endian" => MeshFormat.PlyBinaryLittleEndian,
                    "binary_big_endian" => MeshFormat.PlyBinaryBigEndian,
                    _ => throw new MeshSyntaxException(context.FilePath, "header",
                        $"unknown PLY format '{kind}' (expected ascii, binary_little_endian or binary_big_endian)"),
                };
            }
            if (line == "end_header")
                break;
        }
        throw new MeshSyntaxException(context.FilePath, "header", "PLY header has no 'format' line");
    }

    private static bool LooksLikeObj(ReadOnlySpan<byte> data)
    {
        // The first statement that is neither blank nor a comment must be an OBJ keyword; a file of only
        // comments is treated as OBJ too (and then reported as holding no geometry).
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            data = data[3..]; // a UTF-8 byte order mark (Windows editors) is not part of the first keyword
        int limit = Math.Min(data.Length, 64 * 1024);
        var head = data[..limit];
        if (head.IndexOf((byte)0) >= 0)
            return false;
        foreach (var rawLine in Encoding.UTF8.GetString(head).Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            int space = line.IndexOfAny([' ', '\t']);
            var keyword = space < 0 ? line : line[..space];
            return ObjKeywords.Contains(keyword);
        }
        return true;
    }

    private static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
            data = data[3..];
        int i = 0;
        while (i < data.Length && (data[i] == (byte)' ' || data[i] == (byte)'\t' || data[i] == (byte)'\r' || data[i] == (byte)'\n'))
            i++;
        return data[i..];
    }
}
