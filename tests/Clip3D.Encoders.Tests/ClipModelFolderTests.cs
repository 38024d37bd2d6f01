using Clip3D.Testing;
using Xunit;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Clip3D.Encoders.Tests;

public class ClipModelFolderTests
{
    [Fact]
    public void XenovaLayoutUnderOnnxWithConfigAndTokenizerAtTheRoot()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        dir.Write("tokenizer.json", "{}");
        var folder = ClipModelFolder.Detect(dir.Path);

        Assert.Equal(ClipModelLayout.HuggingFaceSplit, folder.Layout);
        Assert.Equal(Path.Combine(dir.Path, "onnx", "vision_model.onnx"), folder.ImageModel.File);
        Assert.Equal(Path.Combine(dir.Path, "onnx", "text_model.onnx"), folder.TextModel.File);
        Assert.Equal("pixel_values", folder.ImageModel.PixelInput!.Name);
        Assert.Equal("image_embeds", folder.ImageModel.ImageOutput!.Name);
        Assert.Equal("input_ids", folder.TextModel.IdsInput!.Name);
        Assert.Equal(OnnxElementType.Int64, folder.TextModel.IdsInput.ElementType);
        Assert.Null(folder.TextModel.MaskInput);
        Assert.Equal("text_embeds", folder.TextModel.TextOutput!.Name);
        Assert.Null(folder.ImageModel.FixedImageBatch);
        Assert.Equal(TinyClipModels.ImageSize, folder.ImageSize); // from preprocessor_config.json: the input is dynamic
        Assert.Equal(Path.Combine(dir.Path, "preprocessor_config.json"), folder.PreprocessorConfig);
        Assert.Equal(dir.Path, folder.TokenizerFolder);
        Assert.Equal([Path.Combine(dir.Path, "tokenizer.json")], folder.TokenizerFiles);
        Assert.Equal(77, folder.ContextLength);
        Assert.Equal(8, folder.Dimension);
        Assert.Empty(folder.Notes);
    }

    [Fact]
    public void ImageSizeComesFromTheModelWhenItIsFixed()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path, underOnnx: false, dynamicImageSize: false, withConfig: false);
        var folder = ClipModelFolder.Detect(dir.Path);
        Assert.Equal(TinyClipModels.ImageSize, folder.ImageSize);
        Assert.Null(folder.PreprocessorConfig);
        Assert.Null(folder.TokenizerFolder); // CLIP's built-in vocabulary
    }

    [Fact]
    public void UnknownImageSizeIsAnError()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path, withConfig: false);
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.StartsWith(Path.Combine(dir.Path, "onnx", "vision_model.onnx") + ": image input pixel_values float[batch_size,num_channels,height,width] does not fix the image size", e.Message);
        Assert.Contains("preprocessor_config.json", e.Message);
    }

    [Fact]
    public void ConfigThatContradictsTheModelIsAnError()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path, dynamicImageSize: false, withConfig: false);
        var config = dir.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(224));
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.StartsWith($"{config}: says 224×224 images but ", e.Message);
        Assert.EndsWith("takes pixel_values float[batch_size,num_channels,16,16]", e.Message);
    }

    [Fact]
    public void Int32TokenIdsAreReadFromTheMetadata()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path, ids: DataType.Int32);
        Assert.Equal(OnnxElementType.Int32, ClipModelFolder.Detect(dir.Path).TextModel.IdsInput!.ElementType);
    }

    [Fact]
    public void FullPrecisionFilesArePreferredOverQuantizedOnes()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        dir.Write("onnx/vision_model_quantized.onnx", TinyClipModels.HuggingFaceVision());
        dir.Write("onnx/text_model_quantized.onnx", TinyClipModels.HuggingFaceText());
        dir.Write("onnx/text_model_fp16.onnx", TinyClipModels.HuggingFaceText());
        dir.Write("onnx/model.onnx", TinyClipModels.OptimumFull()); // Xenova ships the full model too: the split wins
        var folder = ClipModelFolder.Detect(dir.Path);
        Assert.Equal(ClipModelLayout.HuggingFaceSplit, folder.Layout);
        Assert.Equal("vision_model.onnx", Path.GetFileName(folder.ImageModel.File));
        Assert.Equal("text_model.onnx", Path.GetFileName(folder.TextModel.File));
        Assert.Empty(folder.Notes);
    }

    [Fact]
    public void OnlyQuantizedFilesAreUsedWithANote()
    {
        using var dir = new TempDirectory();
        dir.Write("onnx/vision_model_quantized.onnx", TinyClipModels.HuggingFaceVision());
        dir.Write("onnx/text_model_quantized.onnx", TinyClipModels.HuggingFaceText());
        dir.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(TinyClipModels.ImageSize));
        var folder = ClipModelFolder.Detect(dir.Path);
        Assert.Equal(ClipModelLayout.HuggingFaceSplit, folder.Layout);
        Assert.Equal("vision_model_quantized.onnx", Path.GetFileName(folder.ImageModel.File));
        Assert.Equal(2, folder.Notes.Count);
        Assert.Contains("onnx/vision_model_quantized.onnx: using a quantized", folder.Notes[0]);
    }

    [Fact]
    public void OptimumFullModel()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOptimumFolder(dir.Path);
        dir.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(TinyClipModels.ImageSize));
        var folder = ClipModelFolder.Detect(dir.Path);
        Assert.Equal(ClipModelLayout.OptimumFull, folder.Layout);
        Assert.Same(folder.ImageModel, folder.TextModel);
        Assert.Equal("attention_mask", folder.TextModel.MaskInput!.Name);
        Assert.Equal("image_embeds", folder.ImageModel.ImageOutput!.Name);
        Assert.Equal("text_embeds", folder.TextModel.TextOutput!.Name);
        Assert.Equal(8, folder.Dimension);
    }

    [Fact]
    public void OpenClipPairIsToldApartByItsInputs()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOpenClipFolder(dir.Path);
        var folder = ClipModelFolder.Detect(dir.Path);
        Assert.Equal(ClipModelLayout.SeparateImageText, folder.Layout);
        Assert.Equal("clip-image-tiny.onnx", Path.GetFileName(folder.ImageModel.File));
        Assert.Equal("clip-text-tiny.onnx", Path.GetFileName(folder.TextModel.File));
        Assert.Equal("image", folder.ImageModel.PixelInput!.Name);
        Assert.Equal("embedding", folder.ImageModel.ImageOutput!.Name);
        Assert.Equal(OnnxElementType.Int32, folder.TextModel.IdsInput!.ElementType);
        Assert.Equal(1, folder.ImageModel.FixedImageBatch);
        Assert.Equal(1, folder.TextModel.FixedTextBatch);
        Assert.Equal(77, folder.ContextLength);
        Assert.Equal(TinyClipModels.ImageSize, folder.ImageSize);
    }

    [Fact]
    public void UnrelatedFilesGiveOneLineSayingWhatWasFoundAndExpected()
    {
        using var dir = new TempDirectory();
        dir.Write("notes.txt", "hello");
        dir.Write("weights.bin", [1, 2, 3]);
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.Equal(
            $"{dir.Path}: no CLIP model found: found notes.txt, weights.bin; expected vision_model.onnx + text_model.onnx (here or under onnx/), " +
            "an optimum model.onnx with input_ids, pixel_values, attention_mask → text_embeds, image_embeds, or two .onnx files with one " +
            "output each, one taking a float [N,3,S,S] image and one taking int32/int64 [N,L] token ids",
            e.Message);
        Assert.Equal(dir.Path, e.Path);
    }

    [Fact]
    public void AnImageModelAloneIsListedWithItsInputsAndOutputs()
    {
        using var dir = new TempDirectory();
        dir.Write("onnx/vision_model.onnx", TinyClipModels.HuggingFaceVision());
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.StartsWith($"{dir.Path}: no CLIP model found (an image model but no text model): found onnx/, " +
                          "onnx/vision_model.onnx (pixel_values float[batch_size,num_channels,height,width] → image_embeds float[batch_size,8], " +
                          "last_hidden_state float[batch_size,768]); expected ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void OnnxFilesThatAreNoClipTowerSayWhy()
    {
        using var dir = new TempDirectory();
        var graph = new Onnx.GraphProto { Name = "other" };
        graph.Input.Add(TinyClipModels.Value("x", DataType.Float, "n", 10));
        graph.Node.Add(TinyClipModels.Node("Relu", ["x"], ["y"]));
        graph.Output.Add(TinyClipModels.Value("y", DataType.Float, "n", 10));
        var model = new Onnx.ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new Onnx.OperatorSetIdProto { Version = 13 });
        dir.Write("relu.onnx", Google.Protobuf.MessageExtensions.ToByteArray(model));
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.Contains("found relu.onnx (x float[n,10] → y float[n,10]: input x float[n,10] is neither a float [N,3,S,S] image nor int32/int64 [N,L] token ids)", e.Message);
    }

    [Fact]
    public void CorruptOnnxFileIsNamed()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        var bytes = new byte[10_000];
        new Random(3).NextBytes(bytes);
        var corrupt = dir.Write("onnx/vision_model.onnx", bytes);
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.StartsWith($"{corrupt}: not an ONNX model: ", e.Message);
        Assert.Equal(corrupt, e.Path);
    }

    [Fact]
    public void TwoEquallyGoodImageModelsAreAmbiguous()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOpenClipFolder(dir.Path);
        dir.Write("another-image.onnx", TinyClipModels.OpenClipImage());
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.Equal($"{dir.Path}: several image models (another-image.onnx, clip-image-tiny.onnx); keep one, or name the one to use vision_model.onnx", e.Message);
    }

    [Fact]
    public void MissingFolderAndFileInsteadOfFolder()
    {
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "nope");
        Assert.Equal($"{missing}: folder not found", Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(missing)).Message);
        var file = dir.Write("model.onnx", TinyClipModels.OptimumFull());
        Assert.StartsWith($"{file}: is a file", Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(file)).Message);
    }

    [Fact]
    public void MissingExternalDataIsNamed()
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(TinyClipModels.OpenClipText());
        var weights = model.Graph.Initializer.Single(t => t.Name == "P");
        weights.RawData = Google.Protobuf.ByteString.Empty;
        weights.DataLocation = Onnx.TensorProto.Types.DataLocation.External;
        weights.ExternalData.Add(new Onnx.StringStringEntryProto { Key = "location", Value = "text.onnx_data" });
        using var dir = new TempDirectory();
        dir.Write("image.onnx", TinyClipModels.OpenClipImage());
        var text = dir.Write("text.onnx", Google.Protobuf.MessageExtensions.ToByteArray(model));
        var e = Assert.Throws<ModelFolderException>(() => ClipModelFolder.Detect(dir.Path));
        Assert.Equal($"{text}: its weights are in {Path.Combine(dir.Path, "text.onnx_data")}, which is missing", e.Message);
    }

    [Fact]
    public void ModelHashFollowsContentsNotPaths()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(a.Path);
        TinyClipModels.WriteHuggingFaceFolder(b.Path);
        a.Write("vocab.json", "{}");
        a.Write("merges.txt", "#version: 0.2\n");
        b.Write("vocab.json", "{}");
        b.Write("merges.txt", "#version: 0.2\n");
        var hashA = ClipModelFolder.Detect(a.Path).ComputeModelHash();
        Assert.Matches("^[0-9a-f]{64}$", hashA);
        Assert.Equal(hashA, ClipModelFolder.Detect(b.Path).ComputeModelHash());

        b.Write("merges.txt", "#version: 0.2\na b\n");
        Assert.NotEqual(hashA, ClipModelFolder.Detect(b.Path).ComputeModelHash());
        b.Write("merges.txt", "#version: 0.2\n");
        b.Write("preprocessor_config.json", TinyClipModels.PreprocessorConfig(TinyClipModels.ImageSize).Replace("0.48145466", "0.5"));
        Assert.NotEqual(hashA, ClipModelFolder.Detect(b.Path).ComputeModelHash());
    }

    [Fact]
    public void TheOnnxFolderItselfFindsTokenizerAndConfigOneUp()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteHuggingFaceFolder(dir.Path);
        dir.Write("tokenizer.json", "{}");
        var folder = ClipModelFolder.Detect(Path.Combine(dir.Path, "onnx"));
        Assert.Equal(dir.Path, folder.TokenizerFolder);
        Assert.Equal(Path.Combine(dir.Path, "preprocessor_config.json"), folder.PreprocessorConfig);
    }
}
