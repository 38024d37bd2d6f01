using System.Globalization;
using System.Reflection;
using System.Text;

namespace Clip3D.Views.Encoders;

/// <summary>
/// Python's <c>html.unescape</c>, which openai/CLIP's <c>basic_clean</c> applies twice: named references from the
/// full HTML5 list (longest prefix wins, so "&amp;ampx" and "&amp;copy2024" decode as browsers do), decimal and hex
/// references with the HTML5 replacements for invalid code points. .NET's <c>WebUtility.HtmlDecode</c> knows only
/// the HTML4 names and none of these rules, so it would give other text (and other tokens) for such input.
/// </summary>
internal static class ClipTokenizerHtml
{
    private const string EntitiesResource = "Clip3D.Views.Encoders.Resources.html5-entities.txt";
    private const int MaxNameCodePoints = 32;

    private static readonly Lazy<Dictionary<string, string>> Entities = new(LoadEntities);

    // html._invalid_charrefs: numeric references the HTML5 parser replaces (NUL, CR, and the C1 range read as windows-1252).
    private static readonly Dictionary<int, string> InvalidCharacterReferences = new()
    {
        [0x00] = "\uFFFD", [0x0D] = "\r", [0x80] = "\u20AC", [0x81] = "\u0081", [0x82] = "\u201A", [0x83] = "\u0192",
        [0x84] = "\u201E", [0x85] = "\u2026", [0x86] = "\u2020", [0x87] = "\u2021", [0x88] = "\u02C6", [0x89] = "\u2030",
        [0x8A] = "\u0160", [0x8B] = "\u2039", [0x8C] = "\u0152", [0x8D] = "\u008D", [0x8E] = "\u017D", [0x8F] = "\u008F",
        [0x90] = "\u0090", [0x91] = "\u2018", [0x92] = "\u2019", [0x93] = "\u201C", [0x94] = "\u201D", [0x95] = "\u2022",
        [0x96] = "\u2013", [0x97] = "\u2014", [0x98] = "\u02DC", [0x99] = "\u2122", [0x9A] = "\u0161", [0x9B] = "\u203A",
        [0x9C] = "\u0153", [0x9D] = "\u009D", [0x9E] = "\u017E", [0x9F] = "\u0178",
    };

    /// <summary>Replaces character references the way Python's <c>html.unescape</c> does.</summary>
    public static string Unescape(string text)
    {
        int amp = text.IndexOf('&');
        if (amp < 0) return text;
        var result = new StringBuilder(text.Length);
        int position = 0;
        while (amp >= 0)
        {
            result.Append(text, position, amp - position);
            position = TryReplace(text, amp, result);
            amp = text.IndexOf('&', position);
        }
        result.Append(text, position, text.Length - position);
        return result.ToString();
    }

    // Mirrors the pattern &(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?) and _replace_charref. Appends the
    // replacement (or the '&' itself when nothing matches) and returns where scanning resumes.
    private static int TryReplace(string text, int amp, StringBuilder result)
    {
        int start = amp + 1;
        if (start < text.Length && text[start] == '#')
        {
            int digits = start + 1;
            bool hex = digits < text.Length && text[digits] is 'x' or 'X';
            if (hex) digits++;
            int end = digits;
            long value = 0;
            while (end < text.Length && (hex ? char.IsAsciiHexDigit(text[end]) : char.IsAsciiDigit(text[end])))
            {
                // Saturate: anything past U+10FFFF becomes U+FFFD whatever its size (Python's int has no limit).
                value = Math.Min(value * (hex ? 16 : 10) + HexValue(text[end]), 0x110000);
                end++;
            }
            if (end == digits)
            {
                result.Append('&');
                return start;
            }
            if (end < text.Length && text[end] == ';') end++;
            result.Append(NumericReplacement((int)value));
            return end;
        }

        int nameEnd = start, codePoints = 0;
        while (nameEnd < text.Length && codePoints < MaxNameCodePoints && text[nameEnd] is not ('\t' or '\n' or '\f' or ' ' or '<' or '&' or '#' or ';'))
        {
            nameEnd += char.IsHighSurrogate(text[nameEnd]) && nameEnd + 1 < text.Length && char.IsLowSurrogate(text[nameEnd + 1]) ? 2 : 1;
            codePoints++;
        }
        if (codePoints == 0)
        {
            result.Append('&');
            return start;
        }
        if (nameEnd < text.Length && text[nameEnd] == ';') nameEnd++;

        var name = text.AsSpan(start, nameEnd - start);
        var lookup = Entities.Value.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var whole))
        {
            result.Append(whole);
            return nameEnd;
        }
        // The longest known prefix of at least two characters ("&ampxyz" → "&xyz"); names are ASCII, so counting
        // UTF-16 units here finds the same prefixes Python finds counting code points.
        for (int length = name.Length - 1; length > 1; length--)
        {
            if (lookup.TryGetValue(name[..length], out var prefix))
            {
                result.Append(prefix).Append(name[length..]);
                return nameEnd;
            }
        }
        result.Append('&').Append(name);
        return nameEnd;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private static string NumericReplacement(int value)
    {
        if (InvalidCharacterReferences.TryGetValue(value, out var replacement)) return replacement;
        if (value is >= 0xD800 and <= 0xDFFF or > 0x10FFFF) return "\uFFFD";
        if (IsInvalidCodePoint(value)) return "";
        return char.ConvertFromUtf32(value);
    }

    // html._invalid_codepoints: controls other than tab, LF, FF, CR and space; C1 controls; the noncharacters.
    private static bool IsInvalidCodePoint(int value) =>
        value is >= 0x01 and <= 0x08 or 0x0B or >= 0x0E and <= 0x1F or >= 0x7F and <= 0x9F or >= 0xFDD0 and <= 0xFDEF
        || (value & 0xFFFE) == 0xFFFE;

    private static Dictionary<string, string> LoadEntities()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(EntitiesResource)
            ?? throw new InvalidOperationException($"embedded resource {EntitiesResource} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entities = new Dictionary<string, string>(2300, StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int tab = line.IndexOf('\t');
            var value = new StringBuilder(2);
            foreach (var hex in line[(tab + 1)..].Split(' '))
                value.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            entities[line[..tab]] = value.ToString();
        }
        return entities;
    }
}
