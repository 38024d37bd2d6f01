using System.Numerics;
using Clip3D.Fields.Field;
using Clip3D.Mesh;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Fields.Tests.Field;

/// <summary>The kernels against the plain C# reference: forward values, and gradients against finite differences.</summary>
public sealed class FieldKernelTests(ITestOutputHelper output)
{
    /// <summary>A layout with dense coarse levels and hashed fine ones, the scale as an input.</summary>
    private static FieldLayout Layout(FieldConfig config)
    {
        var layout = FieldLayout.Create(config, new Bounds(new Vector3(-1, 0, 0.5f), new Vector3(2, 1.5f, 2)));
        Assert.Contains(1, layout.LevelDense);
        Assert.Contains(0, layout.LevelDense);
        return layout;
    }

    private static float[] RandomGrid(FieldLayout layout, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var grid = new float[layout.GridParameterCount];
        for (var i = 0; i < grid.Length; i++)
            grid[i] = random.NextSingle(-0.5f, 0.5f);
        return grid;
    }

    private static Vector3[] RandomPositions(FieldLayout layout, int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        // Some positions lie outside the box (clamped) to cover the edges.
        return Enumerable.Range(0, count).Select(_ => layout.Origin + new Vector3(
            random.NextSingle(-0.05f, 1.05f), random.NextSingle(-0.05f, 1.05f), random.NextSingle(-0.05f, 1.05f)) * layout.Side).ToArray();
    }

    [SkippableTheory]
    [MemberData(nameof(FieldBackends.All), MemberType = typeof(FieldBackends))]
    public void Forward_MatchesTheCSharpReference(FieldAccelerator accelerator)
    {
        FieldBackends.SkipUnlessAvailable(accelerator);
        var layout = Layout(FieldTestScene.SmallConfig with { ScaleInput = true, Accelerator = accelerator });
        var grid = RandomGrid(layout, 3);
        var (_, mlp) = layout.InitialWeights();
        var positions = RandomPositions(layout, 500, 4);
        var scales = Enumerable.Range(0, positions.Length).Select(i => i / 500f).ToArray();
        using var device = FieldDevice.Open(accelerator);
        using var session = new FieldKernelSession(device, layout, grid, mlp, positions.Length);
        session.SetBatch(positions, scales);
        session.Forward();
        var outputs = session.ReadOutputs();
        var k = layout.Config.CompressedDimension;
        var expected = new double[k];
        double worst = 0, largest = 0;
        for (var p = 0; p < positions.Length; p++)
        {
            FieldReference.Forward(layout, grid, mlp, positions[p], scales[p], expected);
            for (var j = 0; j < k; j++)
            {
                worst = Math.Max(worst, Math.Abs(outputs[p * k + j] - expected[j]));
                largest = Math.Max(largest, Math.Abs(expected[j]));
            }
        }
        output.WriteLine($"{device.Name}: largest |output| {largest:0.000}, worst difference {worst:0.0e0}");
        Assert.True(largest > 0.1, "the outputs are not trivially small");
        Assert.True(worst < 1e-4, $"kernel forward differs from the reference by {worst}");
    }

    [SkippableTheory]
    [MemberData(nameof(FieldBackends.All), MemberType = typeof(FieldBackends))]
    public void Gradients_MatchFiniteDifferences(FieldAccelerator accelerator)
    {
        FieldBackends.SkipUnlessAvailable(accelerator);
        var config = new FieldConfig
        {
            Levels = 4, FeaturesPerLevel = 2, Log2TableSize = 8, BaseResolution = 2, FinestCellSize = 0.2f, MaxResolution = 16,
            MlpWidth = 8, HiddenLayers = 2, CompressedDimension = 6, ScaleInput = true, Accelerator = accelerator,
        };
        var layout = Layout(config);
        var grid = RandomGrid(layout, 5);
        var (_, mlp) = layout.InitialWeights();
        var random = new DeterministicRandom(6);
        for (var i = 0; i < mlp.Length; i++)
            mlp[i] += random.NextSingle(-0.1f, 0.1f); // non-zero biases too
        const int batch = 12;
        var positions = RandomPositions(layout, batch, 7);
        var normals = Enumerable.Repeat(Vector3.UnitZ, batch).ToArray();
        var scales = Enumerable.Range(0, batch).Select(i => i / (float)batch).ToArray();
        var targets = Enumerable.Range(0, batch * 6).Select(_ => random.NextSingle(-1, 1)).ToArray();
        float[] frame = [0.3f, 0.2f, -0.1f, 0.4f, 0f, 0.1f, -0.3f];
        var data = new FieldTrainingData(positions, normals, targets, 6, scales);

        using var device = FieldDevice.Open(accelerator);
        using var session = new FieldKernelSession(device, layout, grid, mlp, batch, data, frame);
        session.SetBatch(positions, scales, Enumerable.Range(0, batch).ToArray());
        session.Forward();
        session.Backward();
        var kernelLoss = session.ReadLosses().Average(l => (double)l);
        var gridGradient = session.ReadGridGradient();
        var mlpGradient = session.ReadMlpGradient();
        var loss = FieldReference.Loss(layout, grid, mlp, positions, scales, targets, frame);
        Assert.Equal(loss, kernelLoss, 1e-5);

        double Numeric(float[] weights, int index)
        {
            var original = weights[index];
            const float h = 1e-3f;
            weights[index] = original + h;
            var plusStep = weights[index] - original;
            var plus = FieldReference.Loss(layout, grid, mlp, positions, scales, targets, frame);
            weights[index] = original - h;
            var minusStep = original - weights[index];
            var minus = FieldReference.Loss(layout, grid, mlp, positions, scales, targets, frame);
            weights[index] = original;
            return (plus - minus) / (plusStep + minusStep);
        }

        var largest = Math.Max(mlpGradient.Max(Math.Abs), gridGradient.Max(Math.Abs));
        var checkedCount = 0;
        void Check(string what, float[] weights, float[] analytic, int index)
        {
            var numeric = Numeric(weights, index);
            checkedCount++;
            Assert.True(Math.Abs(analytic[index] - numeric) <= 1e-2 * Math.Abs(numeric) + 1e-3 * largest,
                $"{what}[{index}]: kernel {analytic[index]:0.000000e0}, finite difference {numeric:0.000000e0}");
        }
        for (var i = 0; i < mlp.Length; i++)
            Check("mlp", mlp, mlpGradient, i);
        // Every grid entry the batch touched (non-zero gradient), and as many untouched ones, whose gradient must be zero.
        var touched = Enumerable.Range(0, grid.Length).Where(i => gridGradient[i] != 0).ToArray();
        Assert.True(touched.Length > batch * config.Levels, $"only {touched.Length} grid entries have a gradient");
        foreach (var i in touched)
            Check("grid", grid, gridGradient, i);
        foreach (var i in Enumerable.Range(0, grid.Length).Where(i => gridGradient[i] == 0).Take(touched.Length))
            Check("grid", grid, gridGradient, i);
        output.WriteLine($"{device.Name}: loss {loss:0.000000}, {checkedCount} gradients checked ({mlp.Length} MLP, {touched.Length} touched grid), largest {largest:0.000e0}");
    }
}
