using System.Buffers.Text;
using System.Globalization;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Splits the ASCII body of an STL or PLY file into whitespace-separated tokens without allocating, and keeps the
/// 1-based line number of the last token for error messages. Line ends may be LF, CRLF or a lone CR.
/// A plain struct over the file's bytes (not a ref struct) so that readers can keep it as a field.
/// </summary>
internal struct AsciiTokenizer
{
    private readonly byte[] _data;
    private readonly int _end;
    private int _position;
    private int _currentLine;

    public AsciiTokenizer(byte[] data, int start, int firstLine)
    {
        _data = data;
        _end = data.Length;
        _position = start;
        _currentLine = firstLine;
        Line = firstLine;
    }

    /// <summary>Line of the token last returned (or of the place reading stopped).</summary>
    public int Line { get; private set; }

    /// <summary>Byte offset of the next unread character.</summary>
    public readonly int Position => _position;

    /// <summary>The next token, or false at the end of the data.</summary>
    public bool TryNext(out ReadOnlySpan<byte> token)
    {
        SkipWhitespace();
        Line = _currentLine;
        int start = _position;
        var data = _data;
        int i = start;
        while (i < _end && !IsWhitespace(data[i]))
            i++;
        _position = i;
        token = data.AsSpan(start, i - start);
        return i > start;
    }

    /// <summary>
    /// The rest of the current line after the last token, without surrounding whitespace (e.g. an STL solid
    /// name, which may contain spaces). The line end itself is left for the next <see cref="TryNext"/>.
    /// </summary>
    public ReadOnlySpan<byte> RestOfLine()
    {
        int start = _position;
        int i = start;
        while (i < _end && _data[i] != (byte)'\n' && _data[i] != (byte)'\r')
            i++;
        _position = i;
        return _data.AsSpan(start, i - start).Trim(" \t\f\v"u8);
    }

    /// <summary>Whether only whitespace is left; moves past it.</summary>
    public bool AtEnd()
    {
        SkipWhitespace();
        Line = _currentLine;
        return _position >= _end;
    }

    private void SkipWhitespace()
    {
        var data = _data;
        int i = _position;
        while (i < _end)
        {
            byte b = data[i];
            if (b == (byte)'\n')
                _currentLine++;
            else if (b == (byte)'\r')
            {
                // CRLF counts once (at the LF); a lone CR is an old Mac line end.
                if (i + 1 >= _end || data[i + 1] != (byte)'\n')
                    _currentLine++;
            }
            else if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\f' && b != (byte)'\v')
                break;
            i++;
        }
        _position = i;
    }

    public static bool IsWhitespace(byte b) =>
        b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t' || b == (byte)'\f' || b == (byte)'\v';

    /// <summary>Parses a decimal floating-point token (invariant culture; "nan" and "inf" forms included).</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> token, out double value)
    {
        // Utf8Parser handles the common plain and exponent forms fastest; the general parser covers the rest
        // (a leading '+', "nan", "inf", "infinity").
        if (Utf8Parser.TryParse(token, out value, out int consumed) && consumed == token.Length)
            return true;
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses an integer token; also accepts an integral decimal such as "4.0" that some writers emit.</summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> token, out long value)
    {
        if (Utf8Parser.TryParse(token, out value, out int consumed) && consumed == token.Length)
            return true;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && d == Math.Floor(d) && d >= long.MinValue && d < 9.2e18)
        {
            value = (long)d;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>A token as text for an error message, shortened so that binary garbage cannot flood it.</summary>
    public static string Describe(ReadOnlySpan<byte> token)
    {
        const int max = 40;
        var shown = token.Length > max ? token[..max] : token;
        var chars = new char[shown.Length];
        for (int i = 0; i < shown.Length; i++)
            chars[i] = shown[i] is >= 0x20 and < 0x7F ? (char)shown[i] : '?';
        return token.Length > max ? $"'{new string(chars)}…'" : $"'{new string(chars)}'";
    }
}
