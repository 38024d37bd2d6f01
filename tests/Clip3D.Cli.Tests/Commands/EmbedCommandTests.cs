using System.Globalization;
using System.Text.Json;
using Clip3D.Encoders;
using Clip3D.Encoders.Tests;
using Clip3D.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

public class EmbedCommandTests
{
    [Fact]
    public void ImagePrintsTheVectorTheEncoderMakes()
    {
        using var dir = new TempDirectory();
        var model = TinyClipModels.WriteHuggingFaceFolder(Path.Combine(dir.Path, "model"));
        var image = WriteImage(dir, "photo.png", 30, 20);
        var (code, output, error) = CliRunner.Run("embed", "--encoder", model, "--image", image);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var printed = output.Trim().Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        using var encoder = OnnxClipEncoder.Open(model);
        var expected = encoder.EmbedImages([Views.Encoders.RgbImage.Load(image)])[0].ToArray();
        Assert.Equal(expected, printed); // shortest round-trip text: exact
    }

    [Fact]
    public void JsonSummaryHasTheDocumentedFields()
    {
        using var dir = new TempDirectory();
        var model = TinyClipModels.WriteOpenClipFolder(Path.Combine(dir.Path, "model"));
        var image = WriteImage(dir, "photo.png", 16, 16);
        var (code, output, _) = CliRunner.Run("embed", "--encoder", model, "--image", image, "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var encoder = root.GetProperty("encoder");
        Assert.Equal("clip-onnx", encoder.GetProperty("kind").GetString());
        Assert.Equal(model, encoder.GetProperty("source").GetString());
        Assert.Matches("^[0-9a-f]{64}$", encoder.GetProperty("modelHash").GetString());
        Assert.Equal("cpu", encoder.GetProperty("executionProvider").GetString());
        Assert.Equal(8, root.GetProperty("dimension").GetInt32());
        Assert.Equal(1.0, root.GetProperty("norm").GetDouble(), 5);
        var vector = root.GetProperty("vector").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        Assert.Equal(8, vector.Length);
        Assert.Equal(vector.Take(8), root.GetProperty("first").EnumerateArray().Select(e => e.GetSingle()));
    }

    [SkippableFact]
    public void TextIsTokenisedWithTheFolderVocabulary()
    {
        using var dir = new TempDirectory();
        var model = TinyClipModels.WriteHuggingFaceFolder(Path.Combine(dir.Path, "model"));
        File.Copy(SharedAssets.Require("clip/vocab.json"), Path.Combine(model, "vocab.json"));
        File.Copy(SharedAssets.Require("clip/merges.txt"), Path.Combine(model, "merges.txt"));
        var (code, output, error) = CliRunner.Run("embed", "--encoder", model, "--text", "a photo of a cat");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var printed = output.Trim().Split(' ').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var expected = TinyClipModels.ReferenceSumText([49406, 320, 1125, 539, 320, 2368, 49407]);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], printed[i], 2e-5f);
    }

    [Fact]
    public void CudaThatCannotLoadIsAWarningNotAFailure()
    {
        using var dir = new TempDirectory();
        var model = TinyClipModels.WriteOpenClipFolder(Path.Combine(dir.Path, "model"));
        var image = WriteImage(dir, "photo.png", 16, 16);
        var (code, output, error) = CliRunner.Run("embed", "--encoder", model, "--image", image, "--provider", "cuda", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        if (json.RootElement.GetProperty("encoder").GetProperty("executionProvider").GetString() == "cpu")
        {
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            // One warning, naming the first model file that tried CUDA: "warning: <file>.onnx: CUDA is not available (…)".
            Assert.Matches(@"^warning: \S+\.onnx: CUDA is not available \(.+\); running on the CPU$", line);
        }
    }

    [Fact]
    public void NotAModelFolderExitsWith2AndOneLine()
    {
        using var dir = new TempDirectory();
        dir.Write("readme.txt", "not a model");
        var image = WriteImage(dir, "photo.png", 8, 8);
        var (code, output, error) = CliRunner.Run("embed", "--encoder", dir.Path, "--image", image);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {dir.Path}: no CLIP model found: found photo.png, readme.txt; expected ", line);
    }

    [Fact]
    public void BadImageExitsWith2()
    {
        using var dir = new TempDirectory();
        var model = TinyClipModels.WriteOpenClipFolder(Path.Combine(dir.Path, "model"));
        var image = dir.Write("broken.png", "not a png");
        var (code, _, error) = CliRunner.Run("embed", "--encoder", model, "--image", image);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {image}: ", error.Trim());
    }

    [Fact]
    public void TheBuiltInEncoderIsTheDefault()
    {
        var (code, output, error) = CliRunner.Run("embed", "--text", "a chair", "--json");
        Assert.True(code == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("default", json.RootElement.GetProperty("encoder").GetProperty("kind").GetString());
        Assert.Equal(384, json.RootElement.GetProperty("dimension").GetInt32());
    }

    [Theory]
    [InlineData("--text", "a", "--image", "b.png")]
    [InlineData]
    public void ExactlyOneOfTextOrImage(params string[] inputs)
    {
        var (code, _, error) = CliRunner.Run(["embed", "--encoder", "/tmp", .. inputs]);
        Assert.Equal(1, code);
        Assert.Contains("give exactly one of --text or --image", error);
    }

    [Fact]
    public void UnknownProviderIsABadInput()
    {
        var (code, _, error) = CliRunner.Run("embed", "--encoder", "/tmp", "--text", "a", "--provider", "tpu");
        Assert.Equal(2, code);
        Assert.Equal("error: --provider: expected cpu, cuda or auto, got 'tpu'", error.Trim());
    }

    private static string WriteImage(TempDirectory dir, string name, int width, int height)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 8), (byte)(y * 8), (byte)((x + y) * 4));
        var path = Path.Combine(dir.Path, name);
        image.SaveAsPng(path);
        return path;
    }
}
