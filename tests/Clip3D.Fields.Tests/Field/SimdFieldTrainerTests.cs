using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Fields.Tests.Field;

public sealed class SimdFieldTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void TrainsTheSameFieldAsTheKernels()
    {
        var scene = FieldTestScene.Create(2000, seed: 5);
        var config = FieldTestScene.SmallConfig with { Steps = 40, BatchSize = 256, LogEvery = 10 };
        var (compression, data) = scene.TrainingData(config.CompressedDimension);
        var (kernelField, kernel) = new FieldTrainer(config).Train(data, compression, scene.Bounds);
        var (simdField, simd) = new SimdFieldTrainer(config).Train(data, compression, scene.Bounds);
        using (kernelField)
        using (simdField)
        {
            output.WriteLine(kernel.ToString());
            output.WriteLine(simd.ToString());
            // Same samples and initial weights: the first loss agrees; later only summation order differs.
            Assert.Equal(kernel.FirstLoss, simd.FirstLoss, 4);
            Assert.True(simd.LastLoss < simd.FirstLoss / 2);
            Assert.Equal(kernel.LastLoss, simd.LastLoss, 2);
            var a = kernelField.Evaluate(scene.Positions.AsSpan(0, 500));
            var b = simdField.Evaluate(scene.Positions.AsSpan(0, 500));
            double sum = 0;
            for (var p = 0; p < 500; p++)
                sum += FieldTrainerTests.Cosine(a.AsSpan(p * 64, 64), b.AsSpan(p * 64, 64));
            Assert.True(sum / 500 > 0.995, $"mean cosine between the two fields {sum / 500}");
        }
    }

    [Fact]
    public void BothTrainersRefuseTargetsOfAnotherDimensionNamingAllThree()
    {
        var scene = FieldTestScene.Create(200, seed: 3);
        var config = FieldTestScene.SmallConfig with { Steps = 1 };
        var (compression, _) = scene.TrainingData(config.CompressedDimension);
        var (other, data) = scene.TrainingData(config.CompressedDimension - 1);
        string expected = $"targets have {other.Rank} dimensions, the compression {compression.Rank}, the config's compressedDimension " +
            $"{config.CompressedDimension}: they must agree (Parameter 'data')";
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => new SimdFieldTrainer(config).Train(data, compression, scene.Bounds)).Message);
        Assert.Equal(expected, Assert.Throws<ArgumentException>(() => new FieldTrainer(config).Train(data, compression, scene.Bounds)).Message);
    }

    [Fact]
    public void GivesTheSameFieldBitForBitOnAnyNumberOfThreads()
    {
        var scene = FieldTestScene.Create(1500, seed: 8);
        var config = FieldTestScene.SmallConfig with { Steps = 25, BatchSize = 300, LogEvery = 5 };
        var (compression, data) = scene.TrainingData(config.CompressedDimension);
        var outputs = new[] { 1, 3, 8 }.Select(threads =>
        {
            var (field, summary) = new SimdFieldTrainer(config, threads: threads).Train(data, compression, scene.Bounds);
            using (field)
                return (Codes: field.Evaluate(scene.Positions.AsSpan(0, 300)), summary.LastLoss);
        }).ToArray();
        foreach (var other in outputs.Skip(1))
        {
            Assert.Equal(outputs[0].LastLoss, other.LastLoss);
            Assert.Equal(outputs[0].Codes, other.Codes); // exact: the sums run in one order whatever the threads
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimdFieldTrainer(config, threads: -1));
    }
}
