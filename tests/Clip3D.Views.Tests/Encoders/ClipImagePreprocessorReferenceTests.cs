using System.Text.Json;
using Clip3D.Mesh.IO;
using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

/// <summary>
/// <see cref="ClipImagePreprocessor"/> against reference outputs of CLIP's pipeline made with Debian's Pillow 9.4
/// by <c>TestData/make_clip_reference.py</c> (committed under <c>TestData/clip_reference</c>): gradients, a
/// checkerboard that overshoots both ends of 0..255, block and pixel noise, a zone plate, an extreme strip, a 3×2
/// image, shrinking and enlarging, S = 224 and 336. Largest difference found: 0 of 255 in every resized and cropped
/// value, and 0 in the normalised float32 tensor (bit-identical).
/// </summary>
public class ClipImagePreprocessorReferenceTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Encoders", "TestData", "clip_reference");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in LoadManifest().Cases) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ResizeAndCropMatchesPillowExactly(string name)
    {
        var c = LoadManifest().Cases.Single(x => x.Name == name);
        var preprocessor = new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = c.Size });
        var input = RgbImage.Load(Path.Combine(Root, c.Input));

        var plan = preprocessor.ResizeCropFor(input.Width, input.Height);
        Assert.Equal((c.ResizedWidth, c.ResizedHeight), (plan.ResizedWidth, plan.ResizedHeight));
        Assert.Equal((c.CropX, c.CropY), (plan.CropX, plan.CropY));

        var expected = RgbImage.Load(Path.Combine(Root, c.Expected));
        var actual = preprocessor.ResizeAndCrop(input);
        Assert.Equal((c.Size, c.Size), (expected.Width, expected.Height));
        var (largest, differing) = Compare(expected.Rgb, actual.Rgb);
        Assert.True(largest == 0, $"{name}: {differing} of {expected.Rgb.Length} values differ from Pillow's, by up to {largest}");
    }

    [Fact]
    public void NormalisedTensorMatchesTorchvisionOrderInFloat32Exactly()
    {
        var manifest = LoadManifest();
        var c = manifest.Cases.Single(x => x.Tensor is not null);
        Assert.Equal(ClipImageNormalization.ClipMean, manifest.Mean.Select(v => (float)v));
        Assert.Equal(ClipImageNormalization.ClipStd, manifest.Std.Select(v => (float)v));
        var (expected, shape) = NpyFile.ReadSingle(Path.Combine(Root, c.Tensor!));
        Assert.Equal([3, c.Size, c.Size], shape);

        var preprocessor = new ClipImagePreprocessor(new ClipPreprocessOptions { ImageSize = c.Size });
        var actual = preprocessor.Preprocess(RgbImage.Load(Path.Combine(Root, c.Input)));
        Assert.Equal(expected.Length, actual.Length);
        float largest = 0;
        for (int i = 0; i < actual.Length; i++) largest = Math.Max(largest, Math.Abs(actual[i] - expected[i]));
        Assert.Equal(0f, largest);
        // The checkerboard reaches both ends of 0..255 after the resize, so the extremes of the range are covered.
        Assert.Equal((0f - 0.48145466f) / 0.26862954f, actual.Take(c.Size * c.Size).Min(), 5);
        Assert.Equal((1f - 0.48145466f) / 0.26862954f, actual.Take(c.Size * c.Size).Max(), 5);
    }

    [Fact]
    public void ManifestCoversShrinkingEnlargingNoResizeAndAnOddCropMargin()
    {
        var manifest = LoadManifest();
        Assert.StartsWith("9.", manifest.Pillow);
        var cases = manifest.Cases;
        Assert.Contains(cases, c => Math.Min(c.InputWidth, c.InputHeight) > 2 * c.Size);        // strong antialiasing
        Assert.Contains(cases, c => Math.Min(c.InputWidth, c.InputHeight) < c.Size / 10);       // large enlargement
        Assert.Contains(cases, c => (c.InputWidth, c.InputHeight) == (c.ResizedWidth, c.ResizedHeight)); // crop only
        // An odd margin whose half rounds to even upwards: round-half-to-even and floor disagree there.
        Assert.Contains(cases, c => Math.Max(c.ResizedWidth, c.ResizedHeight) - c.Size is var d && d % 4 == 3);
        Assert.Contains(cases, c => c.Size == 336);
    }

    private static (int Largest, int Differing) Compare(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int largest = 0, differing = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int d = Math.Abs(expected[i] - actual[i]);
            if (d > 0) differing++;
            largest = Math.Max(largest, d);
        }
        return (largest, differing);
    }

    private sealed record ReferenceCase(
        string Name, string Input, int InputWidth, int InputHeight, int Size,
        int ResizedWidth, int ResizedHeight, int CropX, int CropY, string Expected, string? Tensor);

    private sealed record Manifest(string Pillow, double[] Mean, double[] Std, IReadOnlyList<ReferenceCase> Cases);

    private static readonly Lazy<Manifest> CachedManifest = new(ReadManifest);

    private static Manifest LoadManifest() => CachedManifest.Value;

    private static Manifest ReadManifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "manifest.json")));
        var root = document.RootElement;
        var cases = new List<ReferenceCase>();
        foreach (var c in root.GetProperty("cases").EnumerateArray())
        {
            string input = c.GetProperty("input").GetString()!;
            int size = c.GetProperty("size").GetInt32();
            var resized = c.GetProperty("resized");
            var crop = c.GetProperty("crop");
            // Input sizes are in the names (NAME_WxH.png), so the manifest stays what the script computed.
            var dims = Path.GetFileNameWithoutExtension(input).Split('_')[^1].Split('x');
            cases.Add(new ReferenceCase(
                $"{Path.GetFileNameWithoutExtension(input)}@{size}", input, int.Parse(dims[0]), int.Parse(dims[1]), size,
                resized[0].GetInt32(), resized[1].GetInt32(), crop[0].GetInt32(), crop[1].GetInt32(),
                c.GetProperty("expected").GetString()!,
                c.TryGetProperty("tensor", out var tensor) ? tensor.GetString() : null));
        }
        return new Manifest(
            root.GetProperty("pillow").GetString()!,
            root.GetProperty("mean").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            root.GetProperty("std").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            cases);
    }
}
