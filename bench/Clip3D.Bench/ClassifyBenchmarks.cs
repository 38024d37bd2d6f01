using BenchmarkDotNet.Attributes;
using Clip3D.Encoders;
using Clip3D.Recognition;
using Clip3D.Views.Encoders;

namespace Clip3D.Bench;

/// <summary>
/// Whole-model recognition time per model (<see cref="ModelClassifier"/>, default options: 8 views of 224 pixels,
/// five prompt templates) with the shipped default encoder, among the 12 fixed labels of
/// <see cref="RecognitionBenchmark"/>: rendering, image embedding, label prompts and scoring. The models are the real
/// third-party ones of the shared folder (CLIP3D_SHARED, else <c>../shared</c> beside the repository).
/// <code>dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*ClassifyBenchmarks*'</code>
/// </summary>
public class ClassifyBenchmarks
{
    private IImageTextEncoder _encoder = null!;
    private ModelClassifier _classifier = null!;
    private string _path = "";

    [Params("cow", "teapot", "spider", "rabbit")]
    public string Model { get; set; } = "cow";

    [GlobalSetup]
    public void Setup()
    {
        var model = RecognitionBenchmark.SharedModels.Single(m => m.Label == Model);
        _path = Path.Combine(SharedFolder(), model.Path);
        if (!File.Exists(_path)) throw new FileNotFoundException($"{_path}: not found (set CLIP3D_SHARED to the shared folder)");
        _encoder = EncoderFactory.Open(EncoderFactory.DefaultEncoderName);
        _classifier = new ModelClassifier(_encoder);
        _classifier.Classify(_path, RecognitionBenchmark.Labels); // the OpenGL context and ONNX sessions warm up here
    }

    [Benchmark]
    public string Classify() => _classifier.Classify(_path, RecognitionBenchmark.Labels).Best.Label;

    [GlobalCleanup]
    public void Cleanup()
    {
        _classifier.Dispose();
        _encoder.Dispose();
    }

    private static string SharedFolder()
    {
        var variable = Environment.GetEnvironmentVariable("CLIP3D_SHARED");
        if (!string.IsNullOrEmpty(variable)) return variable;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Clip3D.sln")))
                return Path.Combine(dir.FullName, "..", "shared");
        throw new InvalidOperationException("Clip3D.sln not found above the benchmark; set CLIP3D_SHARED");
    }
}
