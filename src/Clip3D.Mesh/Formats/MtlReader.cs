using System.Numerics;
using System.Text;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Reads the parts of an MTL material library that Clip3D's material model holds: <c>newmtl</c>, <c>Kd</c>
/// (base colour), <c>d</c> / <c>Tr</c> (opacity) and <c>map_Kd</c> (base colour texture, with its options
/// skipped). Other statements (<c>Ka</c>, <c>Ks</c>, <c>Ns</c>, <c>illum</c>, other maps …) are ignored.
/// An MTL file only decorates the geometry, so its problems are warnings that skip the statement, never failures.
/// </summary>
internal static class MtlReader
{
    /// <summary>
    /// Parses <paramref name="data"/>. <paramref name="displayName"/> names the file in warnings
    /// (<c>name line N</c>); texture paths are resolved against <paramref name="directory"/>.
    /// </summary>
    public static List<MtlMaterialDefinition> Read(ReadContext context, ReadOnlySpan<byte> data, string displayName, string directory)
    {
        var materials = new List<MtlMaterialDefinition>();
        MtlMaterialDefinition? current = null;
        data = ObjText.SkipByteOrderMark(data);
        int lineNumber = 0;
        int pos = 0;
        while (pos < data.Length)
        {
            lineNumber++;
            int newline = data[pos..].IndexOf((byte)'\n');
            int end = newline < 0 ? data.Length : pos + newline;
            var line = ObjText.Trim(data[pos..end]);
            pos = end + 1;
            if (line.Length == 0 || line[0] == (byte)'#')
                continue;
            int keywordEnd = ObjText.SkipToken(line, 0);
            var keyword = line[..keywordEnd];
            var rest = ObjText.Trim(line[keywordEnd..]);
            string location = $"{displayName} line {lineNumber}";

            if (keyword.SequenceEqual("newmtl"u8))
            {
                current = new MtlMaterialDefinition(ObjText.Name(rest), location);
                materials.Add(current);
                continue;
            }
            bool known = Ascii.EqualsIgnoreCase(keyword, "Kd"u8) || Ascii.EqualsIgnoreCase(keyword, "d"u8)
                         || Ascii.EqualsIgnoreCase(keyword, "Tr"u8) || Ascii.EqualsIgnoreCase(keyword, "map_Kd"u8);
            if (!known)
                continue;
            if (current is null)
            {
                context.Warn(location, $"'{Encoding.ASCII.GetString(keyword)}' before any newmtl; ignored");
                continue;
            }
            if (Ascii.EqualsIgnoreCase(keyword, "Kd"u8))
                ReadDiffuseColor(context, current, rest, location);
            else if (Ascii.EqualsIgnoreCase(keyword, "d"u8))
                ReadDissolve(context, current, rest, location);
            else if (Ascii.EqualsIgnoreCase(keyword, "Tr"u8))
                ReadTransparency(context, current, rest, location);
            else
                ReadDiffuseMap(context, current, rest, location, directory);
        }
        return materials;
    }

    private static void ReadDiffuseColor(ReadContext context, MtlMaterialDefinition material, ReadOnlySpan<byte> rest, string location)
    {
        if (rest.StartsWith("spectral"u8) || rest.StartsWith("xyz"u8))
        {
            context.Warn(location, "Kd as a spectral curve or CIE XYZ is not supported; the colour is left as it was");
            return;
        }
        Span<float> values = stackalloc float[3];
        int count = ReadNumbers(context, rest, values, location, "Kd");
        if (count < 0)
            return;
        switch (count)
        {
            case 1:
                material.DiffuseColor = new Vector3(Clamp01(values[0]));
                break;
            case 3:
                material.DiffuseColor = new Vector3(Clamp01(values[0]), Clamp01(values[1]), Clamp01(values[2]));
                break;
            default:
                context.Warn(location, $"Kd needs 1 or 3 numbers, found {count}; ignored");
                break;
        }
    }

    private static void ReadDissolve(ReadContext context, MtlMaterialDefinition material, ReadOnlySpan<byte> rest, string location)
    {
        if (rest.StartsWith("-halo"u8))
            rest = ObjText.Trim(rest[5..]); // a view-dependent dissolve; its factor still serves as opacity
        Span<float> value = stackalloc float[1];
        int count = ReadNumbers(context, rest, value, location, "d");
        if (count == 0)
            context.Warn(location, "d needs a number; ignored");
        if (count != 1)
            return;
        material.Opacity = Clamp01(value[0]);
        material.HasDissolve = true;
    }

    private static void ReadTransparency(ReadContext context, MtlMaterialDefinition material, ReadOnlySpan<byte> rest, string location)
    {
        Span<float> value = stackalloc float[1];
        int count = ReadNumbers(context, rest, value, location, "Tr");
        if (count == 0)
            context.Warn(location, "Tr needs a number; ignored");
        if (count != 1)
            return;
        if (!material.HasDissolve)
            material.Opacity = 1f - Clamp01(value[0]);
    }

    private static void ReadDiffuseMap(ReadContext context, MtlMaterialDefinition material, ReadOnlySpan<byte> rest, string location, string directory)
    {
        var path = SkipMapOptions(rest);
        if (path.Length == 0)
        {
            context.Warn(location, "map_Kd names no file; ignored");
            return;
        }
        material.DiffuseTexturePath = ObjFileReferences.Resolve(directory, ObjText.Decode(path));
        material.DiffuseTextureLocation = location;
    }

    /// <summary>
    /// The file name of a <c>map_*</c> statement: what is left after its options (<c>-s 1 1 1</c>, <c>-bm 0.5</c>,
    /// <c>-clamp on</c> …). The name is the rest of the line, so it may contain spaces.
    /// </summary>
    internal static ReadOnlySpan<byte> SkipMapOptions(ReadOnlySpan<byte> rest)
    {
        int i = ObjText.SkipSpaces(rest, 0);
        while (i < rest.Length && rest[i] == (byte)'-')
        {
            int optionEnd = ObjText.SkipToken(rest, i);
            (int min, int max) = OptionArguments(rest[i..optionEnd]);
            if (max == 0)
                break; // not an option we know: take it as the start of the file name
            int j = optionEnd;
            for (int taken = 0; taken < max; taken++)
            {
                int start = ObjText.SkipSpaces(rest, j);
                int end = ObjText.SkipToken(rest, start);
                if (start == end)
                    break;
                // Options with a variable count (-o, -s, -t) take numbers only; the first non-number is the file.
                if (taken >= min && !FastFloatParser.TryParseToken(rest[start..end], out _))
                    break;
                j = end;
            }
            i = ObjText.SkipSpaces(rest, j);
        }
        return ObjText.Trim(rest[i..]);
    }

    private static (int Min, int Max) OptionArguments(ReadOnlySpan<byte> option) => option switch
    {
        _ when option.SequenceEqual("-o"u8) || option.SequenceEqual("-s"u8) || option.SequenceEqual("-t"u8) => (1, 3),
        _ when option.SequenceEqual("-mm"u8) => (2, 2),
        _ when option.SequenceEqual("-blendu"u8) || option.SequenceEqual("-blendv"u8) || option.SequenceEqual("-bm"u8)
               || option.SequenceEqual("-boost"u8) || option.SequenceEqual("-cc"u8) || option.SequenceEqual("-clamp"u8)
               || option.SequenceEqual("-imfchan"u8) || option.SequenceEqual("-texres"u8) || option.SequenceEqual("-type"u8) => (1, 1),
        _ => (0, 0),
    };

    /// <summary>Reads up to <c>values.Length</c> numbers; returns how many, or −1 (after a warning) when one is not a number or there are too many.</summary>
    private static int ReadNumbers(ReadContext context, ReadOnlySpan<byte> rest, Span<float> values, string location, string statement)
    {
        int count = 0;
        int i = 0;
        while (true)
        {
            int start = ObjText.SkipSpaces(rest, i);
            if (start >= rest.Length || rest[start] == (byte)'#')
                return count;
            int end = ObjText.SkipToken(rest, start);
            if (!FastFloatParser.TryParseToken(rest[start..end], out float value))
            {
                context.Warn(location, $"{statement}: {ObjText.Quote(rest[start..end])} is not a number; ignored");
                return -1;
            }
            if (count == values.Length)
            {
                context.Warn(location, $"{statement} takes at most {values.Length} numbers; ignored");
                return -1;
            }
            values[count++] = value;
            i = end;
        }
    }

    private static float Clamp01(float value) => float.IsFinite(value) ? Math.Clamp(value, 0f, 1f) : 1f;
}
