using System.Buffers;
using System.Globalization;
using System.Text;

namespace Clip3D.Views.Encoders;

/// <summary>
/// CLIP's pre-tokenisation: the words that <c>regex.findall</c> returns for
/// <c>&lt;\|startoftext\|&gt;|&lt;\|endoftext\|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>
/// (case-insensitive) on cleaned text, written out by hand: the alternatives are tried in order at each position,
/// and letters, digits and whitespace are classified per code point. A .NET <c>Regex</c> would classify UTF-16 units
/// instead, so a letter outside the BMP (CJK extension B, e.g. 𠀀) would land in the symbol class rather than in a word.
/// </summary>
internal static class ClipTokenizerPreTokenizer
{
    private static readonly string[] SpecialTokens = [ClipTokenizerVocabulary.StartOfText, ClipTokenizerVocabulary.EndOfText];
    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    /// <summary>
    /// Finds the next word at or after <paramref name="position"/> in cleaned (lower-cased, whitespace-collapsed)
    /// text; false when there is none. <paramref name="position"/> moves past the word.
    /// </summary>
    public static bool TryNext(string text, ref int position, out int start, out int length)
    {
        while (position < text.Length)
        {
            start = position;
            char c = text[position];
            if (c == '<' && (MatchLiteral(text, position, SpecialTokens, out length)))
            {
                position += length;
                return true;
            }
            if (c == '\'' && MatchLiteral(text, position, Contractions, out length))
            {
                position += length;
                return true;
            }
            var kind = Classify(text, position, out int width);
            switch (kind)
            {
                case CharacterKind.Whitespace:
                    position += width;
                    continue;
                case CharacterKind.Number:
                    position += width;
                    length = width;
                    return true;
                default:
                    position += width;
                    while (position < text.Length)
                    {
                        if (Classify(text, position, out width) != kind) break;
                        position += width;
                    }
                    length = position - start;
                    return true;
            }
        }
        start = length = 0;
        return false;
    }

    // Whitespace: characters no alternative matches, which findall skips.
    private enum CharacterKind { Whitespace, Letter, Number, Other }

    private static CharacterKind Classify(string text, int index, out int width)
    {
        char c = text[index];
        if (c < 0x80)
        {
            width = 1;
            return char.IsAsciiLetter(c) ? CharacterKind.Letter
                : char.IsAsciiDigit(c) ? CharacterKind.Number
                : ClipTokenizerTextCleaner.IsRegexWhitespace(c) ? CharacterKind.Whitespace
                : CharacterKind.Other;
        }
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out width) != OperationStatus.Done)
            return CharacterKind.Other; // a lone surrogate: neither letter, digit nor space
        if (rune.IsBmp && ClipTokenizerTextCleaner.IsRegexWhitespace((char)rune.Value))
            return CharacterKind.Whitespace;
        // U+0345 (combining ypogegrammeni) case-folds to ι, so under the pattern's IGNORECASE the regex module finds
        // it in none of the classes (not even [^\s\p{L}\p{N}]) and findall skips it like a space. It is the only
        // character it treats so (checked over all of Unicode 14).
        if (rune.Value == 0x0345)
            return CharacterKind.Whitespace;
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharacterKind.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => CharacterKind.Number,
            _ => CharacterKind.Other,
        };
    }

    // The first literal (in pattern order) that matches at index, case-insensitively as Python's regex module
    // matches it: lower-cased text can still hold 'ſ' (U+017F), whose simple case folding is 's'.
    private static bool MatchLiteral(string text, int index, string[] literals, out int length)
    {
        foreach (var literal in literals)
        {
            if (index + literal.Length > text.Length) continue;
            int i = 0;
            while (i < literal.Length && FoldsTo(text[index + i], literal[i])) i++;
            if (i == literal.Length)
            {
                length = literal.Length;
                return true;
            }
        }
        length = 0;
        return false;
    }

    private static bool FoldsTo(char c, char lowerAscii) =>
        c == lowerAscii || (c | 0x20) == lowerAscii && char.IsAsciiLetterUpper(c) || (lowerAscii == 's' && c == '\u017F');
}
