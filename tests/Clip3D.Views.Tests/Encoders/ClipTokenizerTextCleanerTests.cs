using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

/// <summary>The clean-up steps against what Python 3.11's <c>html.unescape</c>, <c>re.sub(r'\s+', …)</c> and <c>str.lower</c> return.</summary>
public class ClipTokenizerTextCleanerTests
{
    [Theory]
    [InlineData("fish &amp; chips", "fish & chips")]
    [InlineData("&amp;amp;", "&amp;")]
    [InlineData("&ampx", "&x")]
    [InlineData("&copy2024", "\u00a92024")]
    [InlineData("&notit;", "\u00acit;")]
    [InlineData("&notin;", "\u2209")]
    [InlineData("&#128049;", "\U0001F431")]
    [InlineData("&#x1F436;", "\U0001F436")]
    [InlineData("&#0;", "\ufffd")]
    [InlineData("&#128;", "\u20ac")]
    [InlineData("&#x80;", "\u20ac")]
    [InlineData("&#55296;", "\ufffd")]
    [InlineData("&#1114112;", "\ufffd")]
    [InlineData("&#99999999999999999999;", "\ufffd")]
    [InlineData("&#1;", "")]
    [InlineData("&#xb;", "")]
    [InlineData("&#65534;", "")]
    [InlineData("&#13;", "\r")]
    [InlineData("&hellip;&mdash;", "\u2026\u2014")]
    [InlineData("& &; &#; &#x; &#xg;", "& &; &#; &#x; &#xg;")]
    [InlineData("&NotNestedGreaterGreater;", "\u2aa2\u0338")]
    [InlineData("&amp", "&")]
    [InlineData("&AMP;", "&")]
    [InlineData("&lt&gt", "<>")]
    [InlineData("&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;", "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;")]
    [InlineData("&#X41;&#x41", "AA")]
    [InlineData("&\U0001F431\U0001F431amp;", "&\U0001F431\U0001F431amp;")]
    [InlineData("AT&T", "AT&T")]
    [InlineData("&Aacute&aacute;", "\u00c1\u00e1")]
    public void HtmlUnescapeMatchesPython(string text, string expected) => Assert.Equal(expected, ClipTokenizerHtml.Unescape(text));

    [Theory]
    [InlineData("\u0130stanbul", "i\u0307stanbul")]
    [InlineData("\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2")]
    [InlineData("\u03a3\u0391", "\u03c3\u03b1")]
    [InlineData("\u03a3", "\u03c3")]
    [InlineData("\u0391\u03a3.", "\u03b1\u03c2.")]
    [InlineData("\u0391\u03a3\u0301", "\u03b1\u03c2\u0301")]
    [InlineData("\u0391\u0301\u03a3", "\u03b1\u0301\u03c2")]
    [InlineData("\u00aa\u03a3", "\u00aa\u03c2")]
    [InlineData("\u02b0\u03a3", "\u02b0\u03c3")]
    [InlineData("A\u03a3'B", "a\u03c3'b")]
    [InlineData("\U0001F150\u03a3", "\U0001F150\u03c2")]
    [InlineData("\u03a3\u03a3 \u03a3\u03a3\u03a3", "\u03c3\u03c2 \u03c3\u03c3\u03c2")]
    [InlineData("\u01c5\u1e9e\u212a\u03a9", "\u01c6\u00df\u006b\u03c9")]
    [InlineData("\U00010400 Deseret", "\U00010428 deseret")]
    public void LowerCaseMatchesPython(string text, string expected) => Assert.Equal(expected, ClipTokenizerTextCleaner.PythonLower(text));

    [Fact]
    public void WhitespaceIsTheRegexModulesInsideAndStrsAtTheEnds()
    {
        // regex's \s (White_Space) collapses; str.strip also drops U+001C–U+001F, which stay as symbols inside.
        Assert.Equal("a\u001cb\u001f c d e f", ClipTokenizerTextCleaner.CollapseWhitespace("\u001c\u3000a\u001cb\u001f\u00a0c\u2028d\r\n\te\u0085f\u202f\u001f"));
        Assert.Equal("a\u200bb", ClipTokenizerTextCleaner.CollapseWhitespace("a\u200bb")); // zero-width space is not whitespace
        Assert.Equal("", ClipTokenizerTextCleaner.CollapseWhitespace(" \t "));
    }

    [Fact]
    public void CleanUnescapesTwiceComposesCollapsesAndLowerCases()
    {
        Assert.Equal("fish & chips", ClipTokenizerTextCleaner.Clean("  Fish &amp;amp; CHIPS\n"));
        Assert.Equal("caf\u00e9", ClipTokenizerTextCleaner.Clean("CAFE\u0301"));
        Assert.Equal("caf\u00e9", ClipTokenizerTextCleaner.Clean("cafe&#769;"));
        Assert.Equal("a b", ClipTokenizerTextCleaner.Clean("a&nbsp;&#32;b"));
    }

    [Fact]
    public void PreTokenizerFollowsThePatternsAlternativesInOrder()
    {
        List<string> Words(string text)
        {
            var words = new List<string>();
            int position = 0;
            while (ClipTokenizerPreTokenizer.TryNext(text, ref position, out int start, out int length))
                words.Add(text.Substring(start, length));
            return words;
        }

        Assert.Equal(["it", "'s", "a", "dog", "'ll", "go"], Words("it's a dog'll go"));
        Assert.Equal(["''", "s"], Words("''s")); // the symbol run takes both quotes first
        Assert.Equal(["1", "2", "3", ".", "5", "x"], Words("123.5x"));
        Assert.Equal(["!<|", "endoftext", "|>"], Words("!<|endoftext|>"));
        Assert.Equal(["<|endoftext|>", "a"], Words("<|endoftext|>a"));
        Assert.Equal(["\U00020000\U00020001", "ext"], Words("\U00020000\U00020001 ext")); // a letter outside the BMP
        Assert.Equal(["\U0001F431\U0001F436", "!"], Words("\U0001F431\U0001F436 !"));
        Assert.Equal(["'\u017f", "<|\u017ftartoftext|>"], Words("'\u017f <|\u017ftartoftext|>")); // ſ folds to s
        Assert.Equal(["cafe", "\u0301"], Words("cafe\u0301")); // a combining mark is not a letter
        Assert.Equal(["a", "b", "+"], Words("a\u0345b \u0345+")); // U+0345 matches no class under IGNORECASE: skipped
    }
}
