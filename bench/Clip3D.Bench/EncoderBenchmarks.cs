using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Clip3D.Encoders;
using Clip3D.Encoders.Tests;
using Clip3D.Views.Encoders;

namespace Clip3D.Bench;

/// <summary>
/// CLIP encoder throughput on the CPU: images/s and texts/s (the Op/s column; one operation = one image or text)
/// through <see cref="OnnxClipEncoder"/>, end to end (preprocessing or tokenisation included) and model-only
/// (<see cref="OnnxClipEncoder.EmbedPixels"/>, <see cref="OnnxClipEncoder.EmbedTokens"/>), batches of 32.
/// Models: the tests' tiny CLIP (16×16 images, 8-d; measures the pipeline's own overhead) and, when the environment
/// variable CLIP3D_CLIP_MODEL names a model folder, that model. CPU threads: CLIP3D_BENCH_THREADS, a comma-separated
/// list (default "0" = ONNX Runtime's choice).
/// <code>CLIP3D_CLIP_MODEL=~/models/clip-vit-base-patch32 CLIP3D_BENCH_THREADS=1,2 dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*EncoderBenchmarks*'</code>
/// </summary>
[Config(typeof(Config))]
public class EncoderBenchmarks
{
    public const string ModelVariable = "CLIP3D_CLIP_MODEL";
    public const string ThreadsVariable = "CLIP3D_BENCH_THREADS";
    private const int Batch = 32;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(StatisticColumn.OperationsPerSecond);
    }

    private OnnxClipEncoder _encoder = null!;
    private RgbImage[] _images = [];
    private string[] _texts = [];
    private float[] _pixels = [];
    private long[] _ids = [];
    private long[] _mask = [];

    /// <summary>"tiny", and "user" when <see cref="ModelVariable"/> is set.</summary>
    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = "tiny";

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    public static IEnumerable<string> Models() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ModelVariable)) ? ["tiny"] : ["tiny", "user"];

    public static IEnumerable<int> ThreadCounts() =>
        (Environment.GetEnvironmentVariable(ThreadsVariable) ?? "0").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    [GlobalSetup]
    public void Setup()
    {
        var folder = Model == "user" ? Environment.GetEnvironmentVariable(ModelVariable)! : TinyFolder();
        _encoder = OnnxClipEncoder.Open(folder, OnnxEncoderOptions.Default with { BatchSize = Batch, IntraOpThreads = Threads });
        var random = new Random(1);
        _images = Enumerable.Range(0, Batch).Select(_ =>
        {
            var rgb = new byte[640 * 480 * 3]; // a typical rendered view, resized and cropped by the preprocessor
            random.NextBytes(rgb);
            return new RgbImage(640, 480, rgb);
        }).ToArray();
        string[] objects = ["chair", "table", "red mug", "lamp", "sofa", "door", "plant", "bottle"];
        _texts = Enumerable.Range(0, Batch).Select(i => $"a photo of a {objects[i % objects.Length]}").ToArray();
        int size = _encoder.ImageSize;
        _pixels = new float[Batch * 3 * size * size];
        for (int i = 0; i < _pixels.Length; i++) _pixels[i] = (float)(random.NextDouble() * 4 - 2);
        (_ids, _mask) = TinyClipModels.Tokens(Batch, _encoder.ContextLength);
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    [Benchmark(OperationsPerInvoke = Batch)]
    public EmbeddingBatch Images() => _encoder.EmbedImages(_images);

    [Benchmark(OperationsPerInvoke = Batch)]
    public EmbeddingBatch PixelsModelOnly() => _encoder.EmbedPixels(_pixels, Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public EmbeddingBatch Texts() => _encoder.EmbedTexts(_texts);

    [Benchmark(OperationsPerInvoke = Batch)]
    public EmbeddingBatch TokensModelOnly() => _encoder.EmbedTokens(_ids, _mask, Batch);

    /// <summary>The tiny model folder, written once per machine into the temp folder; with CLIP's vocabulary when ../shared has it.</summary>
    public static string TinyFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "clip3d-bench", "tiny-clip");
        if (!File.Exists(Path.Combine(folder, "onnx", "text_model.onnx")))
            TinyClipModels.WriteHuggingFaceFolder(folder);
        if (SharedClipFolder() is { } shared)
            foreach (var name in new[] { "vocab.json", "merges.txt" })
                File.Copy(Path.Combine(shared, name), Path.Combine(folder, name), overwrite: true);
        return folder;
    }

    private static string? SharedClipFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Clip3D.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared", "clip");
                return File.Exists(Path.Combine(shared, "vocab.json")) ? Path.GetFullPath(shared) : null;
            }
        return null;
    }
}
