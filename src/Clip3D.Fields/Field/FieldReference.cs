using System.Numerics;

namespace Clip3D.Fields.Field;

/// <summary>
/// The field's forward pass and loss in plain C#, in double precision from the float weights, one point at a time: written independently of
/// the kernels so the tests can check them (kernel forward against this; kernel gradients against finite
/// differences of <see cref="Loss"/>), and used by <see cref="FeatureField"/> for small batches.
/// </summary>
internal static class FieldReference
{
    /// <summary>The MLP input of one position: per level the trilinearly interpolated features, then the scale when it is an input.</summary>
    public static void Encode(FieldLayout layout, ReadOnlySpan<float> grid, Vector3 position, float scale, Span<double> encoded)
    {
        var c = layout.Config;
        int features = c.FeaturesPerLevel, table = c.TableSize;
        encoded.Clear();
        Span<int> cell = stackalloc int[3];
        Span<double> frac = stackalloc double[3];
        Span<long> vertex = stackalloc long[3];
        for (var l = 0; l < c.Levels; l++)
        {
            double res = layout.LevelResolutions[l];
            for (var a = 0; a < 3; a++)
            {
                var u = Math.Clamp(((double)position[a] - layout.Origin[a]) * (1f / layout.Side), 0, 1);
                var x = u * res;
                cell[a] = Math.Min((int)Math.Floor(x), (int)res - 1);
                frac[a] = x - cell[a];
            }
            var side = (long)res + 1;
            for (var corner = 0; corner < 8; corner++)
            {
                double weight = 1;
                for (var a = 0; a < 3; a++)
                {
                    var up = (corner >> a) & 1;
                    vertex[a] = cell[a] + up;
                    weight *= up == 1 ? frac[a] : 1 - frac[a];
                }
                long index = layout.LevelDense[l] == 1
                    ? vertex[0] + side * (vertex[1] + side * vertex[2])
                    : (long)(((uint)vertex[0] ^ unchecked((uint)vertex[1] * 2654435761U) ^ unchecked((uint)vertex[2] * 805459861U)) % (uint)table);
                for (var f = 0; f < features; f++)
                    encoded[l * features + f] += weight * grid[(int)(((long)l * table + index) * features + f)];
            }
        }
        if (c.ScaleInput)
            encoded[c.Levels * features] = scale;
    }

    /// <summary>The compressed output (K values) at one position.</summary>
    public static void Forward(FieldLayout layout, ReadOnlySpan<float> grid, ReadOnlySpan<float> mlp, Vector3 position, float scale, Span<double> output)
    {
        var input = new double[layout.LayerSizes[0]];
        Encode(layout, grid, position, scale, input);
        for (var j = 0; j < layout.LayerCount; j++)
        {
            int inDim = layout.LayerSizes[j], outDim = layout.LayerSizes[j + 1], offset = layout.WeightOffsets[j];
            var next = new double[outDim];
            for (var o = 0; o < outDim; o++)
            {
                double sum = mlp[offset + outDim * inDim + o];
                for (var i = 0; i < inDim; i++)
                    sum += mlp[offset + o * inDim + i] * input[i];
                next[o] = j < layout.LayerCount - 1 ? Math.Max(0, sum) : sum;
            }
            input = next;
        }
        input.CopyTo(output);
    }

    /// <summary>Mean over samples of 1 − cos(frame + y, frame + t), the training loss (see <c>FieldKernels.CosineLoss</c>).</summary>
    public static double Loss(FieldLayout layout, ReadOnlySpan<float> grid, ReadOnlySpan<float> mlp, ReadOnlySpan<Vector3> positions,
        ReadOnlySpan<float> scales, ReadOnlySpan<float> targets, ReadOnlySpan<float> frame)
    {
        var k = layout.Config.CompressedDimension;
        var y = new double[k];
        double total = 0;
        for (var s = 0; s < positions.Length; s++)
        {
            Forward(layout, grid, mlp, positions[s], scales.IsEmpty ? 0 : scales[s], y);
            double a2 = (double)frame[0] * frame[0], zz = a2, tt = a2, zt = a2;
            for (var j = 0; j < k; j++)
            {
                var z = frame[1 + j] + y[j];
                var t = (double)frame[1 + j] + targets[s * k + j];
                zz += z * z;
                tt += t * t;
                zt += z * t;
            }
            total += 1 - zt / Math.Sqrt(zz * tt);
        }
        return total / positions.Length;
    }
}
