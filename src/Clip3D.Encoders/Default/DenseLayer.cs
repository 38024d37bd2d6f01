namespace Clip3D.Encoders.Default;

/// <summary>y = W·x + b over a batch of rows, with its backward pass. W is row-major [outputs × inputs].</summary>
internal sealed class DenseLayer
{
    public DenseLayer(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        Weights = new float[checked(inputs * outputs)];
        Bias = new float[outputs];
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public float[] Weights { get; }
    public float[] Bias { get; }

    /// <summary>LeCun normal weights (std 1/√inputs: unit-variance inputs give unit-variance outputs) and zero biases.</summary>
    public void Initialize(Clip3D.Mesh.DeterministicRandom random)
    {
        double std = 1.0 / Math.Sqrt(Inputs);
        for (int i = 0; i < Weights.Length; i++)
        {
            // Box–Muller; 1 − u keeps the logarithm finite.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            Weights[i] = (float)(std * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
        Array.Clear(Bias);
    }

    public void Forward(float[] input, int rows, float[] output, int threads) =>
        DenseKernels.ForRanges(rows, threads, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                var x = input.AsSpan(r * Inputs, Inputs);
                var y = output.AsSpan(r * Outputs, Outputs);
                for (int o = 0; o < Outputs; o++)
                    y[o] = DenseKernels.Dot(x, Weights.AsSpan(o * Inputs, Inputs)) + Bias[o];
            }
        });

    /// <summary>
    /// Writes dL/dW and dL/db (overwriting) and, when <paramref name="inputGradient"/> is given, dL/dx. Each
    /// weight row sums over the batch rows in order, so the split over threads never changes a bit.
    /// </summary>
    public void Backward(float[] input, float[] outputGradient, int rows, float[] weightGradient, float[] biasGradient,
        float[]? inputGradient, int threads)
    {
        DenseKernels.ForRanges(Outputs, threads, (start, end) =>
        {
            for (int o = start; o < end; o++)
            {
                var g = weightGradient.AsSpan(o * Inputs, Inputs);
                g.Clear();
                float biasSum = 0;
                for (int r = 0; r < rows; r++)
                {
                    float d = outputGradient[r * Outputs + o];
                    if (d == 0) continue; // ReLU zeros: nothing to add.
                    DenseKernels.AddScaled(g, d, input.AsSpan(r * Inputs, Inputs));
                    biasSum += d;
                }
                biasGradient[o] = biasSum;
            }
        });
        if (inputGradient is null) return;
        DenseKernels.ForRanges(rows, threads, (start, end) =>
        {
            for (int r = start; r < end; r++)
            {
                var gx = inputGradient.AsSpan(r * Inputs, Inputs);
                gx.Clear();
                for (int o = 0; o < Outputs; o++)
                {
                    float d = outputGradient[r * Outputs + o];
                    if (d != 0) DenseKernels.AddScaled(gx, d, Weights.AsSpan(o * Inputs, Inputs));
                }
            }
        });
    }
}
