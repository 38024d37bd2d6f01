using System.IO.Compression;
using System.Text;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

/// <summary>Missing and malformed vocabulary files give one <see cref="TokenizerFileException"/> naming the file and the problem.</summary>
public class ClipTokenizerLoadTests
{
    // A tiny byte-level vocabulary: the 512 byte tokens, "ca", "cat</w>" and the special tokens.
    private static (string Vocab, string Merges) TinyVocabulary()
    {
        var tokens = new List<string>();
        for (int b = 0; b < 256; b++) tokens.Add(((char)ByteChar(b)).ToString());
        tokens.AddRange(tokens.ToList().Select(t => t + "</w>"));
        tokens.AddRange(["ca", "cat</w>", "<|startoftext|>", "<|endoftext|>"]);
        var vocab = "{" + string.Join(",", tokens.Select((t, i) => $"{System.Text.Json.JsonSerializer.Serialize(t)}:{i}")) + "}";
        return (vocab, "#version: 0.2\nc a\nca t</w>\n");
    }

    // GPT-2's bytes_to_unicode, written out independently of BpeByteEncoding.
    private static int ByteChar(int b)
    {
        bool printable = b is >= 33 and <= 126 or >= 161 and <= 172 or >= 174 and <= 255;
        if (printable) return b;
        int n = 0;
        for (int x = 0; x < b; x++)
            if (!(x is >= 33 and <= 126 or >= 161 and <= 172 or >= 174 and <= 255)) n++;
        return 256 + n;
    }

    [Fact]
    public void ATinyVocabularyLoadsFromVocabJsonAndMerges()
    {
        using var dir = new TempDirectory();
        var (vocab, merges) = TinyVocabulary();
        dir.Write("vocab.json", vocab);
        dir.Write("merges.txt", merges);
        var tokenizer = ClipTokenizer.Load(dir.Path);
        Assert.Equal(516, tokenizer.VocabularySize);
        Assert.Equal(514, tokenizer.StartToken);
        Assert.Equal(515, tokenizer.EndToken);
        // "cat" merges to one token; "cab" keeps "ca" + "b</w>" (this vocabulary lists bytes in byte order: 'b' is 98).
        Assert.Equal([514, 513, 515], tokenizer.Encode("Cat"));
        Assert.Equal([514, 512, 256 + 98, 515], tokenizer.Encode("cab"));
        Assert.Equal(tokenizer.Encode("cat cab"), ClipTokenizer.Load(Path.Combine(dir.Path, "merges.txt")).Encode("cat cab"));
    }

    [Fact]
    public void MissingPathsAreNamed()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "nope.json");
        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(missing));
        Assert.Equal(missing, e.FilePath);
        Assert.Contains("file not found", e.Message);

        dir.Write("readme.txt", "hello");
        e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(dir.Path));
        Assert.StartsWith(dir.Path + ":", e.Message);
        Assert.Contains("expected vocab.json + merges.txt, tokenizer.json or bpe_simple_vocab_16e6.txt.gz; found readme.txt", e.Message);

        var vocab = dir.Write("only/vocab.json", "{}");
        e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(vocab));
        Assert.Contains("merges.txt not found beside it", e.Message);
    }

    [Fact]
    public void MalformedJsonIsReportedWithItsFile()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("tokenizer.json", "{\"model\": {\"vocab\": {\"a\": 1,}");
        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("malformed JSON", e.Message);

        dir.Write("v/vocab.json", "[1, 2]");
        dir.Write("v/merges.txt", "a b\n");
        e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(Path.Combine(dir.Path, "v")));
        Assert.Contains("vocab.json: expected a JSON object of token → id, found an array", e.Message);

        dir.Write("w/vocab.json", "{\"a\": \"one\"}");
        dir.Write("w/merges.txt", "a b\n");
        e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(Path.Combine(dir.Path, "w")));
        Assert.Contains("token \"a\" has id \"one\", expected an integer", e.Message);
    }

    [Theory]
    [InlineData("{\"vocab\": {}}", "no \"model\" object: not a Hugging Face tokenizer.json")]
    [InlineData("{\"model\": {\"type\": \"WordPiece\", \"vocab\": {\"a\": 0}}}", "model.type is \"WordPiece\"; CLIP's tokenizer is \"BPE\"")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"end_of_word_suffix\": \"\", \"vocab\": {\"a\": 0}, \"merges\": []}}", "model.end_of_word_suffix is \"\"; CLIP's is \"</w>\"")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"merges\": []}}", "model.vocab is missing or not an object")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}}}", "model.merges is missing or not an array")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [\"a b\", 7]}}", "model.merges[1] is neither \"a b\" nor [\"a\", \"b\"]")]
    [InlineData("{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [\"a b\"]}}", "vocabulary has no <|startoftext|> token (not a CLIP vocabulary)")]
    public void BadTokenizerJsonSaysWhatIsWrong(string json, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("tokenizer.json", json);
        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(problem, e.Problem);
    }

    [Fact]
    public void MergesNeedingUnknownTokensNameTheLine()
    {
        using var dir = new TempDirectory();
        var (vocab, _) = TinyVocabulary();
        dir.Write("vocab.json", vocab);
        var merges = dir.Write("merges.txt", "#version: 0.2\nc a\nc at\n");
        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(dir.Path));
        Assert.Equal(merges, e.FilePath);
        Assert.Contains("line 3 (\"c at\"): token 'at' is not in the vocabulary", e.Message);

        dir.Write("merges.txt", "#version: 0.2\nc a b\n");
        e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(dir.Path));
        Assert.Contains("line 2: expected two tokens separated by a space, got \"c a b\"", e.Message);
    }

    [Fact]
    public void AVocabularyWithoutByteTokensIsRefused()
    {
        using var dir = new TempDirectory();
        dir.Write("vocab.json", "{\"a\": 0, \"b\": 1, \"ab\": 2, \"<|startoftext|>\": 3, \"<|endoftext|>\": 4}");
        dir.Write("merges.txt", "a b\n");
        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(dir.Path));
        Assert.Contains("lacks the token for byte 0x00", e.Message);
    }

    [Fact]
    public void TruncatedOrCorruptGzipFilesAreRefused()
    {
        using var dir = new TempDirectory();
        var shortFile = dir.Write("short.txt.gz", Gzip("header\na b\nc d\n"));
        var e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(shortFile));
        Assert.Contains("has 2 merge lines after the header; CLIP needs 48894", e.Message);

        var corrupt = Gzip("header\n" + string.Concat(Enumerable.Repeat("a b\n", 100)));
        corrupt[^8] ^= 0xFF; // break the CRC
        var bad = dir.Write("bad.txt.gz", corrupt.AsSpan(0, 30).ToArray().Concat(new byte[] { 1, 2, 3 }).ToArray());
        e = Assert.Throws<TokenizerFileException>(() => ClipTokenizer.Load(bad));
        Assert.Equal(bad, e.FilePath);
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }
}
