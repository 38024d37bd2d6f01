using System.Numerics;
using ILGPU;
using ILGPU.Runtime;

namespace Clip3D.Fields.Field;

/// <summary>
/// A field's weights and work buffers on a <see cref="FieldDevice"/>, and the passes over them: drawing a batch,
/// forward (hash encoding, dense layers), the cosine loss, backward (dense layers, hash encoding with atomics) and
/// Adam. Training uses all of it; evaluation only the weights, positions and forward. Not thread-safe.
/// </summary>
internal sealed class FieldKernelSession : IDisposable
{
    private readonly FieldDevice _device;
    private readonly FieldLayout _layout;
    private readonly List<IDisposable> _owned = [];
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _levelRes, _grid, _mlp, _positions, _scales;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _levelDense;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>[] _activations, _gradients;
    // Training only (null for evaluation).
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _points, _normals, _pointScales, _targets, _frame, _loss;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _gridGrad, _gridM, _gridV, _mlpGrad, _mlpM, _mlpV;
    private readonly MemoryBuffer1D<int, Stride1D.Dense>? _sampleTargets;
    private readonly int _pointCount;

    /// <summary>A session with room for <paramref name="capacity"/> samples; training buffers when <paramref name="training"/> is given.</summary>
    public FieldKernelSession(FieldDevice device, FieldLayout layout, float[] grid, float[] mlp, int capacity,
        FieldTrainingData? training = null, ReadOnlySpan<float> frame = default)
    {
        _device = device;
        _layout = layout;
        Capacity = capacity;
        try
        {
            _levelRes = Own(device.Upload(layout.LevelResolutions));
            _levelDense = Own(device.Upload(layout.LevelDense));
            _grid = Own(device.Upload(grid));
            _mlp = Own(device.Upload(mlp));
            _positions = Own(device.Allocate<float>(3L * capacity));
            _scales = Own(device.Allocate<float>(capacity));
            _activations = layout.LayerSizes.Select(size => Own(device.Allocate<float>((long)size * capacity))).ToArray();
            _gradients = training is null ? [] : layout.LayerSizes.Select(size => Own(device.Allocate<float>((long)size * capacity))).ToArray();
            if (training is not null)
            {
                _pointCount = training.Count;
                _points = Own(device.Upload(Flatten(training.Positions)));
                _normals = Own(device.Upload(Flatten(training.Normals)));
                _pointScales = Own(device.Upload(training.Scales ?? [0f]));
                _targets = Own(device.Upload(training.Targets));
                _frame = Own(device.Upload(frame.ToArray()));
                _loss = Own(device.Allocate<float>(capacity));
                _sampleTargets = Own(device.Allocate<int>(capacity));
                _gridGrad = Own(device.Allocate<float>(grid.Length));
                _gridM = Own(device.Allocate<float>(grid.Length));
                _gridV = Own(device.Allocate<float>(grid.Length));
                _mlpGrad = Own(device.Allocate<float>(mlp.Length));
                _mlpM = Own(device.Allocate<float>(mlp.Length));
                _mlpV = Own(device.Allocate<float>(mlp.Length));
                _gridM.MemSetToZero();
                _gridV.MemSetToZero();
                _mlpM.MemSetToZero();
                _mlpV.MemSetToZero();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Capacity { get; }

    /// <summary>Samples in the current batch.</summary>
    public int BatchCount { get; private set; }

    private T Own<T>(T buffer) where T : IDisposable
    {
        _owned.Add(buffer);
        return buffer;
    }

    internal static float[] Flatten(ReadOnlySpan<Vector3> points)
    {
        var values = new float[points.Length * 3];
        for (var i = 0; i < points.Length; i++)
        {
            values[3 * i] = points[i].X;
            values[3 * i + 1] = points[i].Y;
            values[3 * i + 2] = points[i].Z;
        }
        return values;
    }

    /// <summary>Draws step <paramref name="step"/>'s batch of <see cref="Capacity"/> samples on the device.</summary>
    public void DrawBatch(uint seed, int step)
    {
        var c = _layout.Config;
        BatchCount = Capacity;
        _device.Sample(_device.Launch(Capacity), Capacity, _points!.View, _normals!.View, _pointScales!.View, _positions.View, _scales.View,
            _sampleTargets!.View, _pointCount, seed, step, c.NormalJitter, c.ScaleInput ? 1 : 0);
    }

    /// <summary>Sets the batch from the host: positions, scales (empty: zeros) and, for training, target point indices.</summary>
    public void SetBatch(ReadOnlySpan<Vector3> positions, ReadOnlySpan<float> scales, ReadOnlySpan<int> targets = default)
    {
        if (positions.Length > Capacity)
            throw new ArgumentException($"{positions.Length} samples, room for {Capacity}", nameof(positions));
        BatchCount = positions.Length;
        if (BatchCount == 0)
            return;
        _positions.View.SubView(0, 3L * BatchCount).CopyFromCPU(Flatten(positions));
        _scales.View.SubView(0, BatchCount).CopyFromCPU(scales.IsEmpty ? new float[BatchCount] : scales.ToArray());
        if (!targets.IsEmpty)
            _sampleTargets!.View.SubView(0, BatchCount).CopyFromCPU(targets.ToArray());
    }

    /// <summary>Hash encoding and dense layers of the batch.</summary>
    public void Forward()
    {
        var b = BatchCount;
        if (b == 0)
            return;
        var g = _layout.GridParams;
        var sizes = _layout.LayerSizes;
        _device.Encode(_device.Launch((long)b * g.Levels), b * g.Levels, _positions.View, _scales.View, _levelRes.View, _levelDense.View,
            _grid.View, _activations[0].View, g);
        for (var j = 0; j < _layout.LayerCount; j++)
        {
            var count = b * sizes[j + 1];
            _device.DenseForward(_device.Launch(count), count, _activations[j].View, _activations[j + 1].View, _mlp.View,
                _layout.WeightOffsets[j], sizes[j], sizes[j + 1], j < _layout.LayerCount - 1 ? 1 : 0);
        }
    }

    /// <summary>The loss and every gradient of the batch (mean over the batch): the grid's accumulated with atomics, the MLP's written.</summary>
    public void Backward()
    {
        var b = BatchCount;
        var g = _layout.GridParams;
        var sizes = _layout.LayerSizes;
        var last = _layout.LayerCount;
        _gridGrad!.MemSetToZero();
        _device.CosineLoss(_device.Launch(b), b, _activations[last].View, _targets!.View, _sampleTargets!.View, _frame!.View,
            _gradients[last].View, _loss!.View, sizes[last], 1f / b);
        for (var j = last - 1; j >= 0; j--)
        {
            int inDim = sizes[j], outDim = sizes[j + 1], offset = _layout.WeightOffsets[j];
            var weights = outDim * (inDim + 1);
            _device.DenseBackwardWeights(_device.Launch(weights), weights, _gradients[j + 1].View, _activations[j].View, _mlpGrad!.View,
                offset, inDim, outDim, b);
            var inputs = b * inDim;
            _device.DenseBackwardInput(_device.Launch(inputs), inputs, _gradients[j + 1].View, _mlp.View, _activations[j].View,
                _gradients[j].View, offset, inDim, outDim, j > 0 ? 1 : 0);
        }
        _device.EncodeBackward(_device.Launch((long)b * g.Levels), b * g.Levels, _positions.View, _levelRes.View, _levelDense.View,
            _gradients[0].View, _gridGrad!.View, g);
    }

    /// <summary>Adam step <paramref name="t"/> (1-based): lazy on the grid, dense on the MLP.</summary>
    public void Adam(int t)
    {
        var c = _layout.Config;
        var grid = new AdamParams
        {
            LearningRate = c.GridLearningRate, Beta1 = c.Beta1, Beta2 = c.Beta2, Epsilon = c.AdamEpsilon,
            Correction1 = 1f - MathF.Pow(c.Beta1, t), Correction2 = 1f - MathF.Pow(c.Beta2, t), SkipZero = 1,
        };
        var mlp = grid with { LearningRate = c.MlpLearningRate, SkipZero = 0 };
        _device.Adam(_device.Launch(_grid.Length), (int)_grid.Length, _grid.View, _gridGrad!.View, _gridM!.View, _gridV!.View, grid);
        _device.Adam(_device.Launch(_mlp.Length), (int)_mlp.Length, _mlp.View, _mlpGrad!.View, _mlpM!.View, _mlpV!.View, mlp);
    }

    /// <summary>Per-sample losses of the last <see cref="Backward"/>.</summary>
    public float[] ReadLosses() => Read(_loss!, BatchCount);

    /// <summary>The batch's outputs (BatchCount × K) after <see cref="Forward"/>.</summary>
    public float[] ReadOutputs() => Read(_activations[^1], BatchCount * _layout.LayerSizes[^1]);

    public void ReadOutputs(Span<float> destination)
    {
        if (destination.Length > 0)
            _activations[^1].View.SubView(0, destination.Length).AsContiguous().CopyToCPU(destination);
    }

    public float[] ReadGrid() => Read(_grid, _grid.Length);

    public float[] ReadMlp() => Read(_mlp, _mlp.Length);

    public float[] ReadGridGradient() => Read(_gridGrad!, _gridGrad!.Length);

    public float[] ReadMlpGradient() => Read(_mlpGrad!, _mlp.Length);

    private static T[] Read<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer, long count) where T : unmanaged
    {
        var values = new T[count];
        if (count > 0)
            buffer.View.SubView(0, count).CopyToCPU(values);
        return values;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
        _owned.Clear();
    }
}
