using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Clip3D.Fields.Field;

/// <summary>
/// The field's forward pass for large batches on the CPU, in single precision with SIMD: the hash encoding exactly as
/// <see cref="FieldKernels"/> computes it (same cells, hashes and interpolation weights), then each dense layer as a sum
/// over its inputs of input × weight column (the weights kept transposed and zero-padded to whole
/// <see cref="Vector256"/>s), skipping the inputs a ReLU zeroed. ILGPU 1.5's CPU accelerator has no SIMD backend, so
/// its kernels evaluate a point in tens of microseconds; this takes about one. Points are spread over all cores in
/// fixed chunks, and every point's arithmetic is the same whatever thread does it, so results do not depend on threads.
/// Agrees with the kernels and <see cref="FieldReference"/> to float rounding (1e-4 per output is checked).
/// </summary>
internal sealed class FieldCpuForward
{
    private const int Chunk = 512;

    private readonly FieldLayout _layout;
    private readonly float[] _grid;
    private readonly float[][] _transposed;
    private readonly float[][] _biases;
    private readonly int[] _padded;

    public FieldCpuForward(FieldLayout layout, float[] grid, float[] mlp)
    {
        _layout = layout;
        _grid = grid;
        int layers = layout.LayerCount;
        _transposed = new float[layers][];
        _biases = new float[layers][];
        _padded = new int[layers];
        for (int j = 0; j < layers; j++)
        {
            int inDim = layout.LayerSizes[j], outDim = layout.LayerSizes[j + 1], offset = layout.WeightOffsets[j];
            int padded = (outDim + Vector256<float>.Count - 1) / Vector256<float>.Count * Vector256<float>.Count;
            var transposed = new float[inDim * padded];
            for (int o = 0; o < outDim; o++)
                for (int i = 0; i < inDim; i++)
                    transposed[i * padded + o] = mlp[offset + o * inDim + i];
            var bias = new float[padded];
            mlp.AsSpan(offset + outDim * inDim, outDim).CopyTo(bias);
            (_transposed[j], _biases[j], _padded[j]) = (transposed, bias, padded);
        }
    }

    /// <summary>The compressed outputs (positions.Length × K) at <paramref name="positions"/> with scale input <paramref name="scale"/>.</summary>
    public void Evaluate(ReadOnlySpan<Vector3> positions, Span<float> codes, float scale)
    {
        int k = _layout.Config.CompressedDimension, count = positions.Length;
        // Parallel.For cannot capture spans: copy the positions, and write the codes to an array first.
        var points = positions.ToArray();
        var output = new float[count * k];
        Parallel.For(0, (count + Chunk - 1) / Chunk, () => Workspace(), (c, _, work) =>
        {
            int end = Math.Min(count, (c + 1) * Chunk);
            for (int p = c * Chunk; p < end; p++)
            {
                Encode(points[p], scale, work[0]);
                for (int j = 0; j < _transposed.Length; j++)
                    Dense(j, work[j], work[j + 1], relu: j < _transposed.Length - 1);
                work[^1].AsSpan(0, k).CopyTo(output.AsSpan(p * k, k));
            }
            return work;
        }, _ => { });
        output.CopyTo(codes);
    }

    /// <summary>Per-thread activations: the encoded input, then each layer's padded output.</summary>
    private float[][] Workspace()
    {
        var work = new float[_transposed.Length + 1][];
        work[0] = new float[_layout.LayerSizes[0]];
        for (int j = 0; j < _transposed.Length; j++) work[j + 1] = new float[_padded[j]];
        return work;
    }

    private void Encode(Vector3 position, float scale, float[] encoded)
    {
        var c = _layout.Config;
        int features = c.FeaturesPerLevel, table = c.TableSize;
        float inverse = 1f / _layout.Side;
        var origin = _layout.Origin;
        Array.Clear(encoded);
        for (int l = 0; l < c.Levels; l++)
        {
            float res = _layout.LevelResolutions[l];
            int dense = _layout.LevelDense[l];
            int cx = FieldKernels.Cell(position.X, origin.X, inverse, res, out float fx);
            int cy = FieldKernels.Cell(position.Y, origin.Y, inverse, res, out float fy);
            int cz = FieldKernels.Cell(position.Z, origin.Z, inverse, res, out float fz);
            int res1 = (int)res + 1, outBase = l * features;
            for (int corner = 0; corner < 8; corner++)
            {
                int dx = corner & 1, dy = (corner >> 1) & 1, dz = (corner >> 2) & 1;
                float w = (dx != 0 ? fx : 1f - fx) * (dy != 0 ? fy : 1f - fy) * (dz != 0 ? fz : 1f - fz);
                int entry = (l * table + FieldKernels.VertexIndex(cx + dx, cy + dy, cz + dz, res1, dense, table)) * features;
                for (int f = 0; f < features; f++)
                    encoded[outBase + f] += w * _grid[entry + f];
            }
        }
        if (c.ScaleInput)
            encoded[c.Levels * features] = scale;
    }

    private void Dense(int layer, float[] input, float[] output, bool relu)
    {
        int inDim = _layout.LayerSizes[layer], padded = _padded[layer];
        var weights = _transposed[layer];
        _biases[layer].CopyTo(output, 0);
        ref float y = ref MemoryMarshal.GetArrayDataReference(output);
        for (int i = 0; i < inDim; i++)
        {
            float x = input[i];
            if (x == 0f) continue;
            var column = weights.AsSpan(i * padded, padded);
            if (Vector256.IsHardwareAccelerated)
            {
                ref float w = ref MemoryMarshal.GetReference(column);
                var xs = Vector256.Create(x);
                for (int o = 0; o < padded; o += Vector256<float>.Count)
                    Vector256.FusedMultiplyAdd(xs, Vector256.LoadUnsafe(ref w, (nuint)o), Vector256.LoadUnsafe(ref y, (nuint)o)).StoreUnsafe(ref y, (nuint)o);
            }
            else
            {
                for (int o = 0; o < padded; o++) output[o] += x * column[o];
            }
        }
        if (relu)
            for (int o = 0; o < padded; o++)
                if (output[o] < 0f) output[o] = 0f;
    }
}
