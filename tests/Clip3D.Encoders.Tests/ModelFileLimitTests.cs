using Clip3D.Testing;
using Xunit;

namespace Clip3D.Encoders.Tests;

public sealed class ModelFileLimitTests
{
    [Fact]
    public void AModelFileOverTheLimitIsRefusedNamingTheFileAndTheLimit()
    {
        using var dir = new TempDirectory();
        var folder = TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        var text = Path.Combine(folder, "onnx", "text_model.onnx");
        long limit = new FileInfo(text).Length - 1; // the text tower (1.5 MB of embeddings) is the larger file
        Assert.True(new FileInfo(Path.Combine(folder, "onnx", "vision_model.onnx")).Length <= limit);
        var e = Assert.Throws<ModelFolderException>(() => OnnxClipEncoder.Open(folder, new OnnxEncoderOptions { MaxModelFileBytes = limit }));
        Assert.Equal(text, e.Path);
        Assert.StartsWith($"{text}: ", e.Message);
        Assert.Contains($"over the model file limit of {limit:N0} bytes (OnnxEncoderOptions.MaxModelFileBytes", e.Message);

        using var encoder = OnnxClipEncoder.Open(folder, new OnnxEncoderOptions { MaxModelFileBytes = limit + 1 });
        Assert.Equal(TinyClipModels.Dimension, encoder.Dimension);
    }

    [Fact]
    public void TheLimitMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxClipEncoder.Open(TinyClipModels.WriteHuggingFaceFolder(new TempDirectory().Path), new OnnxEncoderOptions { MaxModelFileBytes = 0 }));
}
