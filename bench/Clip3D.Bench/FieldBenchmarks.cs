using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Clip3D.Fields.Tests.Field;

namespace Clip3D.Bench;

/// <summary>
/// Neural feature field on the Fields tests' two-box scene (20k surface points, D = 64 features, PCA to K = 48), the
/// Lite preset's network (12 levels × 2 features, 2^15 entries per level, MLP 64×2):
/// <list type="bullet">
/// <item><c>Train</c>: samples/s of <see cref="Steps"/> training steps of 2,048 samples, by the ILGPU kernels on the
/// CPU accelerator ("ilgpu") and by <see cref="SimdFieldTrainer"/> ("simd", System.Numerics.Tensors). The ILGPU time
/// includes opening the accelerator and compiling the kernels (about half a second), so the setup also prints each
/// trainer's loop-only rate, its time to 0.9 batch fidelity and the held-out fidelity after <see cref="SetupSteps"/> steps.</item>
/// <item><c>Evaluate</c> / <c>EvaluateCompressed</c>: points/s of a trained field at 100k query points, decoded to
/// unit D-dimensional features or K-dimensional codes, through the kernels.</item>
/// </list>
/// <code>dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*FieldBenchmarks*' --job short --inProcess</code>
/// </summary>
[Config(typeof(Config))]
public class FieldBenchmarks
{
    public const int Points = 20_000;
    public const int Queries = 100_000;
    public const int Steps = 40;
    public const int SetupSteps = 400;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new RateColumn("samples/s", "Training samples per second (Train) from the mean time, setup included", c =>
                c.Descriptor.WorkloadMethod.Name == nameof(Train) ? Steps * 2048.0 : 0));
            AddColumn(new RateColumn("points/s", "Query points evaluated per second (Evaluate*) from the mean time", c =>
                c.Descriptor.WorkloadMethod.Name == nameof(Train) ? 0 : Queries));
        }
    }

    private FieldTrainingData _data = null!;
    private FeatureCompression _compression = null!;
    private FieldTestScene _scene = null!;
    private FeatureField _field = null!;
    private Vector3[] _queries = [];
    private float[] _codes = [];
    private float[] _features = [];

    [Params("ilgpu", "simd")]
    public string Trainer { get; set; } = "ilgpu";

    private static FieldConfig BaseConfig => FieldConfig.For(FieldPreset.Lite) with { CompressedDimension = 48, LogEvery = 25 };

    [GlobalSetup]
    public void Setup()
    {
        _scene = FieldTestScene.Create(Points, seed: 1);
        _compression = FeatureCompression.Fit(_scene.Features, FieldTestScene.Dimension, 48);
        _data = new FieldTrainingData(_scene.Positions, _scene.Normals, _compression.Compress(_scene.Features), 48);
        var heldOut = FieldTestScene.Create(5000, seed: 2);
        var (field, summary) = TrainWith(BaseConfig with { Steps = SetupSteps });
        _field = field;
        var predicted = _field.Evaluate(heldOut.Positions);
        double sum = 0;
        for (var p = 0; p < heldOut.Count; p++)
            sum += System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(predicted.AsSpan(p * 64, 64), heldOut.Features.AsSpan(p * 64, 64));
        var toFidelity = summary.SecondsToFidelity(0.9);
        Console.WriteLine($"// {Trainer}: {summary}; time to 0.9 batch fidelity {(toFidelity is { } t ? $"{t:0.00} s" : "never")}; " +
            $"held-out fidelity {sum / heldOut.Count:0.0000} (compression alone {_compression.Fidelity(heldOut.Features):0.0000})");
        var random = new Clip3D.Mesh.DeterministicRandom(3);
        _queries = Enumerable.Range(0, Queries).Select(_ => _scene.Bounds.Min + new Vector3(random.NextSingle(), random.NextSingle(), random.NextSingle()) * _scene.Bounds.Size).ToArray();
        _codes = new float[Queries * 48];
        _features = new float[Queries * FieldTestScene.Dimension];
    }

    [GlobalCleanup]
    public void Cleanup() => _field.Dispose();

    private FieldTrainingResult TrainWith(FieldConfig config) => Trainer == "simd"
        ? new SimdFieldTrainer(config).Train(_data, _compression, _scene.Bounds)
        : new FieldTrainer(config).Train(_data, _compression, _scene.Bounds);

    /// <summary><see cref="Steps"/> steps of the Lite network.</summary>
    [Benchmark]
    public FieldTrainingSummary Train()
    {
        var (field, summary) = TrainWith(BaseConfig with { Steps = Steps });
        field.Dispose();
        return summary;
    }

    /// <summary>100k decoded unit features (the field trained by this case's trainer; evaluation always uses the kernels).</summary>
    [Benchmark]
    public float[] Evaluate()
    {
        _field.Evaluate(_queries, _features);
        return _features;
    }

    /// <summary>100k K-dimensional codes.</summary>
    [Benchmark]
    public float[] EvaluateCompressed()
    {
        _field.EvaluateCompressed(_queries, _codes);
        return _codes;
    }
}
