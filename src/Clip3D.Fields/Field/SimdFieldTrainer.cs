using System.Diagnostics;
using System.Numerics.Tensors;
using Clip3D.Fields.Compression;
using Clip3D.Mesh;

namespace Clip3D.Fields.Field;

/// <summary>
/// The same field trained by straightforward C#: the samples <see cref="FieldTrainer"/> draws (same counter-based
/// random numbers), the same initial weights, loss and lazy Adam, but one sample at a time per worker with
/// System.Numerics.Tensors (<see cref="TensorPrimitives"/> dot products and multiply-adds) for the MLP, over
/// <see cref="Parallel.For(int, int, Action{int})"/> over a fixed number of chunks of the batch. Each chunk keeps its MLP
/// gradient and the list of its hash-table gradient terms; both are summed in chunk order, so a training run gives the same
/// weights bit for bit on any number of threads (atomic adds would sum in whatever order the threads happen to run).
/// The benchmark's yardstick for the ILGPU kernels on a CPU, and the trainer used on machines without CUDA.
/// </summary>
public sealed class SimdFieldTrainer
{
    private readonly Action<string>? _log;

    /// <summary>Chunks each batch is split into; fixed, so that the sums' order does not depend on the thread count.</summary>
    private const int Chunks = 64;

    private readonly int _threads;

    /// <param name="config">The field's configuration.</param>
    /// <param name="log">Receives progress lines; optional.</param>
    /// <param name="threads">Threads to use; default 0 = all processors. The result does not depend on it.</param>
    public SimdFieldTrainer(FieldConfig config, Action<string>? log = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Config = config.Validate();
        _log = log;
        _threads = threads == 0 ? Environment.ProcessorCount : threads;
    }

    public FieldConfig Config { get; }

    /// <summary>Trains like <see cref="FieldTrainer.Train"/>, with the same progress reports and cancellation checks.</summary>
    public FieldTrainingResult Train(FieldTrainingData data, FeatureCompression compression, Bounds bounds,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(compression);
        data.RequireDimension(compression, Config);
        var layout = FieldLayout.Create(Config, bounds);
        var (grid, mlp) = layout.InitialWeights();
        var c = Config;
        var gridGrad = new float[grid.Length];
        float[] gridM = new float[grid.Length], gridV = new float[grid.Length];
        float[] mlpGrad = new float[mlp.Length], mlpM = new float[mlp.Length], mlpV = new float[mlp.Length];
        var workers = _threads;
        var batch = c.BatchSize;
        int chunks = Math.Min(Chunks, batch);
        var spaces = Enumerable.Range(0, chunks).Select(_ => new Workspace(layout)).ToArray();
        var frame = compression.Frame.ToArray();
        var seed = FieldRandom.Seed(c.Seed);
        var losses = new List<FieldLossPoint>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        var clock = Stopwatch.StartNew();
        for (var step = 1; step <= c.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Parallel.For(0, chunks, parallel, chunk =>
            {
                var space = spaces[chunk];
                space.Clear();
                int from = (int)((long)batch * chunk / chunks), to = (int)((long)batch * (chunk + 1) / chunks);
                for (var s = from; s < to; s++)
                    space.Sample(layout, grid, mlp, data, frame, seed, step, s, 1f / batch);
            });
            SumGridGradients(spaces, gridGrad, parallel, workers);
            Array.Clear(mlpGrad);
            foreach (var space in spaces)
                TensorPrimitives.Add(mlpGrad, space.MlpGradient, mlpGrad);
            Adam(grid, gridGrad, gridM, gridV, c.GridLearningRate, step, lazy: true, workers);
            Adam(mlp, mlpGrad, mlpM, mlpV, c.MlpLearningRate, step, lazy: false, 1);
            if (step == 1 || step == c.Steps || step % c.LogEvery == 0)
            {
                var loss = spaces.Sum(s => s.LossSum) / batch;
                losses.Add(new FieldLossPoint(step, clock.Elapsed.TotalSeconds, loss));
                _log?.Invoke(FormattableString.Invariant($"field (SIMD C#): step {step}/{c.Steps}, loss {loss:0.00000}"));
            }
            progress?.Report(step);
        }
        clock.Stop();
        var summary = new FieldTrainingSummary
        {
            FirstLoss = losses[0].Loss, LastLoss = losses[^1].Loss, Steps = c.Steps, BatchSize = batch,
            Seconds = clock.Elapsed.TotalSeconds, SetupSeconds = 0, Accelerator = $"SIMD C# ({workers} threads)", Losses = losses,
        };
        _log?.Invoke("field: " + summary);
        return new FieldTrainingResult(new FeatureField(layout, grid, mlp, compression), summary);
    }

    /// <summary>
    /// The hash-table gradient: every chunk's terms added in chunk order. Threads split the table into ranges of entries,
    /// and each adds, in that order, only the terms that fall in its range: no two threads write one entry.
    /// </summary>
    private static void SumGridGradients(Workspace[] spaces, float[] gridGrad, ParallelOptions parallel, int workers)
    {
        Parallel.For(0, workers, parallel, w =>
        {
            int from = (int)((long)gridGrad.Length * w / workers), to = (int)((long)gridGrad.Length * (w + 1) / workers);
            Array.Clear(gridGrad, from, to - from);
            foreach (var space in spaces)
            {
                var entries = space.GridEntries;
                var values = space.GridValues;
                for (int i = 0, n = space.GridTermCount; i < n; i++)
                {
                    int e = entries[i];
                    if (e >= from && e < to)
                        gridGrad[e] += values[i];
                }
            }
        });
    }

    private void Adam(float[] parameters, float[] gradients, float[] m, float[] v, float rate, int t, bool lazy, int workers)
    {
        var c = Config;
        float c1 = 1f - MathF.Pow(c.Beta1, t), c2 = 1f - MathF.Pow(c.Beta2, t);
        if (!lazy)
        {
            // m = β1 m + (1−β1) g; v = β2 v + (1−β2) g²; p −= rate · (m/c1) / (√(v/c2) + ε)
            var scratch = new float[parameters.Length];
            TensorPrimitives.Multiply(m, c.Beta1, m);
            TensorPrimitives.MultiplyAdd(gradients, 1f - c.Beta1, m, m);
            TensorPrimitives.Multiply(gradients, gradients, scratch);
            TensorPrimitives.Multiply(v, c.Beta2, v);
            TensorPrimitives.MultiplyAdd(scratch, 1f - c.Beta2, v, v);
            TensorPrimitives.Multiply(v, 1f / c2, scratch);
            TensorPrimitives.Sqrt(scratch, scratch);
            TensorPrimitives.Add(scratch, c.AdamEpsilon, scratch);
            TensorPrimitives.Divide(m, scratch, scratch);
            TensorPrimitives.MultiplyAdd(scratch, -rate / c1, parameters, parameters);
            return;
        }
        Parallel.For(0, workers, w =>
        {
            int from = (int)((long)parameters.Length * w / workers), to = (int)((long)parameters.Length * (w + 1) / workers);
            for (var e = from; e < to; e++)
            {
                var g = gradients[e];
                if (g == 0f)
                    continue;
                var mm = c.Beta1 * m[e] + (1f - c.Beta1) * g;
                var vv = c.Beta2 * v[e] + (1f - c.Beta2) * g * g;
                m[e] = mm;
                v[e] = vv;
                parameters[e] -= rate * (mm / c1) / (MathF.Sqrt(vv / c2) + c.AdamEpsilon);
            }
        });
    }

    /// <summary>One worker's buffers: activations and gradients of one sample, its share of the MLP gradient and loss.</summary>
    private sealed class Workspace
    {
        private readonly float[][] _activations;
        private readonly float[][] _deltas;
        private readonly int[] _corners;
        private readonly float[] _weights;

        public Workspace(FieldLayout layout)
        {
            _activations = layout.LayerSizes.Select(n => new float[n]).ToArray();
            _deltas = layout.LayerSizes.Select(n => new float[n]).ToArray();
            MlpGradient = new float[layout.MlpParameterCount];
            _corners = new int[8 * layout.Config.Levels];
            _weights = new float[8 * layout.Config.Levels];
        }

        public float[] MlpGradient { get; }

        public double LossSum { get; private set; }

        /// <summary>This chunk's hash-table gradient terms, in the order its samples made them: entry and value.</summary>
        public int[] GridEntries { get; private set; } = new int[1024];

        public float[] GridValues { get; private set; } = new float[1024];

        public int GridTermCount { get; private set; }

        public void Clear()
        {
            Array.Clear(MlpGradient);
            LossSum = 0;
            GridTermCount = 0;
        }

        private void AddGridTerm(int entry, float value)
        {
            if (GridTermCount == GridEntries.Length)
            {
                var entries = GridEntries;
                var values = GridValues;
                Array.Resize(ref entries, entries.Length * 2);
                Array.Resize(ref values, values.Length * 2);
                GridEntries = entries;
                GridValues = values;
            }
            GridEntries[GridTermCount] = entry;
            GridValues[GridTermCount++] = value;
        }

        public void Sample(FieldLayout layout, float[] grid, float[] mlp, FieldTrainingData data, float[] frame,
            uint seed, int step, int s, float gradientScale)
        {
            var c = layout.Config;
            int levels = c.Levels, features = c.FeaturesPerLevel, table = c.TableSize, k = c.CompressedDimension;
            var word = FieldRandom.Draw(seed, step, s);
            var p = FieldRandom.Below(word, data.Count);
            var offset = FieldRandom.Signed(FieldRandom.Hash(word ^ 0xA511E9B3U)) * c.NormalJitter;
            var position = data.Positions[p] + offset * data.Normals[p];
            // Hash encoding.
            var input = _activations[0];
            Array.Clear(input);
            var inv = 1f / layout.Side;
            for (var l = 0; l < levels; l++)
            {
                var res = layout.LevelResolutions[l];
                var cx = FieldKernels.Cell(position.X, layout.Origin.X, inv, res, out var fx);
                var cy = FieldKernels.Cell(position.Y, layout.Origin.Y, inv, res, out var fy);
                var cz = FieldKernels.Cell(position.Z, layout.Origin.Z, inv, res, out var fz);
                var res1 = (int)res + 1;
                for (var corner = 0; corner < 8; corner++)
                {
                    int dx = corner & 1, dy = (corner >> 1) & 1, dz = (corner >> 2) & 1;
                    var w = (dx != 0 ? fx : 1f - fx) * (dy != 0 ? fy : 1f - fy) * (dz != 0 ? fz : 1f - fz);
                    var entry = (l * table + FieldKernels.VertexIndex(cx + dx, cy + dy, cz + dz, res1, layout.LevelDense[l], table)) * features;
                    _corners[l * 8 + corner] = entry;
                    _weights[l * 8 + corner] = w;
                    for (var f = 0; f < features; f++)
                        input[l * features + f] += w * grid[entry + f];
                }
            }
            if (c.ScaleInput)
                input[levels * features] = data.Scales?[p] ?? 0f;
            // MLP forward.
            var sizes = layout.LayerSizes;
            for (var j = 0; j < layout.LayerCount; j++)
            {
                int inDim = sizes[j], outDim = sizes[j + 1], wo = layout.WeightOffsets[j];
                var x = _activations[j];
                var y = _activations[j + 1];
                for (var o = 0; o < outDim; o++)
                    y[o] = TensorPrimitives.Dot(mlp.AsSpan(wo + o * inDim, inDim), x) + mlp[wo + outDim * inDim + o];
                if (j < layout.LayerCount - 1)
                    TensorPrimitives.Max(y, 0f, y);
            }
            // Cosine loss in the compression's frame.
            var output = _activations[^1];
            var delta = _deltas[^1];
            var targets = data.Targets.AsSpan(p * k, k);
            var a2 = frame[0] * frame[0];
            float zz = a2, tt = a2, zt = a2;
            for (var j = 0; j < k; j++)
            {
                float z = frame[1 + j] + output[j], t = frame[1 + j] + targets[j];
                zz += z * z;
                tt += t * t;
                zt += z * t;
            }
            var norms = MathF.Sqrt(zz) * MathF.Sqrt(tt);
            if (!(norms > 1e-20f))
            {
                LossSum += 1;
                return;
            }
            var cos = zt / norms;
            LossSum += 1 - cos;
            for (var j = 0; j < k; j++)
            {
                float z = frame[1 + j] + output[j], t = frame[1 + j] + targets[j];
                delta[j] = -gradientScale * (t / norms - cos * z / zz);
            }
            // MLP backward.
            for (var j = layout.LayerCount - 1; j >= 0; j--)
            {
                int inDim = sizes[j], outDim = sizes[j + 1], wo = layout.WeightOffsets[j];
                var x = _activations[j];
                var d = _deltas[j + 1];
                var dx = _deltas[j];
                Array.Clear(dx);
                for (var o = 0; o < outDim; o++)
                {
                    var g = d[o];
                    if (g == 0f)
                        continue;
                    var row = MlpGradient.AsSpan(wo + o * inDim, inDim);
                    TensorPrimitives.MultiplyAdd(x, g, row, row);
                    MlpGradient[wo + outDim * inDim + o] += g;
                    TensorPrimitives.MultiplyAdd(mlp.AsSpan(wo + o * inDim, inDim), g, dx, dx);
                }
                if (j > 0)
                    for (var i = 0; i < inDim; i++)
                        if (x[i] <= 0f)
                            dx[i] = 0f;
            }
            // Hash backward.
            var dInput = _deltas[0];
            for (var l = 0; l < levels; l++)
                for (var corner = 0; corner < 8; corner++)
                {
                    var entry = _corners[l * 8 + corner];
                    var w = _weights[l * 8 + corner];
                    for (var f = 0; f < features; f++)
                    {
                        var value = w * dInput[l * features + f];
                        if (value != 0f)
                            AddGridTerm(entry + f, value);
                    }
                }
        }
    }
}
