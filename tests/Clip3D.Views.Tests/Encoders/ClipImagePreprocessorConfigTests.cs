using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Views.Tests.Encoders;

/// <summary><see cref="ClipImagePreprocessor.FromPreprocessorConfig"/> on Hugging Face <c>preprocessor_config.json</c> files.</summary>
public sealed class ClipImagePreprocessorConfigTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "clip3d-preprocessor-" + Guid.NewGuid().ToString("N"));

    public ClipImagePreprocessorConfigTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // As transformers writes it for openai/clip-vit-base-patch32 today.
    private const string CurrentFormat = """
        {
          "crop_size": {"height": 224, "width": 224},
          "do_center_crop": true, "do_convert_rgb": true, "do_normalize": true, "do_rescale": true, "do_resize": true,
          "image_mean": [0.48145466, 0.4578275, 0.40821073],
          "image_processor_type": "CLIPImageProcessor",
          "image_std": [0.26862954, 0.26130258, 0.27577711],
          "resample": 3, "rescale_factor": 0.00392156862745098,
          "size": {"shortest_edge": 224}
        }
        """;

    [Fact]
    public void ReadsTheCurrentTransformersFormat()
    {
        var preprocessor = ClipImagePreprocessor.FromPreprocessorConfig(Write(CurrentFormat));
        Assert.Equal(224, preprocessor.ImageSize);
        Assert.Null(preprocessor.Options.ResizeShortestEdge);
        Assert.Equal(ClipImageNormalization.ClipMean, preprocessor.Options.Mean);
        Assert.Equal(ClipImageNormalization.ClipStd, preprocessor.Options.Std);
        Assert.Equal(CenterCropRounding.RoundHalfToEven, preprocessor.Options.CropRounding);
    }

    [Fact]
    public void ReadsTheOlderFeatureExtractorFormat()
    {
        var options = ClipPreprocessOptions.FromPreprocessorConfig(Write("""
            {"crop_size": 336, "do_center_crop": true, "do_normalize": true, "do_resize": true,
             "feature_extractor_type": "CLIPFeatureExtractor", "image_mean": [0.5, 0.25, 0.125],
             "image_std": [0.2, 0.3, 0.4], "resample": 3, "size": 336}
            """));
        Assert.Equal(336, options.ImageSize);
        Assert.Equal(336, options.ShortestEdge);
        Assert.Equal([0.5f, 0.25f, 0.125f], options.Mean);
        Assert.Equal([0.2f, 0.3f, 0.4f], options.Std);
    }

    [Fact]
    public void SizeAndCropMayDifferAndEitherMayBeAlone()
    {
        var options = ClipPreprocessOptions.FromPreprocessorConfig(Write("""{"size": {"shortest_edge": 256}, "crop_size": 224}"""));
        Assert.Equal((224, 256), (options.ImageSize, options.ShortestEdge));
        options = ClipPreprocessOptions.FromPreprocessorConfig(Write("""{"crop_size": {"height": 288, "width": 288}}"""));
        Assert.Equal((288, 288), (options.ImageSize, options.ShortestEdge));
        options = ClipPreprocessOptions.FromPreprocessorConfig(Write("""{"size": {"shortest_edge": 240}}"""));
        Assert.Equal((240, 240), (options.ImageSize, options.ShortestEdge));
        // Absent mean and std are CLIP's, as in transformers' CLIPImageProcessor.
        Assert.Equal(ClipImageNormalization.ClipMean, options.Mean);
    }

    [Fact]
    public void ScalarMeanAndDisabledNormalisation()
    {
        var options = ClipPreprocessOptions.FromPreprocessorConfig(Write("""{"crop_size": 224, "image_mean": 0.5, "image_std": 0.5}"""));
        Assert.Equal([0.5f, 0.5f, 0.5f], options.Mean);
        Assert.Equal([0.5f, 0.5f, 0.5f], options.Std);
        options = ClipPreprocessOptions.FromPreprocessorConfig(Write("""{"crop_size": 224, "do_normalize": false, "image_mean": [9, 9, 9]}"""));
        Assert.Equal([0f, 0f, 0f], options.Mean);
        Assert.Equal([1f, 1f, 1f], options.Std);
    }

    [Theory]
    [InlineData("""[1, 2]""", "the top level is an array, expected an object")]
    [InlineData("""{"crop_size": 224, "resample": 2}""", "resample is 2 (bilinear); only 3 (bicubic)")]
    [InlineData("""{"crop_size": 224, "resample": "bicubic"}""", "resample is the string \"bicubic\", expected an integer")]
    [InlineData("""{"crop_size": {"height": 224, "width": 256}}""", "crop_size is 256×224 (width×height); CLIP models take a square image")]
    [InlineData("""{"crop_size": {"height": 224}}""", "crop_size has no width")]
    [InlineData("""{"crop_size": "224"}""", "crop_size is the string \"224\", expected a number")]
    [InlineData("""{"crop_size": 0}""", "crop_size is 0; it must be positive")]
    [InlineData("""{"crop_size": 224.5}""", "crop_size is 224.5, expected an integer")]
    [InlineData("""{"size": {"height": 224, "width": 224}}""", "size gives height and width")]
    [InlineData("""{"size": {"longest_edge": 224}}""", "size has no shortest_edge")]
    [InlineData("""{"do_resize": true}""", "neither crop_size nor size is given")]
    [InlineData("""{"size": 200, "crop_size": 224}""", "size (shortest edge 200) is smaller than crop_size (224)")]
    [InlineData("""{"crop_size": 224, "do_center_crop": false}""", "do_center_crop is false")]
    [InlineData("""{"crop_size": 224, "do_resize": false}""", "do_resize is false")]
    [InlineData("""{"crop_size": 224, "do_rescale": "yes"}""", "do_rescale is the string \"yes\", expected true or false")]
    [InlineData("""{"crop_size": 224, "rescale_factor": 1.0}""", "rescale_factor is 1; only 1/255")]
    [InlineData("""{"crop_size": 224, "image_mean": [0.5, 0.5]}""", "image_mean has 2 values, expected 3")]
    [InlineData("""{"crop_size": 224, "image_std": [0.5, 0, 0.5]}""", "image_std[1] is 0; it must be positive")]
    [InlineData("""{"crop_size": 224, "image_mean": [0.5, null, 0.5]}""", "image_mean[1] is null, expected a finite number")]
    [InlineData("""{"crop_size": 224, "image_std": {"r": 1}}""", "image_std is an object, expected 3 numbers")]
    [InlineData("""{"crop_size": 99999}""", "ImageSize must be in 1..4096")]
    public void BadConfigsNameTheFileAndTheProblem(string json, string fragment)
    {
        string path = Write(json);
        var e = Assert.Throws<InvalidDataException>(() => ClipImagePreprocessor.FromPreprocessorConfig(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void InvalidJsonGivesItsPlace()
    {
        string path = Write("{\n  \"crop_size\": 224,\n  oops\n}");
        var e = Assert.Throws<InvalidDataException>(() => ClipImagePreprocessor.FromPreprocessorConfig(path));
        Assert.Equal($"{path}: invalid JSON at line 3, byte 3", e.Message);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string path = Path.Combine(_folder, "absent", "preprocessor_config.json");
        var e = Assert.Throws<FileNotFoundException>(() => ClipImagePreprocessor.FromPreprocessorConfig(path));
        Assert.Equal($"{path}: preprocessor config not found", e.Message);
        Assert.Equal(path, e.FileName);
    }

    private string Write(string json)
    {
        string path = Path.Combine(_folder, $"preprocessor_config_{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
