using System.Globalization;
using System.Text;

namespace Clip3D.Views.Encoders;

/// <summary>
/// The text clean-up of openai/CLIP's <c>SimpleTokenizer.encode</c>:
/// <c>whitespace_clean(basic_clean(text)).lower()</c>, with Python's definitions of whitespace and lower case.
/// <para>
/// <c>basic_clean</c> starts with <c>ftfy.fix_text</c>, which is not reproduced except for its last step, Unicode NFC
/// composition (which Hugging Face's fast CLIP tokenizer also applies, so decomposed accents from e.g. macOS give the
/// same ids in both). Text that ftfy would otherwise repair gives other ids than openai's: curly quotes and
/// apostrophes (ftfy straightens them: "it’s" → "it's"), mojibake ("cafÃ©" → "café"), Latin ligatures ("ﬁ" → "fi"),
/// full-width letters and digits ("ｃａｔ" → "cat"), terminal escape codes and some control characters. Hugging
/// Face's fast tokenizer does not run ftfy either, so for such text it agrees with this one, not with openai's.
/// NFC is applied after the HTML unescaping, as ftfy (which unescapes HTML itself first unless the text holds a
/// '&lt;') effectively does, with the tokenizer's own Unicode 14 tables (<see cref="ClipTokenizerNfc"/>).
/// </para>
/// <para>
/// Letters, digits, case and whitespace follow .NET's Unicode tables (Unicode 15.1/16); Python's differ for the
/// characters assigned since its own version (Python 3.11 has Unicode 14), so such characters may split or
/// lower-case differently than under the Python that made a given reference.
/// </para>
/// </summary>
internal static class ClipTokenizerTextCleaner
{
    /// <summary>Unescapes HTML twice, composes (NFC), trims, collapses whitespace runs to one space, lower-cases.</summary>
    public static string Clean(string text)
    {
        text = ClipTokenizerHtml.Unescape(ClipTokenizerHtml.Unescape(text));
        text = ClipTokenizerNfc.Compose(text);
        return PythonLower(CollapseWhitespace(text));
    }

    /// <summary>
    /// Python's <c>str.isspace</c>, which <c>str.strip</c> uses: Unicode's White_Space characters plus the
    /// information separators U+001C–U+001F.
    /// </summary>
    public static bool IsPythonSpace(char c) => c is >= '\u001C' and <= '\u001F' || IsRegexWhitespace(c);

    /// <summary>
    /// The <c>\s</c> of Python's <c>regex</c> module, which openai's tokenizer imports as <c>re</c> for both
    /// <c>whitespace_clean</c> and its pattern: Unicode's White_Space property (no U+001C–U+001F, unlike <c>str.isspace</c>).
    /// </summary>
    public static bool IsRegexWhitespace(char c) => c switch
    {
        >= '\t' and <= '\r' or ' ' or '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    /// <summary>
    /// <c>whitespace_clean(text.strip())</c>, i.e. <c>re.sub(r'\s+', ' ', text.strip()).strip()</c>: the ends lose
    /// every <see cref="IsPythonSpace"/> character, runs of <see cref="IsRegexWhitespace"/> inside become one space,
    /// and U+001C–U+001F inside stay (as symbols).
    /// </summary>
    public static string CollapseWhitespace(string text)
    {
        var trimmed = text.AsSpan();
        while (trimmed.Length > 0 && IsPythonSpace(trimmed[0])) trimmed = trimmed[1..];
        while (trimmed.Length > 0 && IsPythonSpace(trimmed[^1])) trimmed = trimmed[..^1];
        var result = new StringBuilder(trimmed.Length);
        bool inRun = false;
        foreach (char c in trimmed)
        {
            if (IsRegexWhitespace(c))
            {
                if (!inRun) result.Append(' ');
                inRun = true;
                continue;
            }
            inRun = false;
            result.Append(c);
        }
        return result.ToString();
    }

    /// <summary>
    /// Python's <c>str.lower</c>: the simple lower-case mapping, except U+0130 (İ → "i̇", its full mapping) and
    /// capital sigma, which becomes final sigma (ς) at the end of a word (Unicode's Final_Sigma condition).
    /// </summary>
    public static string PythonLower(string text)
    {
        var result = new StringBuilder(text.Length);
        Span<char> pair = stackalloc char[2];
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (c < 0x80)
            {
                result.Append(c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
                i++;
            }
            else if (!char.IsSurrogate(c))
            {
                if (c == '\u0130') result.Append("i\u0307");
                else if (c == '\u03A3') result.Append(IsFinalSigma(text, i) ? '\u03C2' : '\u03C3');
                else result.Append(char.ToLowerInvariant(c));
                i++;
            }
            else if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int length) == System.Buffers.OperationStatus.Done)
            {
                result.Append(pair[..Rune.ToLowerInvariant(rune).EncodeToUtf16(pair)]);
                i += length;
            }
            else
            {
                result.Append(c); // a lone surrogate stays as it is
                i++;
            }
        }
        return result.ToString();
    }

    // CPython's handle_capital_sigma: preceded by a cased letter (skipping case-ignorable characters) and not
    // followed by one (again skipping case-ignorable characters).
    private static bool IsFinalSigma(string text, int index)
    {
        int j = index;
        Rune before = default;
        bool found = false;
        while (j > 0)
        {
            Rune.DecodeLastFromUtf16(text.AsSpan(0, j), out before, out int length);
            j -= length;
            if (!IsCaseIgnorable(before)) { found = true; break; }
        }
        if (!found || !IsCased(before)) return false;
        for (j = index + 1; j < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(j), out var after, out int length);
            if (!IsCaseIgnorable(after)) return !IsCased(after);
            j += length;
        }
        return true;
    }

    // Unicode's Cased property: lower-, upper- and title-case letters, plus the Other_Lowercase/Other_Uppercase
    // symbols that have case mappings (circled letters, Roman numerals). Modifier letters (ʰ, ᵃ) are Cased too but
    // also Case_Ignorable, so the sigma rule skips them before it asks.
    private static bool IsCased(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter) return true;
        if (rune.Value is 0xAA or 0xBA) return true; // ª º: Other_Lowercase, category Lo
        if (rune.Value is >= 0x1F130 and <= 0x1F149 or >= 0x1F150 and <= 0x1F169 or >= 0x1F170 and <= 0x1F189) return true; // 🄰 🅐 🅰: Other_Uppercase
        return Rune.ToLowerInvariant(rune) != rune || Rune.ToUpperInvariant(rune) != rune;
    }

    // Unicode's Case_Ignorable property: marks, format characters, modifier letters and symbols, and the word-internal
    // punctuation of Word_Break MidLetter, MidNumLet and Single_Quote.
    private static bool IsCaseIgnorable(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol)
            return true;
        return rune.Value is '\'' or '.' or ':' or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019 or 0x2024 or 0x2027
            or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A;
    }
}
