using System.Numerics;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Clip3D.Fields.Index;
using Clip3D.Fields.Tests.Index;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Fields.Tests.Field;

public sealed class FeatureFieldTests
{
    private static FeatureField Train(FieldAccelerator accelerator, int steps = 30)
    {
        var scene = FieldTestScene.Create(1000, seed: 3);
        var config = FieldTestScene.SmallConfig with { Steps = steps, BatchSize = 256, ScaleInput = true, Accelerator = accelerator };
        var (compression, data) = scene.TrainingData(config.CompressedDimension, Enumerable.Range(0, scene.Count).Select(i => (i % 3) / 2f).ToArray());
        return new FieldTrainer(config).Train(data, compression, scene.Bounds).Field;
    }

    private static Vector3[] Queries(int count) =>
        Enumerable.Range(0, count).Select(i => new Vector3(i % 17 / 8f - 0.2f, i % 11 / 10f, i % 7 / 6f)).ToArray();

    [Fact]
    public void Persistence_RoundTripsThroughAnIndexFile()
    {
        using var field = Train(FieldAccelerator.Cpu);
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "scene.c3d");
        var header = IndexTestData.Header();
        IndexFile.Write(path, new IndexHeader
        {
            CreatedBy = header.CreatedBy, Scene = header.Scene, Encoder = header.Encoder,
            Configs = new Dictionary<string, System.Text.Json.Nodes.JsonObject> { ["field"] = field.ConfigBlock() },
        }, field.ToSections());
        var file = IndexFile.Read(path);
        using var loaded = FeatureField.FromSections(file.Sections);
        Assert.Equal(field.Config, loaded.Config);
        Assert.Equal(field.BoxOrigin, loaded.BoxOrigin);
        Assert.Equal(field.LevelResolutions, loaded.LevelResolutions);
        var queries = Queries(3000);
        Assert.Equal(field.Evaluate(queries, 0.5f), loaded.Evaluate(queries, 0.5f));
        Assert.Equal(field.Evaluate(queries.AsSpan(0, 10), 0.5f), loaded.Evaluate(queries.AsSpan(0, 10), 0.5f));
        Assert.Equal(16, file.Header.Configs["field"]["config"]!["compressedDimension"]!.GetValue<int>());
    }

    [Fact]
    public void MissingSection_IsAnIndexFileError()
    {
        using var field = Train(FieldAccelerator.Cpu, steps: 2);
        var sections = field.ToSections().Where(s => s.Name != "field.mlp");
        Assert.Contains("no section \"field.mlp\"", Assert.Throws<IndexFileException>(() => FeatureField.FromSections(sections)).Message);
    }

    [Fact]
    public void KernelAndCSharpPaths_Agree_AndFeaturesAreUnit()
    {
        using var field = Train(FieldAccelerator.Cpu);
        var queries = Queries(300);
        var k = field.CompressedDimension;
        var plain = new float[queries.Length * k];
        var kernels = new float[queries.Length * k];
        field.EvaluateCompressed(queries, plain, 1f);
        field.EvaluateKernels(queries, kernels, 1f);
        for (var i = 0; i < plain.Length; i++)
            Assert.True(Math.Abs(plain[i] - kernels[i]) < 1e-4, $"value {i}: {plain[i]} vs {kernels[i]}");
        var features = field.Evaluate(queries);
        for (var p = 0; p < queries.Length; p++)
            Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Norm(features.AsSpan(p * field.Dimension, field.Dimension)), 4);
        // Concurrent reads give the same answers.
        var big = Queries(5000);
        var expected = field.Evaluate(big);
        Parallel.For(0, 4, _ => Assert.Equal(expected, field.Evaluate(big)));
    }

    [SkippableFact]
    public void CpuAndCuda_TrainTheSameField()
    {
        FieldBackends.SkipUnlessAvailable(FieldAccelerator.Cuda);
        using var cpu = Train(FieldAccelerator.Cpu, steps: 10);
        using var cuda = Train(FieldAccelerator.Cuda, steps: 10);
        // Same samples and initial weights; only the order of the atomic adds differs. Tolerance 1e-3 per output.
        var queries = Queries(4000);
        var a = new float[queries.Length * cpu.CompressedDimension];
        var b = new float[a.Length];
        cpu.EvaluateCompressed(queries, a);
        cuda.EvaluateKernels(queries, b, 0f);
        Assert.True(a.Zip(b).Max(p => Math.Abs(p.First - p.Second)) < 1e-3);
    }
}
