using System.Text.Json;
using Clip3D.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

public class EncoderCommandTests
{
    [Fact]
    public void TrainDefaultRunsOnAPackageCacheAlreadyFilledAndPrintsJson()
    {
        using var cache = new TempDirectory();
        FillCache(cache.Path);
        var heads = Path.Combine(cache.Path, "heads.c3dh");
        var (code, output, error) = CliRunner.Run("encoder", "train-default", "--out", heads, "--cache", cache.Path,
            "--epochs", "1", "--augmentations", "1", "--seed", "4", "--renders", "0", "--json");
        Assert.True(code == 0, error);
        Assert.Contains("epoch 1/1", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(Path.GetFullPath(heads), json.RootElement.GetProperty("headsPath").GetString());
        Assert.Equal(new FileInfo(heads).Length, json.RootElement.GetProperty("headsBytes").GetInt64());
        Assert.True(json.RootElement.GetProperty("trainingPairs").GetInt32() > 0);
        Assert.True(json.RootElement.TryGetProperty("evaluations", out _));
        Assert.Equal(0, json.RootElement.GetProperty("recognition").GetArrayLength()); // no renders, no recognition
        // The default text head is locked: heads open as a 384-d encoder.
        using var encoder = Clip3D.Encoders.Default.DefaultEncoder.Open(heads);
        Assert.Equal(384, encoder.Dimension);
    }

    [Fact]
    public void BadTextHeadAndHiddenWithALockedHeadAreInputErrors()
    {
        using var folder = new TempDirectory();
        var (code, _, error) = CliRunner.Run("encoder", "train-default", "--out", Path.Combine(folder.Path, "h.c3dh"), "--text-head", "frozen");
        Assert.Equal(2, code);
        Assert.Equal("error: --text-head: expected locked or learned, got 'frozen'", error.Trim());
        (code, _, error) = CliRunner.Run("encoder", "train-default", "--out", Path.Combine(folder.Path, "h.c3dh"), "--hidden", "64");
        Assert.Equal(2, code);
        Assert.Contains("--hidden needs --text-head learned", error);
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs: expected 1 or more, got 0")]
    [InlineData("--augmentations", "0", "--augmentations: expected 1 or more, got 0")]
    [InlineData("--max-emoji", "1", "--max-emoji: expected 2 or more, got 1")]
    [InlineData("--renders", "-1", "--renders: expected 0 or more, got -1")]
    public void BadNumbersAreInputErrors(string option, string value, string message)
    {
        using var folder = new TempDirectory();
        var (code, _, error) = CliRunner.Run("encoder", "train-default", "--out", Path.Combine(folder.Path, "h.c3dh"), option, value);
        Assert.Equal(CliApp.ExitInputError, code);
        Assert.Equal($"error: {message}", error.Trim());
    }

    [Fact]
    public void AnOutputFolderThatDoesNotExistIsAnInputError()
    {
        var (code, _, error) = CliRunner.Run("encoder", "train-default", "--out", "/no/such/folder/h.c3dh");
        Assert.Equal(CliApp.ExitInputError, code);
        Assert.Equal("error: --out: the folder /no/such/folder does not exist", error.Trim());
    }

    /// <summary>
    /// Both emoji packages as NpmPackageCache leaves them (name@version/node_modules/name), each with five emoji in
    /// distinct colours, so that the command finds them installed and never runs npm.
    /// </summary>
    private static void FillCache(string root)
    {
        string[] names = ["TEAPOT", "AUTOMOBILE", "HOURGLASS", "COW FACE", "ROCKET", "APPLE"];
        foreach (var set in new[] { "google", "twitter" })
        {
            var package = Path.Combine(root, $"emoji-datasource-{set}@16.0.0", "node_modules", $"emoji-datasource-{set}");
            var images = Path.Combine(package, "img", set, "64");
            Directory.CreateDirectory(images);
            File.WriteAllText(Path.Combine(package, "package.json"), $$"""{"name":"emoji-datasource-{{set}}","version":"16.0.0"}""");
            var items = names.Select((name, i) =>
                $$"""{"name":"{{name}}","unified":"1F60{{i}}","image":"1f60{{i}}.png","short_name":"e{{i}}","short_names":["e{{i}}"],"category":"Objects","subcategory":"x","has_img_{{set}}":true}""");
            File.WriteAllText(Path.Combine(package, "emoji.json"), $"[{string.Join(",", items)}]");
            for (int i = 0; i < names.Length; i++)
            {
                using var image = new Image<Rgba32>(64, 64, new Rgba32(0, 0, 0, 0));
                var colour = new Rgba32((byte)(40 * i), (byte)(255 - 40 * i), (byte)(90 + 25 * i), 255);
                for (int y = 16; y < 48; y++)
                    for (int x = 16; x < 48; x++)
                        image[x, y] = colour;
                image.SaveAsPng(Path.Combine(images, $"1f60{i}.png"));
            }
        }
    }
}
