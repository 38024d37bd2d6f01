using ILGPU;
using ILGPU.Algorithms;

namespace Clip3D.Fields.Field;

/// <summary>
/// The field's ILGPU kernels. Every kernel is explicitly grouped and walks its elements in a grid-stride loop whose
/// stride (threads in the grid) is read once before the loop: on the CPU accelerator a launch is a few threads that
/// each cover many elements (one thread per element there is hundreds of times slower), on a GPU the same code runs
/// with enough groups to fill the device. Elements are per-sample (or per sample×level, per sample×neuron) so no two
/// threads write the same value, except the hash-table gradient, which is accumulated with <see cref="Atomic.Add(ref float, float)"/>.
/// Layouts are row-major: positions [n×3], activations [batch×width], weights [out×in] then [out] biases.
/// </summary>
internal static class FieldKernels
{
    private const uint PrimeY = 2654435761U;
    private const uint PrimeZ = 805459861U;

    /// <summary>Table entry of grid vertex (x, y, z) at a level with <paramref name="res1"/> = N+1 vertices a side.</summary>
    public static int VertexIndex(int x, int y, int z, int res1, int dense, int tableSize)
    {
        if (dense != 0)
            return x + res1 * (y + res1 * z);
        var h = (uint)x ^ ((uint)y * PrimeY) ^ ((uint)z * PrimeZ);
        return (int)(h & (uint)(tableSize - 1));
    }

    /// <summary>Grid coordinate of a normalised coordinate at resolution <paramref name="res"/>: the cell (0…N−1) and the fraction in it.</summary>
    public static int Cell(float position, float origin, float invSide, float res, out float fraction)
    {
        var u = (position - origin) * invSide;
        u = u < 0f ? 0f : u > 1f ? 1f : u;
        var x = u * res;
        var cell = (int)x;
        var last = (int)res - 1;
        if (cell > last)
            cell = last;
        fraction = x - cell;
        return cell;
    }

    /// <summary>Where one element (sample × level) falls on its level: the cell and the fractions in it.</summary>
    private struct LevelCell
    {
        public int Sample, Level, X, Y, Z, Res1, Dense;
        public float Fx, Fy, Fz;
    }

    /// <summary>The <see cref="LevelCell"/> of element <paramref name="e"/> of an encoding kernel.</summary>
    private static LevelCell Locate(int e, ArrayView<float> positions, ArrayView<float> levelRes, ArrayView<int> levelDense, GridParams g)
    {
        var cell = new LevelCell { Sample = e / g.Levels };
        cell.Level = e - cell.Sample * g.Levels;
        var res = levelRes[cell.Level];
        cell.Dense = levelDense[cell.Level];
        cell.X = Cell(positions[3 * cell.Sample], g.OriginX, g.InvSide, res, out cell.Fx);
        cell.Y = Cell(positions[3 * cell.Sample + 1], g.OriginY, g.InvSide, res, out cell.Fy);
        cell.Z = Cell(positions[3 * cell.Sample + 2], g.OriginZ, g.InvSide, res, out cell.Fz);
        cell.Res1 = (int)res + 1;
        return cell;
    }

    /// <summary>Corner <paramref name="c"/> (0–7) of the cell: its trilinear weight and the index of its first feature in the grid.</summary>
    private static int Corner(in LevelCell cell, int c, GridParams g, out float weight)
    {
        int dx = c & 1, dy = (c >> 1) & 1, dz = (c >> 2) & 1;
        weight = (dx != 0 ? cell.Fx : 1f - cell.Fx) * (dy != 0 ? cell.Fy : 1f - cell.Fy) * (dz != 0 ? cell.Fz : 1f - cell.Fz);
        return (cell.Level * g.TableSize + VertexIndex(cell.X + dx, cell.Y + dy, cell.Z + dz, cell.Res1, cell.Dense, g.TableSize)) * g.Features;
    }

    /// <summary>Samples of a step: a random point each, moved along its normal by up to ±jitter. One element per sample.</summary>
    public static void Sample(int count, ArrayView<float> points, ArrayView<float> normals, ArrayView<float> pointScales,
        ArrayView<float> samplePositions, ArrayView<float> sampleScales, ArrayView<int> sampleTargets,
        int pointCount, uint seed, int step, float jitter, int hasScale)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var s = Grid.GlobalIndex.X; s < count; s += stride)
        {
            var word = FieldRandom.Draw(seed, step, s);
            var p = FieldRandom.Below(word, pointCount);
            var offset = FieldRandom.Signed(FieldRandom.Hash(word ^ 0xA511E9B3U)) * jitter;
            for (var a = 0; a < 3; a++)
                samplePositions[3 * s + a] = points[3 * p + a] + offset * normals[3 * p + a];
            sampleScales[s] = hasScale != 0 ? pointScales[p] : 0f;
            sampleTargets[s] = p;
        }
    }

    /// <summary>Hash encoding forward: trilinear interpolation of the 8 vertices' features per level. One element per sample×level.</summary>
    public static void Encode(int count, ArrayView<float> positions, ArrayView<float> scales, ArrayView<float> levelRes,
        ArrayView<int> levelDense, ArrayView<float> grid, ArrayView<float> encoded, GridParams g)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var e = Grid.GlobalIndex.X; e < count; e += stride)
        {
            var cell = Locate(e, positions, levelRes, levelDense, g);
            var outBase = cell.Sample * g.InputDim + cell.Level * g.Features;
            for (var f = 0; f < g.Features; f++)
                encoded[outBase + f] = 0f;
            for (var c = 0; c < 8; c++)
            {
                var entry = Corner(cell, c, g, out var w);
                for (var f = 0; f < g.Features; f++)
                    encoded[outBase + f] += w * grid[entry + f];
            }
            if (g.HasScale != 0 && cell.Level == 0)
                encoded[cell.Sample * g.InputDim + g.Levels * g.Features] = scales[cell.Sample];
        }
    }

    /// <summary>Hash encoding backward: the encoded values' gradients spread to the 8 vertices with atomic adds. One element per sample×level.</summary>
    public static void EncodeBackward(int count, ArrayView<float> positions, ArrayView<float> levelRes, ArrayView<int> levelDense,
        ArrayView<float> encodedGradient, ArrayView<float> gridGradient, GridParams g)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var e = Grid.GlobalIndex.X; e < count; e += stride)
        {
            var cell = Locate(e, positions, levelRes, levelDense, g);
            var inBase = cell.Sample * g.InputDim + cell.Level * g.Features;
            for (var c = 0; c < 8; c++)
            {
                var entry = Corner(cell, c, g, out var w);
                for (var f = 0; f < g.Features; f++)
                {
                    var value = w * encodedGradient[inBase + f];
                    if (value != 0f)
                        Atomic.Add(ref gridGradient[entry + f], value);
                }
            }
        }
    }

    /// <summary>A dense layer forward, ReLU when <paramref name="relu"/> is 1. One element per sample×output neuron.</summary>
    public static void DenseForward(int count, ArrayView<float> input, ArrayView<float> output, ArrayView<float> mlp,
        int weightOffset, int inDim, int outDim, int relu)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var e = Grid.GlobalIndex.X; e < count; e += stride)
        {
            var s = e / outDim;
            var o = e - s * outDim;
            var acc = mlp[weightOffset + outDim * inDim + o];
            var w = weightOffset + o * inDim;
            var x = s * inDim;
            for (var i = 0; i < inDim; i++)
                acc += mlp[w + i] * input[x + i];
            output[e] = relu != 0 && acc < 0f ? 0f : acc;
        }
    }

    /// <summary>
    /// Cosine loss per sample, 1 − cos(frame + y, frame + t), and its gradient scaled by <paramref name="gradientScale"/>
    /// (1/batch). <paramref name="frame"/> is the compression's offset (see <c>FeatureCompression.Frame</c>), so the
    /// cosine equals that of the decoded features. One element per sample.
    /// </summary>
    public static void CosineLoss(int count, ArrayView<float> output, ArrayView<float> targets, ArrayView<int> sampleTargets,
        ArrayView<float> frame, ArrayView<float> outputGradient, ArrayView<float> loss, int k, float gradientScale)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var s = Grid.GlobalIndex.X; s < count; s += stride)
        {
            var t = sampleTargets[s] * k;
            var a2 = frame[0] * frame[0];
            float zz = a2, tt = a2, zt = a2;
            for (var j = 0; j < k; j++)
            {
                var z = frame[1 + j] + output[s * k + j];
                var tz = frame[1 + j] + targets[t + j];
                zz += z * z;
                tt += tz * tz;
                zt += z * tz;
            }
            var norms = XMath.Sqrt(zz) * XMath.Sqrt(tt);
            if (!(norms > 1e-20f))
            {
                loss[s] = 1f;
                for (var j = 0; j < k; j++)
                    outputGradient[s * k + j] = 0f;
                continue;
            }
            var cos = zt / norms;
            loss[s] = 1f - cos;
            for (var j = 0; j < k; j++)
            {
                var z = frame[1 + j] + output[s * k + j];
                var tz = frame[1 + j] + targets[t + j];
                outputGradient[s * k + j] = -gradientScale * (tz / norms - cos * z / zz);
            }
        }
    }

    /// <summary>
    /// A dense layer backward to its input: Σ_o W[o,i]·δ[s,o], zero where the input was a ReLU output that was zero
    /// (<paramref name="reluMask"/> 1). One element per sample×input.
    /// </summary>
    public static void DenseBackwardInput(int count, ArrayView<float> outputGradient, ArrayView<float> mlp, ArrayView<float> input,
        ArrayView<float> inputGradient, int weightOffset, int inDim, int outDim, int reluMask)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var e = Grid.GlobalIndex.X; e < count; e += stride)
        {
            if (reluMask != 0 && input[e] <= 0f)
            {
                inputGradient[e] = 0f;
                continue;
            }
            var s = e / inDim;
            var i = e - s * inDim;
            var acc = 0f;
            var d = s * outDim;
            for (var o = 0; o < outDim; o++)
                acc += mlp[weightOffset + o * inDim + i] * outputGradient[d + o];
            inputGradient[e] = acc;
        }
    }

    /// <summary>
    /// A dense layer's weight and bias gradients summed over the batch (written, not accumulated; no atomics).
    /// One element per output×(input + 1), the last column being the bias.
    /// </summary>
    public static void DenseBackwardWeights(int count, ArrayView<float> outputGradient, ArrayView<float> input, ArrayView<float> mlpGradient,
        int weightOffset, int inDim, int outDim, int batch)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var e = Grid.GlobalIndex.X; e < count; e += stride)
        {
            var o = e / (inDim + 1);
            var i = e - o * (inDim + 1);
            var acc = 0f;
            if (i == inDim)
            {
                for (var s = 0; s < batch; s++)
                    acc += outputGradient[s * outDim + o];
                mlpGradient[weightOffset + outDim * inDim + o] = acc;
            }
            else
            {
                for (var s = 0; s < batch; s++)
                    acc += outputGradient[s * outDim + o] * input[s * inDim + i];
                mlpGradient[weightOffset + o * inDim + i] = acc;
            }
        }
    }

    /// <summary>One Adam step over parameters, optionally lazy (entries with a zero gradient untouched). One element per parameter.</summary>
    public static void Adam(int count, ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> moment1,
        ArrayView<float> moment2, AdamParams a)
    {
        var stride = Grid.DimX * Group.DimX;
        for (var e = Grid.GlobalIndex.X; e < count; e += stride)
        {
            var g = gradients[e];
            if (a.SkipZero != 0 && g == 0f)
                continue;
            var m = a.Beta1 * moment1[e] + (1f - a.Beta1) * g;
            var v = a.Beta2 * moment2[e] + (1f - a.Beta2) * g * g;
            moment1[e] = m;
            moment2[e] = v;
            parameters[e] -= a.LearningRate * (m / a.Correction1) / (XMath.Sqrt(v / a.Correction2) + a.Epsilon);
        }
    }
}
