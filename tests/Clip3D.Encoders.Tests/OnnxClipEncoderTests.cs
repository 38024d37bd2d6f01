using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Clip3D.Encoders.Tests;

public class OnnxClipEncoderTests
{
    private const float Tolerance = 2e-5f;
    private static readonly int PixelsPerImage = 3 * TinyClipModels.ImageSize * TinyClipModels.ImageSize;

    [Fact]
    public void HuggingFaceSplitMatchesThePlainComputation()
    {
        using var dir = new TempDirectory();
        using var encoder = OnnxClipEncoder.Open(TinyClipModels.WriteHuggingFaceFolder(dir.Path));
        Assert.Equal(8, encoder.Dimension);
        Assert.Equal(TinyClipModels.ImageSize, encoder.ImageSize);
        Assert.Equal(OnnxExecutionProvider.Cpu, encoder.ExecutionProvider);
        Assert.Empty(encoder.Warnings);
        CheckImages(encoder, count: 5);
        CheckSumTexts(encoder, count: 6, masked: false);
    }

    [Fact]
    public void Int32TextModelMatches()
    {
        using var dir = new TempDirectory();
        using var encoder = OnnxClipEncoder.Open(TinyClipModels.WriteHuggingFaceFolder(dir.Path, ids: DataType.Int32));
        CheckSumTexts(encoder, count: 4, masked: false);
    }

    [Fact]
    public void OptimumFullModelMatchesWithTheAttentionMask()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOptimumFolder(dir.Path);
        dir.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(TinyClipModels.ImageSize));
        using var encoder = OnnxClipEncoder.Open(dir.Path);
        CheckImages(encoder, count: 3);
        CheckSumTexts(encoder, count: 5, masked: true);
    }

    [Fact]
    public void OpenClipWithFixedBatchOneLoopsOverFiveInputs()
    {
        using var dir = new TempDirectory();
        using var encoder = OnnxClipEncoder.Open(TinyClipModels.WriteOpenClipFolder(dir.Path));
        CheckImages(encoder, count: 5);
        var (ids, mask) = TinyClipModels.Tokens(5);
        var batch = encoder.EmbedTokens(ids, mask, 5);
        Assert.Equal(5, batch.Count);
        for (int i = 0; i < 5; i++)
            AssertClose(TinyClipModels.ReferencePositionText(ids.AsSpan(i * 77, 77)), batch[i]);
    }

    [Fact]
    public void FixedBatchOfThreeIsPaddedForTheLastFewInputs()
    {
        using var dir = new TempDirectory();
        using var encoder = OnnxClipEncoder.Open(TinyClipModels.WriteOpenClipFolder(dir.Path, fixedBatch: 3));
        CheckImages(encoder, count: 5);
        var (ids, mask) = TinyClipModels.Tokens(4);
        var batch = encoder.EmbedTokens(ids, mask, 4);
        for (int i = 0; i < 4; i++)
            AssertClose(TinyClipModels.ReferencePositionText(ids.AsSpan(i * 77, 77)), batch[i]);
    }

    [Fact]
    public void SmallBatchSizeGivesTheSameResults()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        using var big = OnnxClipEncoder.Open(dir.Path);
        using var small = OnnxClipEncoder.Open(dir.Path, OnnxEncoderOptions.Default with { BatchSize = 2 });
        var pixels = TinyClipModels.Pixels(7);
        AssertSame(big.EmbedPixels(pixels, 7), small.EmbedPixels(pixels, 7));
        var (ids, mask) = TinyClipModels.Tokens(7);
        AssertSame(big.EmbedTokens(ids, mask, 7), small.EmbedTokens(ids, mask, 7));
    }

    [Fact]
    public void TrimmingThePaddingChangesNothing()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOptimumFolder(dir.Path);
        dir.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(TinyClipModels.ImageSize));
        using var trimmed = OnnxClipEncoder.Open(dir.Path);
        using var full = OnnxClipEncoder.Open(dir.Path, OnnxEncoderOptions.Default with { TrimTextPadding = false });
        var (ids, mask) = TinyClipModels.Tokens(6);
        AssertSame(trimmed.EmbedTokens(ids, mask, 6), full.EmbedTokens(ids, mask, 6));
    }

    [Fact]
    public void ImagesArePreprocessedThenEmbedded()
    {
        using var dir = new TempDirectory();
        using var encoder = OnnxClipEncoder.Open(TinyClipModels.WriteHuggingFaceFolder(dir.Path));
        var images = new[] { Gradient(40, 24), Gradient(16, 16), Gradient(23, 57) };
        var embedded = encoder.EmbedImages(images);
        var preprocessor = new ClipImagePreprocessor(encoder.Model.PreprocessOptions);
        var pixels = new float[images.Length * PixelsPerImage];
        for (int i = 0; i < images.Length; i++)
            preprocessor.Preprocess(images[i], pixels.AsSpan(i * PixelsPerImage, PixelsPerImage));
        for (int i = 0; i < images.Length; i++)
            AssertClose(TinyClipModels.ReferenceImage(pixels.AsSpan(i * PixelsPerImage, PixelsPerImage)), embedded[i]);
    }

    [SkippableFact]
    public void TextsAreTokenisedWithTheFolderVocabulary()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        File.Copy(SharedAssets.Require("clip/vocab.json"), Path.Combine(dir.Path, "vocab.json"));
        File.Copy(SharedAssets.Require("clip/merges.txt"), Path.Combine(dir.Path, "merges.txt"));
        using var encoder = OnnxClipEncoder.Open(dir.Path);
        var embedded = encoder.EmbedTexts(["a photo of a cat", "a photo of a dog"]);
        // Reference ids from ../shared/clip/README.md (openai/clip-vit-base-patch32's tokenizer).
        AssertClose(TinyClipModels.ReferenceSumText([49406, 320, 1125, 539, 320, 2368, 49407]), embedded[0]);
        AssertClose(TinyClipModels.ReferenceSumText([49406, 320, 1125, 539, 320, 1929, 49407]), embedded[1]);
    }

    [Fact]
    public void DimensionIsFoundByARunWhenTheModelLeavesItOpen()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path, dynamicDimension: true);
        Assert.Null(ClipModelFolder.Detect(dir.Path).Dimension);
        using var encoder = OnnxClipEncoder.Open(dir.Path);
        Assert.Equal(8, encoder.Dimension);
        Assert.Equal(8, encoder.Identity.Dimension);
        CheckImages(encoder, count: 2);
    }

    [Fact]
    public void IdentityNamesTheFolderAndHashesTheFilesUsed()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        using var encoder = OnnxClipEncoder.Open(dir.Path);
        Assert.Equal(OnnxClipEncoder.IdentityKind, encoder.Identity.Kind);
        Assert.Equal("clip-onnx", encoder.Identity.Kind);
        Assert.Equal(dir.Path, encoder.Identity.Source);
        Assert.Equal(ClipModelFolder.Detect(dir.Path).ComputeModelHash(), encoder.Identity.ModelHash);
        Assert.Equal(8, encoder.Identity.Dimension);

        // A quantized file beside the used ones is not part of the identity.
        dir.Write("onnx/vision_model_quantized.onnx", TinyClipModels.HuggingFaceVision());
        using var again = OnnxClipEncoder.Open(dir.Path);
        Assert.Equal(encoder.Identity, again.Identity);
    }

    [Fact]
    public void ParallelCallsGiveIdenticalResults()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOptimumFolder(dir.Path);
        dir.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(TinyClipModels.ImageSize));
        using var encoder = OnnxClipEncoder.Open(dir.Path, OnnxEncoderOptions.Default with { BatchSize = 3 });
        var (ids, mask) = TinyClipModels.Tokens(10);
        var pixels = TinyClipModels.Pixels(10);
        var images = Enumerable.Range(0, 6).Select(i => Gradient(20 + i, 30 - i)).ToArray();
        var expectedTexts = encoder.EmbedTokens(ids, mask, 10).Data.ToArray();
        var expectedPixels = encoder.EmbedPixels(pixels, 10).Data.ToArray();
        var expectedImages = encoder.EmbedImages(images).Data.ToArray();
        Parallel.For(0, 24, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            switch (i % 3)
            {
                case 0: Assert.Equal(expectedTexts, encoder.EmbedTokens(ids, mask, 10).Data.ToArray()); break;
                case 1: Assert.Equal(expectedPixels, encoder.EmbedPixels(pixels, 10).Data.ToArray()); break;
                default: Assert.Equal(expectedImages, encoder.EmbedImages(images).Data.ToArray()); break;
            }
        });
    }

    [Fact]
    public void DisposeWhileOtherThreadsEmbedWaitsForThemAndLaterCallsAreRefused()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOptimumFolder(dir.Path);
        dir.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(TinyClipModels.ImageSize));
        var encoder = OnnxClipEncoder.Open(dir.Path, OnnxEncoderOptions.Default with { BatchSize = 2 });
        var (ids, mask) = TinyClipModels.Tokens(10);
        var pixels = TinyClipModels.Pixels(10);
        var expectedTexts = encoder.EmbedTokens(ids, mask, 10).Data.ToArray();
        var expectedPixels = encoder.EmbedPixels(pixels, 10).Data.ToArray();

        // Threads embedding without pause; the encoder is disposed under them once every thread has had answers.
        const int Threads = 6;
        var (answered, refused, unexpected) = DisposeUnderCalls.Run(Threads, 3, (t, i) =>
        {
            if ((t + i) % 2 == 0) Assert.Equal(expectedTexts, encoder.EmbedTokens(ids, mask, 10).Data.ToArray());
            else Assert.Equal(expectedPixels, encoder.EmbedPixels(pixels, 10).Data.ToArray());
        }, encoder.Dispose);

        Assert.Empty(unexpected);
        Assert.Equal(Threads, refused); // every thread's next call after the dispose was refused, none crashed
        Assert.True(answered >= 3 * Threads);
        Assert.Throws<ObjectDisposedException>(() => encoder.EmbedPixels(pixels, 10));
        encoder.Dispose();
    }

    [SkippableFact]
    public void ParallelEmbedTextsGiveIdenticalResults()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        File.Copy(SharedAssets.Require("clip/vocab.json"), Path.Combine(dir.Path, "vocab.json"));
        File.Copy(SharedAssets.Require("clip/merges.txt"), Path.Combine(dir.Path, "merges.txt"));
        using var encoder = OnnxClipEncoder.Open(dir.Path, OnnxEncoderOptions.Default with { BatchSize = 2 });
        string[] texts = ["a photo of a cat", "a photo of a dog", "a cat", "a dog", "a photo"];
        var expected = encoder.EmbedTexts(texts).Data.ToArray();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            _ => Assert.Equal(expected, encoder.EmbedTexts(texts).Data.ToArray()));
    }

    [Theory]
    [InlineData(OnnxExecutionProvider.Cuda)]
    [InlineData(OnnxExecutionProvider.Auto)]
    public void CudaThatCannotLoadFallsBackToTheCpuWithAWarning(OnnxExecutionProvider provider)
    {
        // These machines have no CUDA 13: appending the CUDA provider throws. Where a GPU works, this checks CUDA's results.
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        var logged = new List<string>();
        using var encoder = OnnxClipEncoder.Open(dir.Path, OnnxEncoderOptions.Default with { ExecutionProvider = provider, Log = logged.Add });
        if (encoder.ExecutionProvider == OnnxExecutionProvider.Cpu)
        {
            var warning = Assert.Single(encoder.Warnings);
            Assert.Contains("running on the CPU", warning);
            Assert.Equal(encoder.Warnings, logged);
        }
        CheckImages(encoder, count: 3);
        CheckSumTexts(encoder, count: 3, masked: false);
    }

    [Fact]
    public void ModelTheRuntimeRefusesIsNamed()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        var broken = dir.Write("onnx/vision_model.onnx", TinyClipModels.UnknownOperatorVision());
        var e = Assert.Throws<ModelFolderException>(() => OnnxClipEncoder.Open(dir.Path));
        Assert.StartsWith($"{broken}: ONNX Runtime cannot load it: ", e.Message);
        Assert.Contains("NoSuchOperatorAnywhere", e.Message);
        Assert.Equal(broken, e.Path);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void BadArgumentsAndDisposal()
    {
        using var dir = new TempDirectory();
        var encoder = OnnxClipEncoder.Open(TinyClipModels.WriteOpenClipFolder(dir.Path));
        Assert.Throws<ArgumentException>(() => encoder.EmbedPixels(new float[10], 1));
        Assert.Throws<ArgumentException>(() => encoder.EmbedTokens(new long[78], new long[78], 1));
        Assert.Throws<ArgumentException>(() => encoder.EmbedTokens(new long[77], new long[76], 1));
        Assert.Equal(0, encoder.EmbedImages([]).Count);
        Assert.Equal(0, encoder.EmbedTokens([], [], 0).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxClipEncoder.Open(dir.Path, OnnxEncoderOptions.Default with { BatchSize = 0 }));
        encoder.Dispose();
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.EmbedPixels(TinyClipModels.Pixels(1), 1));
    }

    [Fact]
    public void CancellationStopsBetweenBatches()
    {
        using var dir = new TempDirectory();
        using var encoder = OnnxClipEncoder.Open(TinyClipModels.WriteHuggingFaceFolder(dir.Path));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => encoder.EmbedImages([Gradient(8, 8)], cancelled.Token));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void CheckImages(OnnxClipEncoder encoder, int count)
    {
        var pixels = TinyClipModels.Pixels(count);
        var batch = encoder.EmbedPixels(pixels, count);
        Assert.Equal(count, batch.Count);
        Assert.Equal(8, batch.Dimension);
        for (int i = 0; i < count; i++)
            AssertClose(TinyClipModels.ReferenceImage(pixels.AsSpan(i * PixelsPerImage, PixelsPerImage)), batch[i]);
    }

    private static void CheckSumTexts(OnnxClipEncoder encoder, int count, bool masked)
    {
        var (ids, mask) = TinyClipModels.Tokens(count);
        if (masked)
        {
            // Hide each row's first real token: only a model that is fed the mask ignores it.
            for (int r = 0; r < count; r++) mask[r * 77 + 1] = 0;
        }
        var batch = encoder.EmbedTokens(ids, mask, count);
        for (int i = 0; i < count; i++)
            AssertClose(TinyClipModels.ReferenceSumText(ids.AsSpan(i * 77, 77), masked ? mask.AsSpan(i * 77, 77) : default), batch[i]);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double norm = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"value {i}: expected {expected[i]}, got {actual[i]}");
            norm += actual[i] * (double)actual[i];
        }
        Assert.Equal(1.0, norm, 5);
    }

    private static void AssertSame(EmbeddingBatch expected, EmbeddingBatch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
            AssertClose(expected[i], actual[i]);
    }

    private static RgbImage Gradient(int width, int height)
    {
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                rgb[i] = (byte)(x * 255 / Math.Max(1, width - 1));
                rgb[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                rgb[i + 2] = (byte)((x * 7 + y * 13) % 256);
            }
        return new RgbImage(width, height, rgb);
    }
}
