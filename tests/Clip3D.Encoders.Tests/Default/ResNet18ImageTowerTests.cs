using Clip3D.Encoders.Default;
using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Clip3D.Encoders.Tests.Default;

/// <summary>One tower for the tests of a class, with batches of 2 so that 3 images take a full and a partial batch.</summary>
public sealed class ResNet18ImageTowerFixture : IDisposable
{
    public ResNet18ImageTower Tower { get; } = new(options: OnnxEncoderOptions.Default with { BatchSize = 2 });

    public void Dispose() => Tower.Dispose();
}

public class ResNet18ImageTowerTests(ResNet18ImageTowerFixture fixture) : IClassFixture<ResNet18ImageTowerFixture>
{
    private const int D = ResNet18ImageTower.Dimension;
    private const int Planes = 3 * 224 * 224;
    private readonly ResNet18ImageTower _tower = fixture.Tower;

    [Fact]
    public void FeaturesAreFiniteDeterministicAndTellImagesApart()
    {
        var stripes = Synthetic(300, 200, (x, y) => ((byte)(x * 7 % 256), (byte)(y * 3 % 256), (byte)((x ^ y) % 256)));
        var disc = Synthetic(240, 320, (x, y) => (x - 120) * (x - 120) + (y - 160) * (y - 160) < 80 * 80 ? ((byte)220, (byte)40, (byte)30) : ((byte)30, (byte)90, (byte)200));
        var copy = new RgbImage(stripes.Width, stripes.Height, stripes.Rgb.ToArray());
        var features = _tower.Embed([stripes, disc, copy]);
        Assert.Equal(3 * D, features.Length);
        // A ReLU network's average pool: finite, never negative, not all zero.
        Assert.All(features, v => Assert.True(float.IsFinite(v) && v >= 0, $"{v}"));
        Assert.True(features.AsSpan(0, D).ToArray().Max() > 0);
        Assert.Equal(features.AsSpan(0, D).ToArray(), features.AsSpan(2 * D, D).ToArray());
        Assert.True(Distance(features.AsSpan(0, D), features.AsSpan(D, D)) > 0.1 * Norm(features.AsSpan(0, D)));
        Assert.Equal(features, _tower.Embed([stripes, disc, copy]));
        Assert.Equal(features.AsSpan(D, D).ToArray(), _tower.Embed([disc]));
    }

    [Fact]
    public void BatchedRunMatchesTheOriginalFilesChainedByHand()
    {
        // Independent of the tower: the packaged files as they are (batch 1), the mean image read with OnnxSharp and
        // the RGB→BGR swap and subtraction done here, one image per run.
        var files = TowerModelFiles.Default;
        var planes = new float[3 * Planes];
        var random = new Random(5);
        for (int i = 0; i < planes.Length; i++) planes[i] = random.Next(256);
        var mean = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(files.ResNetPreprocess)).Graph.Initializer.Single(t => t.Name == "MeanImage");
        Assert.Equal([1L, 3, 224, 224], mean.Dims);
        var meanImage = mean.FloatData.ToArray();

        using var network = new InferenceSession(files.ResNet18);
        var expected = new float[3 * D];
        for (int image = 0; image < 3; image++)
        {
            var bgr = new float[Planes];
            for (int c = 0; c < 3; c++)
                for (int p = 0; p < 224 * 224; p++)
                    bgr[c * 224 * 224 + p] = planes[image * Planes + (2 - c) * 224 * 224 + p] - meanImage[c * 224 * 224 + p];
            using var input = OrtValue.CreateTensorValueFromMemory(bgr, [1, 3, 224, 224]);
            using var output = network.Run(new RunOptions(), ["Input247"], [input], ["Pooling395_Output_0"]);
            output[0].GetTensorDataAsSpan<float>().CopyTo(expected.AsSpan(image * D, D));
        }

        var actual = _tower.EmbedPlanes(planes, 3);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f + 1e-4f * Math.Abs(expected[i]), $"feature {i}: {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public void ImagesAreResizedOnTheirShortSideAndCentreCropped()
    {
        // A 448×672 image whose centre 448×448 holds a pattern and whose margins are black: after the resize to
        // 224×336 and the crop, the tower sees the pattern at half size, exactly as an image of it alone.
        var inner = Synthetic(448, 448, (x, y) => ((byte)(x / 2), (byte)(y / 2), (byte)((x + y) / 4)));
        var padded = Synthetic(448, 672, (x, y) => y >= 112 && y < 560 ? ((byte)(x / 2), (byte)((y - 112) / 2), (byte)((x + y - 112) / 4)) : ((byte)0, (byte)0, (byte)0));
        var cropped = _tower.ResizeAndCrop(padded);
        Assert.Equal((224, 224), (cropped.Width, cropped.Height));
        var a = _tower.Embed([inner]);
        var b = _tower.Embed([padded]);
        Assert.True(Distance(a, b) < 0.1 * Norm(a), $"distance {Distance(a, b)}, norm {Norm(a)}");
    }

    [Fact]
    public void RewrittenFilesDeclareAFreeBatch()
    {
        using var dir = new TempDirectory();
        var files = TowerModelFiles.Default;
        var rewritten = dir.Write("ResNet18.onnx", OnnxBatchDimension.MakeFree(File.ReadAllBytes(files.ResNet18), "n"));
        var signature = OnnxModelSignature.Read(rewritten);
        Assert.Equal("Input247 float[n,3,224,224] → Pooling395_Output_0 float[n,512,1,1]", signature.ToString());
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(rewritten));
        Assert.All(model.Graph.ValueInfo, v => Assert.Equal("n", v.Type.TensorType.Shape.Dim[0].DimParam));
        var original = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(files.ResNet18));
        Assert.Equal(original.Graph.Initializer, model.Graph.Initializer);
        Assert.Equal(original.Graph.Node, model.Graph.Node);
        // The preprocessing's mean image is an initializer listed among the inputs (IR 3): its batch of 1 stays.
        var preprocess = Onnx.ModelProto.Parser.ParseFrom(OnnxBatchDimension.MakeFree(File.ReadAllBytes(files.ResNetPreprocess), "n"));
        foreach (var input in preprocess.Graph.Input)
            Assert.Equal(input.Name == "MeanImage" ? "" : "n", input.Type.TensorType.Shape.Dim[0].DimParam);
    }

    [Fact]
    public void WrongInputsAreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => _tower.Embed([null!]));
        Assert.Empty(_tower.Embed([]));
        var e = Assert.Throws<ArgumentException>(() => _tower.EmbedPlanes(new float[10], 1));
        Assert.Contains("150528", e.Message);
    }

    [Fact]
    public void MissingOrWrongFilesAreNamed()
    {
        using var dir = new TempDirectory();
        var files = TowerModelFiles.InFolder(dir.Path);
        var missing = Assert.Throws<ModelFolderException>(() => new ResNet18ImageTower(files));
        Assert.Equal(files.ResNetPreprocess, missing.Path);
        Assert.Contains("ResNetPreprocess.onnx: file not found", missing.Message);

        File.Copy(TowerModelFiles.Default.ResNetPreprocess, files.ResNetPreprocess);
        File.Copy(TowerModelFiles.Default.ResNetPreprocess, files.ResNet18); // the wrong model under the right name
        var wrong = Assert.Throws<ModelFolderException>(() => new ResNet18ImageTower(files));
        Assert.Equal(files.ResNet18, wrong.Path);
        Assert.Contains("expected Input247 float[1,3,224,224] → Pooling395_Output_0 float[1,512,1,1]; the file declares OriginalInput", wrong.Message);
    }

    private static RgbImage Synthetic(int width, int height, Func<int, int, (byte R, byte G, byte B)> color)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                var (r, g, b) = color(x, y);
                int i = (y * width + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (r, g, b);
            }
        return new RgbImage(width, height, rgb);
    }

    private static double Norm(ReadOnlySpan<float> a)
    {
        double sum = 0;
        foreach (var v in a) sum += (double)v * v;
        return Math.Sqrt(sum);
    }

    private static double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)(a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }
}
