using Google.Protobuf;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Clip3D.Encoders.Tests;

/// <summary>
/// Tiny CLIP-shaped ONNX models written in code (OnnxSharp's protobuf classes), one per folder layout, with the
/// real input/output names, shapes and element types, and plain C# references for what they compute:
/// <list type="bullet">
/// <item>image tower: Flatten(pixels [N,3,S,S]) · W [3·S·S, D];</item>
/// <item>text tower of the split and full layouts: Σ over positions of E[id] (E [49408, D], row 0 all zero so that
/// padding adds nothing, like CLIP's causal pooling), the full model's masked by attention_mask;</item>
/// <item>open_clip text tower: float(ids [1,77]) · P [77, D], then LpNormalization (open_clip exports normalise).</item>
/// </list>
/// </summary>
internal static class TinyClipModels
{
    public const int ImageSize = 16;
    public const int Dimension = 8;
    public const int VocabularySize = 49408;
    public const int Context = 77;
    private const int Opset = 13;
    private const long IrVersion = 8;

    /// <summary>W [3·S·S, D]: the image tower's weights.</summary>
    public static float[] ImageWeights { get; } = Random(3 * ImageSize * ImageSize * Dimension, seed: 1);

    /// <summary>E [49408, D]: token embeddings, row 0 (the padding id) zero.</summary>
    public static float[] TokenEmbeddings { get; } = TokenTable();

    /// <summary>P [77, D]: the open_clip text tower's weights.</summary>
    public static float[] PositionWeights { get; } = Random(Context * Dimension, seed: 3, scale: 1e-4f);

    // ---- references --------------------------------------------------------------------------------------------

    /// <summary>The image tower on one [3,S,S] image, normalised.</summary>
    public static float[] ReferenceImage(ReadOnlySpan<float> chw)
    {
        var result = new double[Dimension];
        for (int i = 0; i < chw.Length; i++)
            for (int d = 0; d < Dimension; d++)
                result[d] += chw[i] * (double)ImageWeights[i * Dimension + d];
        return Normalised(result);
    }

    /// <summary>The split/full text tower on one row of ids (mask: which positions count; null = all), normalised.</summary>
    public static float[] ReferenceSumText(ReadOnlySpan<long> ids, ReadOnlySpan<long> mask = default)
    {
        var result = new double[Dimension];
        for (int t = 0; t < ids.Length; t++)
        {
            if (!mask.IsEmpty && mask[t] == 0) continue;
            for (int d = 0; d < Dimension; d++)
                result[d] += TokenEmbeddings[ids[t] * Dimension + d];
        }
        return Normalised(result);
    }

    /// <summary>The open_clip text tower on one row of 77 ids, normalised.</summary>
    public static float[] ReferencePositionText(ReadOnlySpan<long> ids)
    {
        var result = new double[Dimension];
        for (int t = 0; t < ids.Length; t++)
            for (int d = 0; d < Dimension; d++)
                result[d] += (float)ids[t] * (double)PositionWeights[t * Dimension + d];
        return Normalised(result);
    }

    /// <summary>Deterministic preprocessed pixels for <paramref name="count"/> images.</summary>
    public static float[] Pixels(int count, int seed = 7) => Random(count * 3 * ImageSize * ImageSize, seed, scale: 2f);

    /// <summary>CLIP-style token rows: start, a few ids, end, zero padding to <paramref name="width"/>; and their masks.</summary>
    public static (long[] Ids, long[] Mask) Tokens(int count, int width = Context, int seed = 11)
    {
        var random = new Random(seed);
        var ids = new long[count * width];
        var mask = new long[count * width];
        for (int r = 0; r < count; r++)
        {
            int length = 3 + random.Next(Math.Min(10, width - 2));
            ids[r * width] = 49406;
            for (int i = 1; i < length - 1; i++) ids[r * width + i] = random.Next(1, 49406);
            ids[r * width + length - 1] = 49407;
            mask.AsSpan(r * width, length).Fill(1);
        }
        return (ids, mask);
    }

    // ---- folders -----------------------------------------------------------------------------------------------

    /// <summary>Xenova's layout: onnx/vision_model.onnx + onnx/text_model.onnx, preprocessor_config.json at the root.</summary>
    public static string WriteHuggingFaceFolder(string root, bool underOnnx = true, DataType ids = DataType.Int64,
        bool dynamicImageSize = true, bool withConfig = true, bool dynamicDimension = false)
    {
        var dir = underOnnx ? Path.Combine(root, "onnx") : root;
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "vision_model.onnx"), HuggingFaceVision(dynamicImageSize, dynamicDimension));
        File.WriteAllBytes(Path.Combine(dir, "text_model.onnx"), HuggingFaceText(ids, dynamicDimension));
        if (withConfig)
            File.WriteAllText(Path.Combine(root, "preprocessor_config.json"), PreprocessorConfig(ImageSize));
        return root;
    }

    /// <summary>optimum's layout: one model.onnx with both towers.</summary>
    public static string WriteOptimumFolder(string root)
    {
        Directory.CreateDirectory(root);
        File.WriteAllBytes(Path.Combine(root, "model.onnx"), OptimumFull());
        return root;
    }

    /// <summary>open_clip-style: two files with arbitrary names, fixed batch 1, int32 text, normalising graphs.</summary>
    public static string WriteOpenClipFolder(string root, int fixedBatch = 1)
    {
        Directory.CreateDirectory(root);
        File.WriteAllBytes(Path.Combine(root, "clip-image-tiny.onnx"), OpenClipImage(fixedBatch));
        File.WriteAllBytes(Path.Combine(root, "clip-text-tiny.onnx"), OpenClipText(fixedBatch));
        return root;
    }

    public static string PreprocessorConfig(int size) => $$"""
        {
          "crop_size": {{size}},
          "do_center_crop": true,
          "do_normalize": true,
          "do_resize": true,
          "feature_extractor_type": "CLIPFeatureExtractor",
          "image_mean": [0.48145466, 0.4578275, 0.40821073],
          "image_std": [0.26862954, 0.26130258, 0.27577711],
          "resample": 3,
          "size": {{size}}
        }
        """;

    // ---- models ------------------------------------------------------------------------------------------------

    /// <summary>pixel_values float[batch_size,3,height,width] → image_embeds [batch_size,D], last_hidden_state.</summary>
    public static byte[] HuggingFaceVision(bool dynamicImageSize = true, bool dynamicDimension = false)
    {
        var graph = new GraphProto { Name = "vision" };
        object side = dynamicImageSize ? "height" : ImageSize;
        object side2 = dynamicImageSize ? "width" : ImageSize;
        graph.Input.Add(Value("pixel_values", DataType.Float, "batch_size", "num_channels", side, side2));
        AddImageTower(graph, "pixel_values", "image_embeds", hiddenOutput: "last_hidden_state");
        graph.Output.Add(Value("image_embeds", DataType.Float, "batch_size", dynamicDimension ? "embedding" : Dimension));
        graph.Output.Add(Value("last_hidden_state", DataType.Float, "batch_size", 3 * ImageSize * ImageSize));
        return Model(graph);
    }

    /// <summary>input_ids int64/int32 [batch_size,sequence_length] → text_embeds [batch_size,D], last_hidden_state.</summary>
    public static byte[] HuggingFaceText(DataType ids = DataType.Int64, bool dynamicDimension = false)
    {
        var graph = new GraphProto { Name = "text" };
        graph.Input.Add(Value("input_ids", ids, "batch_size", "sequence_length"));
        AddSumTextTower(graph, "input_ids", mask: null, "text_embeds", hiddenOutput: "last_hidden_state");
        graph.Output.Add(Value("text_embeds", DataType.Float, "batch_size", dynamicDimension ? "embedding" : Dimension));
        graph.Output.Add(Value("last_hidden_state", DataType.Float, "batch_size", "sequence_length", Dimension));
        return Model(graph);
    }

    /// <summary>input_ids, pixel_values, attention_mask → logits_per_image, logits_per_text, text_embeds, image_embeds.</summary>
    public static byte[] OptimumFull()
    {
        var graph = new GraphProto { Name = "clip" };
        graph.Input.Add(Value("input_ids", DataType.Int64, "text_batch_size", "sequence_length"));
        graph.Input.Add(Value("pixel_values", DataType.Float, "image_batch_size", "num_channels", "height", "width"));
        graph.Input.Add(Value("attention_mask", DataType.Int64, "text_batch_size", "sequence_length"));
        AddImageTower(graph, "pixel_values", "image_embeds", hiddenOutput: null);
        AddSumTextTower(graph, "input_ids", "attention_mask", "text_embeds", hiddenOutput: null);
        graph.Node.Add(Node("Transpose", ["text_embeds"], ["text_embeds_t"], Ints("perm", 1, 0)));
        graph.Node.Add(Node("MatMul", ["image_embeds", "text_embeds_t"], ["logits_per_image"]));
        graph.Node.Add(Node("Transpose", ["logits_per_image"], ["logits_per_text"], Ints("perm", 1, 0)));
        graph.Output.Add(Value("logits_per_image", DataType.Float, "image_batch_size", "text_batch_size"));
        graph.Output.Add(Value("logits_per_text", DataType.Float, "text_batch_size", "image_batch_size"));
        graph.Output.Add(Value("text_embeds", DataType.Float, "text_batch_size", Dimension));
        graph.Output.Add(Value("image_embeds", DataType.Float, "image_batch_size", Dimension));
        return Model(graph);
    }

    /// <summary>image float[B,3,S,S] → embedding [B,D], normalised in the graph.</summary>
    public static byte[] OpenClipImage(int fixedBatch = 1)
    {
        var graph = new GraphProto { Name = "open_clip_image" };
        graph.Input.Add(Value("image", DataType.Float, fixedBatch, 3, ImageSize, ImageSize));
        AddImageTower(graph, "image", "features", hiddenOutput: null);
        graph.Node.Add(Node("LpNormalization", ["features"], ["embedding"], Int("axis", 1), Int("p", 2)));
        graph.Output.Add(Value("embedding", DataType.Float, fixedBatch, Dimension));
        return Model(graph);
    }

    /// <summary>text int32[B,77] → embedding [B,D], normalised in the graph.</summary>
    public static byte[] OpenClipText(int fixedBatch = 1)
    {
        var graph = new GraphProto { Name = "open_clip_text" };
        graph.Input.Add(Value("text", DataType.Int32, fixedBatch, Context));
        graph.Initializer.Add(FloatTensor("P", PositionWeights, Context, Dimension));
        graph.Node.Add(Node("Cast", ["text"], ["text_f"], Int("to", (int)DataType.Float)));
        graph.Node.Add(Node("MatMul", ["text_f", "P"], ["features"]));
        graph.Node.Add(Node("LpNormalization", ["features"], ["embedding"], Int("axis", 1), Int("p", 2)));
        graph.Output.Add(Value("embedding", DataType.Float, fixedBatch, Dimension));
        return Model(graph);
    }

    /// <summary>A well-formed ONNX file ONNX Runtime refuses: a node of an operator that does not exist.</summary>
    public static byte[] UnknownOperatorVision()
    {
        var graph = new GraphProto { Name = "broken" };
        graph.Input.Add(Value("pixel_values", DataType.Float, "batch_size", 3, ImageSize, ImageSize));
        graph.Node.Add(Node("NoSuchOperatorAnywhere", ["pixel_values"], ["image_embeds"]));
        graph.Output.Add(Value("image_embeds", DataType.Float, "batch_size", Dimension));
        return Model(graph);
    }

    // ---- graph pieces ------------------------------------------------------------------------------------------

    private static void AddImageTower(GraphProto graph, string input, string output, string? hiddenOutput)
    {
        string flat = hiddenOutput ?? input + "_flat";
        graph.Initializer.Add(FloatTensor("W_image", ImageWeights, 3 * ImageSize * ImageSize, Dimension));
        graph.Node.Add(Node("Flatten", [input], [flat], Int("axis", 1)));
        graph.Node.Add(Node("MatMul", [flat, "W_image"], [output]));
    }

    private static void AddSumTextTower(GraphProto graph, string ids, string? mask, string output, string? hiddenOutput)
    {
        string gathered = hiddenOutput ?? "token_vectors";
        graph.Initializer.Add(FloatTensor("E", TokenEmbeddings, VocabularySize, Dimension));
        graph.Initializer.Add(Int64Tensor("axis_1", [1], 1));
        graph.Node.Add(Node("Gather", ["E", ids], [gathered], Int("axis", 0)));
        string summed = gathered;
        if (mask is not null)
        {
            graph.Initializer.Add(Int64Tensor("axis_2", [2], 1));
            graph.Node.Add(Node("Cast", [mask], ["mask_f"], Int("to", (int)DataType.Float)));
            graph.Node.Add(Node("Unsqueeze", ["mask_f", "axis_2"], ["mask_3d"]));
            graph.Node.Add(Node("Mul", [gathered, "mask_3d"], ["masked"]));
            summed = "masked";
        }
        graph.Node.Add(Node("ReduceSum", [summed, "axis_1"], [output], Int("keepdims", 0)));
    }

    private static byte[] Model(GraphProto graph)
    {
        var model = new ModelProto { IrVersion = IrVersion, ProducerName = "clip3d-tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model.ToByteArray();
    }

    public static ValueInfoProto Value(string name, DataType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
            shape.Dim.Add(dim is string param
                ? new TensorShapeProto.Types.Dimension { DimParam = param }
                : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(dim) });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    public static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + outputs[0] };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    public static TensorProto FloatTensor(string name, float[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float };
        tensor.Dims.AddRange(dims);
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length); // little-endian, as ONNX's raw_data is
        tensor.RawData = ByteString.CopyFrom(bytes);
        return tensor;
    }

    private static TensorProto Int64Tensor(string name, long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    private static float[] TokenTable()
    {
        var table = Random(VocabularySize * Dimension, seed: 2);
        table.AsSpan(0, Dimension).Clear();
        return table;
    }

    private static float[] Random(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        return values;
    }

    private static float[] Normalised(double[] values)
    {
        double norm = Math.Sqrt(values.Sum(v => v * v));
        return values.Select(v => (float)(v / norm)).ToArray();
    }
}
