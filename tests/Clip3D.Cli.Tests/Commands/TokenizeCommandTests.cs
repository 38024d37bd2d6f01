using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

public class TokenizeCommandTests
{
    [Fact]
    public void PrintsOneLineOfIdsPerTextWithTheBuiltInVocabulary()
    {
        var (code, output, error) = CliRunner.Run("tokenize", "a photo of a cat", "Hello, world!", "");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(["49406 320 1125 539 320 2368 49407", "49406 3306 267 1002 256 49407", "49406 49407"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void LongTextsAreCutTo77IdsWithoutPadding()
    {
        var (code, output, _) = CliRunner.Run("tokenize", string.Join(' ', Enumerable.Repeat("dog", 100)));
        Assert.Equal(0, code);
        var ids = output.Trim().Split(' ');
        Assert.Equal(77, ids.Length);
        Assert.Equal("49406", ids[0]);
        Assert.Equal("49407", ids[^1]);
        Assert.DoesNotContain("0", ids);
    }

    [SkippableFact]
    public void VocabularyFilesGiveTheSameIds()
    {
        var vocab = SharedAssets.Require("clip/vocab.json");
        var gz = SharedAssets.Require("clip/bpe_simple_vocab_16e6.txt.gz");
        foreach (var path in new[] { Path.GetDirectoryName(vocab)!, gz })
        {
            var (code, output, error) = CliRunner.Run("tokenize", "--vocab", path, "a photo of a dog");
            Assert.True(code == 0, error);
            Assert.Equal("49406 320 1125 539 320 1929 49407", output.Trim());
        }
    }

    [Fact]
    public void ABadVocabularyIsOneErrorLineWithExitCode2()
    {
        using var dir = new TempDirectory();
        var (code, output, error) = CliRunner.Run("tokenize", "--vocab", dir.Path, "a cat");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: --vocab: {dir.Path}: no tokenizer files: expected vocab.json + merges.txt, tokenizer.json or bpe_simple_vocab_16e6.txt.gz; found an empty folder",
            error.TrimEnd());

        var broken = dir.Write("tokenizer.json", "{ not json");
        (code, _, error) = CliRunner.Run("tokenize", "--vocab", broken, "a cat");
        Assert.Equal(2, code);
        Assert.StartsWith($"error: --vocab: {broken}: malformed JSON", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void NoTextIsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("tokenize");
        Assert.NotEqual(0, code);
        Assert.NotEqual("", error);
    }
}
