using Clip3D.Testing;
using Google.Protobuf;
using Onnx;
using Xunit;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Clip3D.Encoders.Tests;

public class OnnxModelSignatureTests
{
    [Fact]
    public void ReadsInputsAndOutputsWithTypesAndShapes()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("vision_model.onnx", TinyClipModels.HuggingFaceVision());
        var signature = OnnxModelSignature.Read(path);

        Assert.Equal(path, signature.Path);
        Assert.Equal(8, signature.IrVersion);
        Assert.Contains(("", 13L), signature.Opsets);
        var input = Assert.Single(signature.Inputs);
        Assert.Equal("pixel_values", input.Name);
        Assert.Equal(OnnxElementType.Float, input.ElementType);
        Assert.Equal([-1L, -1, -1, -1], input.Dimensions!);
        Assert.Equal(["batch_size", "num_channels", "height", "width"], input.DimensionNames!.Select(n => n!));
        Assert.Equal("pixel_values float[batch_size,num_channels,height,width]", input.ToString());
        Assert.Equal(["image_embeds", "last_hidden_state"], signature.Outputs.Select(o => o.Name));
        Assert.Equal(8, signature.Outputs[0].FixedDimension(1));
        Assert.Null(signature.Outputs[0].FixedDimension(0));
        Assert.Empty(signature.ExternalDataFiles);
    }

    [Fact]
    public void ReadsInt32TokenInputsOfFixedShape()
    {
        using var dir = new TempDirectory();
        var signature = OnnxModelSignature.Read(dir.Write("text.onnx", TinyClipModels.OpenClipText()));
        var input = Assert.Single(signature.Inputs);
        Assert.Equal(OnnxElementType.Int32, input.ElementType);
        Assert.Equal([1L, 77], input.Dimensions!);
        Assert.Equal("text int32[1,77]", input.ToString());
    }

    [Fact]
    public void GraphInputsBackedByInitializersAreNotInputsToFeed()
    {
        // Older exporters list every weight as a graph input too; those have defaults and must not be fed.
        var model = ModelProto.Parser.ParseFrom(TinyClipModels.OpenClipText());
        model.Graph.Input.Add(TinyClipModels.Value("P", DataType.Float, 77, 8));
        using var dir = new TempDirectory();
        var signature = OnnxModelSignature.Read(dir.Write("text.onnx", model.ToByteArray()));
        Assert.Equal(["text"], signature.Inputs.Select(i => i.Name));
    }

    [Fact]
    public void ExternalDataFilesAreResolvedBesideTheModel()
    {
        var model = ModelProto.Parser.ParseFrom(TinyClipModels.OpenClipText());
        var weights = model.Graph.Initializer.Single(t => t.Name == "P");
        weights.RawData = Google.Protobuf.ByteString.Empty;
        weights.DataLocation = TensorProto.Types.DataLocation.External;
        weights.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "text.onnx_data" });
        using var dir = new TempDirectory();
        var signature = OnnxModelSignature.Read(dir.Write("text.onnx", model.ToByteArray()));
        Assert.Equal([Path.Combine(dir.Path, "text.onnx_data")], signature.ExternalDataFiles);

        weights.ExternalData[0].Value = "../elsewhere.bin";
        var escaping = dir.Write("escaping.onnx", model.ToByteArray());
        var e = Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(escaping));
        Assert.StartsWith($"{escaping}: not an ONNX model:", e.Message);
        Assert.Contains("outside the model's folder", e.Message);
    }

    [Fact]
    public void RandomBytesAreRefusedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var random = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            var bytes = new byte[1 + random.Next(4096)];
            random.NextBytes(bytes);
            var path = dir.Write($"random{trial}.onnx", bytes);
            var e = Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path));
            Assert.StartsWith($"{path}: not an ONNX model: ", e.Message);
            Assert.Equal(path, e.Path);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void TruncatedModelIsRefused()
    {
        using var dir = new TempDirectory();
        var bytes = TinyClipModels.HuggingFaceVision();
        var path = dir.Write("cut.onnx", bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path));
        Assert.Contains("runs past the end", e.Message);
    }

    [Fact]
    public void EmptyAndMissingFilesAreRefused()
    {
        using var dir = new TempDirectory();
        var empty = dir.Write("empty.onnx", []);
        Assert.Equal($"{empty}: not an ONNX model: the file is empty",
            Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(empty)).Message);
        var missing = Path.Combine(dir.Path, "missing.onnx");
        Assert.Equal($"{missing}: file not found",
            Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(missing)).Message);
    }

    [Fact]
    public void GitLfsPointerIsRecognised()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("vision_model.onnx",
            "version https://git-lfs.github.com/spec/v1\noid sha256:0123456789abcdef\nsize 351468764\n");
        var e = Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path));
        Assert.Equal($"{path}: not an ONNX model: a Git LFS pointer file (the repository was cloned without its large files; run 'git lfs pull' there)", e.Message);
    }

    [Fact]
    public void ProtobufWithoutAGraphIsNotAModel()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("nograph.onnx", new ModelProto { IrVersion = 8, ProducerName = "x" }.ToByteArray());
        Assert.Equal($"{path}: not an ONNX model: no graph", Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path)).Message);
    }

    [Fact]
    public void WeightsShorterThanTheirShapeAreRefusedNamingTheInitializer()
    {
        // A well-formed protobuf whose weights lost their tail: no length runs past its message, only the tensor is short.
        using var dir = new TempDirectory();
        var model = ModelProto.Parser.ParseFrom(TinyClipModels.HuggingFaceVision());
        var weights = model.Graph.Initializer.Single(t => t.Name == "W_image");
        weights.RawData = ByteString.CopyFrom(weights.RawData.Span[..^4]);
        var path = dir.Write("short.onnx", model.ToByteArray());
        var e = Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path));
        Assert.StartsWith($"{path}: not an ONNX model: initializer 'W_image': raw_data holds", e.Message);
        Assert.Contains("of float needs", e.Message);
    }

    [Fact]
    public void WrongElementTypeAndNegativeDimensionsOfWeightsAreRefused()
    {
        using var dir = new TempDirectory();
        var model = ModelProto.Parser.ParseFrom(TinyClipModels.HuggingFaceVision());
        model.Graph.Initializer.Single(t => t.Name == "W_image").DataType = (int)DataType.Double;
        var path = dir.Write("double.onnx", model.ToByteArray());
        Assert.Contains("raw_data holds", Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path)).Message);

        model = ModelProto.Parser.ParseFrom(TinyClipModels.HuggingFaceVision());
        model.Graph.Initializer.Single(t => t.Name == "W_image").DataType = 99;
        path = dir.Write("type99.onnx", model.ToByteArray());
        Assert.Contains("element type 99 is not an ONNX tensor type", Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path)).Message);

        model = ModelProto.Parser.ParseFrom(TinyClipModels.HuggingFaceVision());
        model.Graph.Initializer.Single(t => t.Name == "W_image").Dims[0] = -768;
        path = dir.Write("negative.onnx", model.ToByteArray());
        Assert.Contains("initializer 'W_image': dimension", Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path)).Message);
    }

    [Fact]
    public void TruncatedExternalDataIsRefusedBeforeTheRuntimeReadsIt()
    {
        using var dir = new TempDirectory();
        var model = ModelProto.Parser.ParseFrom(TinyClipModels.HuggingFaceVision());
        var weights = model.Graph.Initializer.Single(t => t.Name == "W_image");
        var data = weights.RawData.ToByteArray();
        weights.RawData = ByteString.Empty;
        weights.DataLocation = TensorProto.Types.DataLocation.External;
        weights.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
        weights.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "0" });
        weights.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var path = dir.Write("external.onnx", model.ToByteArray());
        dir.Write("weights.bin", data);
        Assert.Single(OnnxModelSignature.Read(path).ExternalDataFiles);
        dir.Write("weights.bin", data[..(data.Length - 100)]);
        var e = Assert.Throws<ModelFolderException>(() => OnnxModelSignature.Read(path));
        Assert.Contains("initializer 'W_image'", e.Message);
        Assert.Contains("run past the end of weights.bin", e.Message);
    }
}
