using Clip3D.Encoders;
using Clip3D.Encoders.Tests;

namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// Fuzz targets of CLIP model folders (<see cref="OnnxClipEncoder.Open"/> on the CPU, then one text embedded):
/// the tiny real models of <c>TinyClipModels</c> in the Hugging Face split layout (each ONNX file and the
/// preprocessor config mutated), optimum's single-file layout and open_clip's pair. Only
/// <see cref="ModelFolderException"/> may escape: a damaged file must be refused, named, before ONNX Runtime runs it.
/// </summary>
public static class ModelFolderFuzzInputs
{
    public static IReadOnlyList<FuzzTarget> Targets(string workDirectory)
    {
        var huggingFace = TinyClipModels.WriteHuggingFaceFolder(Path.Combine(workDirectory, "hf"));
        var optimum = TinyClipModels.WriteOptimumFolder(Path.Combine(workDirectory, "optimum"));
        var openClip = TinyClipModels.WriteOpenClipFolder(Path.Combine(workDirectory, "openclip"));
        return
        [
            Target("Hugging Face vision_model.onnx", huggingFace, "onnx/vision_model.onnx"),
            Target("Hugging Face text_model.onnx", huggingFace, "onnx/text_model.onnx"),
            Target("Hugging Face preprocessor_config.json", huggingFace, "preprocessor_config.json"),
            Target("optimum model.onnx", optimum, "model.onnx"),
            Target("open_clip clip-image-tiny.onnx", openClip, "clip-image-tiny.onnx"),
            Target("open_clip clip-text-tiny.onnx", openClip, "clip-text-tiny.onnx"),
        ];
    }

    private static FuzzTarget Target(string input, string folder, string file) =>
        new("ONNX model folder", input, folder, file, Load, e => e is ModelFolderException);

    private static void Load(string folder)
    {
        using var encoder = OnnxClipEncoder.Open(folder, new OnnxEncoderOptions { ExecutionProvider = OnnxExecutionProvider.Cpu, IntraOpThreads = 1 });
        encoder.EmbedTexts(["a red mug"]);
    }
}
