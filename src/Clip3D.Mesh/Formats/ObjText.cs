using System.Runtime.CompilerServices;
using System.Text;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Byte-level text helpers shared by the OBJ and MTL readers, which work on the file's UTF-8 bytes directly
/// (no per-line strings) and turn only names and paths into strings.
/// </summary>
internal static class ObjText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary><paramref name="data"/> without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> SkipByteOrderMark(ReadOnlySpan<byte> data) =>
        data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? data[3..] : data;

    /// <summary>Space, tab, and the other ASCII whitespace controls (\n, \v, \f, \r).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(byte b) => b == (byte)' ' || (uint)(b - '\t') <= '\r' - '\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipSpaces(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && IsSpace(s[i]))
            i++;
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipToken(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length && !IsSpace(s[i]))
            i++;
        return i;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int start = SkipSpaces(s, 0);
        int end = s.Length;
        while (end > start && IsSpace(s[end - 1]))
            end--;
        return s[start..end];
    }

    /// <summary>
    /// Decodes a name or path: UTF-8 when the bytes are valid UTF-8, otherwise Latin-1, which is what older
    /// exporters (e.g. 3ds Max's "Terraindäk" in assimp's regr01.mtl) wrote. OBJ and MTL names go through the
    /// same decoding, so <c>usemtl</c> and <c>newmtl</c> still match.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>
    /// A name as OBJ and MTL use it (<c>o</c>, <c>g</c>, <c>usemtl</c>, <c>newmtl</c>): the rest of the line with
    /// leading and trailing whitespace removed and inner runs of whitespace collapsed to one space, so that
    /// <c>g a b</c> gives "a b" and <c>usemtl  Hard Shiny Plastic White </c> matches its <c>newmtl</c>.
    /// </summary>
    public static string Name(ReadOnlySpan<byte> rest)
    {
        var trimmed = Trim(rest);
        bool needsCollapse = false;
        for (int i = 0; i < trimmed.Length; i++)
        {
            if (IsSpace(trimmed[i]) && (trimmed[i] != (byte)' ' || (i + 1 < trimmed.Length && IsSpace(trimmed[i + 1]))))
            {
                needsCollapse = true;
                break;
            }
        }
        if (!needsCollapse)
            return Decode(trimmed);
        var collapsed = new byte[trimmed.Length];
        int n = 0;
        for (int i = 0; i < trimmed.Length; i++)
        {
            if (IsSpace(trimmed[i]))
            {
                if (n > 0 && collapsed[n - 1] != (byte)' ')
                    collapsed[n++] = (byte)' ';
            }
            else
            {
                collapsed[n++] = trimmed[i];
            }
        }
        return Decode(collapsed.AsSpan(0, n));
    }

    /// <summary>A token quoted for an error message, shortened when long.</summary>
    public static string Quote(ReadOnlySpan<byte> token)
    {
        const int max = 40;
        var text = Decode(token.Length > max ? token[..max] : token);
        return token.Length > max ? $"'{text}…'" : $"'{text}'";
    }
}
