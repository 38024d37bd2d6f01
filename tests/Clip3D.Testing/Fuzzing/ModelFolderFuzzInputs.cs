using Clip3D.Encoders;
using Clip3D.Encoders.Tests;
using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

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

    /// <summary>
    /// Structural faults a byte mutation rarely makes, each applied to a fresh copy of the Hugging Face layout:
    /// missing files, wrong element types, wrong shapes and ranks, truncation at many lengths, files swapped, a folder
    /// where a file should be, a broken preprocessor config. <c>MustRefuse</c>: the folder cannot work and must be
    /// refused with <see cref="ModelFolderException"/>; otherwise it may also load (e.g. a config Clip3D can do without).
    /// </summary>
    public static IEnumerable<(string Fault, string Folder, bool MustRefuse)> Faults(string workDirectory)
    {
        int n = 0;
        string Fresh() => TinyClipModels.WriteHuggingFaceFolder(Path.Combine(workDirectory, $"fault{n++}"));
        string Vision(string folder) => Path.Combine(folder, "onnx", "vision_model.onnx");
        string Text(string folder) => Path.Combine(folder, "onnx", "text_model.onnx");
        void Edit(string file, Action<ModelProto> edit)
        {
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(file));
            edit(model);
            File.WriteAllBytes(file, model.ToByteArray());
        }
        TypeProto.Types.Tensor Tensor(ModelProto m, string name) =>
            m.Graph.Input.Concat(m.Graph.Output).Single(v => v.Name == name).Type.TensorType;

        var folder = Fresh(); File.Delete(Vision(folder)); yield return ("vision model missing", folder, true);
        folder = Fresh(); File.Delete(Text(folder)); yield return ("text model missing", folder, true);
        folder = Fresh(); Directory.Delete(Path.Combine(folder, "onnx"), recursive: true); yield return ("no ONNX files", folder, true);
        folder = Fresh(); File.Delete(Vision(folder)); Directory.CreateDirectory(Vision(folder)); yield return ("a folder named vision_model.onnx", folder, true);
        folder = Fresh(); File.Copy(Text(folder), Vision(folder), overwrite: true); yield return ("text model in the vision model's place", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => Tensor(m, "pixel_values").ElemType = (int)DataType.Int64); yield return ("pixel_values int64", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => Tensor(m, "pixel_values").ElemType = (int)DataType.Float16); yield return ("pixel_values float16", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => Tensor(m, "pixel_values").Shape.Dim.RemoveAt(3)); yield return ("pixel_values of rank 3", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => Tensor(m, "pixel_values").Shape.Dim[1].DimValue = 4); yield return ("pixel_values with 4 channels", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => Tensor(m, "image_embeds").ElemType = (int)DataType.Int32); yield return ("image_embeds int32", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => Tensor(m, "image_embeds").Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 2 })); yield return ("image_embeds of rank 3", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => Tensor(m, "image_embeds").Shape.Dim[1].DimValue = TinyClipModels.Dimension + 1); yield return ("image_embeds wider than text_embeds", folder, true);
        folder = Fresh(); Edit(Text(folder), m => Tensor(m, "input_ids").ElemType = (int)DataType.Float); yield return ("input_ids float", folder, true);
        folder = Fresh(); Edit(Text(folder), m => Tensor(m, "text_embeds").ElemType = (int)DataType.Double); yield return ("text_embeds double", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => m.Graph.Initializer[0].Dims[1] = TinyClipModels.Dimension / 2); yield return ("weights of the wrong shape", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => m.Graph.Node[0].OpType = "NoSuchOperator"); yield return ("unknown operator", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => m.Graph.Node.Clear()); yield return ("graph without nodes", folder, true);
        folder = Fresh(); Edit(Vision(folder), m => m.IrVersion = 0); yield return ("no ir_version", folder, true);
        folder = Fresh(); File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), "{ not json"); yield return ("preprocessor config not JSON", folder, true);
        folder = Fresh(); File.WriteAllText(Path.Combine(folder, "preprocessor_config.json"), TinyClipModels.PreprocessorConfig(0)); yield return ("preprocessor config of size 0", folder, true);
        folder = Fresh(); File.Delete(Path.Combine(folder, "preprocessor_config.json")); yield return ("preprocessor config missing (dynamic image size)", folder, true);
        var whole = File.ReadAllBytes(Vision(Fresh()));
        for (int k = 1; k < 24; k++)
        {
            folder = Fresh();
            File.WriteAllBytes(Vision(folder), whole[..(int)((long)whole.Length * k / 24)]);
            yield return ($"vision model truncated to {k}/24", folder, true);
        }
    }

    private static FuzzTarget Target(string input, string folder, string file) =>
        new("ONNX model folder", input, folder, file, Load, e => e is ModelFolderException);

    /// <summary>What every case does: open the folder on the CPU and embed one text.</summary>
    public static void Load(string folder)
    {
        using var encoder = OnnxClipEncoder.Open(folder, new OnnxEncoderOptions { ExecutionProvider = OnnxExecutionProvider.Cpu, IntraOpThreads = 1 });
        encoder.EmbedTexts(["a red mug"]);
    }
}
