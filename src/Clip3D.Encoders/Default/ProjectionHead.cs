namespace Clip3D.Encoders.Default;

/// <summary>
/// One tower's projection into the shared space: a linear layer, or linear → activation → linear. Outputs are not
/// normalised here (the caller normalises, and keeps the norms for the backward pass).
/// </summary>
internal sealed class ProjectionHead
{
    private const float GeluScale = 0.7978845608028654f; // √(2/π)
    private const float GeluCubic = 0.044715f;

    public ProjectionHead(int inputs, int hiddenWidth, int outputs, HeadActivation activation)
    {
        Activation = activation;
        Layers = hiddenWidth == 0
            ? [new DenseLayer(inputs, outputs)]
            : [new DenseLayer(inputs, hiddenWidth), new DenseLayer(hiddenWidth, outputs)];
    }

    public DenseLayer[] Layers { get; }
    public HeadActivation Activation { get; }
    public int Inputs => Layers[0].Inputs;
    public int Outputs => Layers[^1].Outputs;

    /// <summary>What the forward pass keeps for the backward pass: each layer's input, and the hidden pre-activation.</summary>
    public sealed class Trace
    {
        public float[][] LayerInputs = [];
        public float[]? HiddenPreActivation;
    }

    public float[] Forward(float[] input, int rows, int threads, Trace? trace = null)
    {
        if (trace is not null) trace.LayerInputs = new float[Layers.Length][];
        var current = input;
        for (int l = 0; l < Layers.Length; l++)
        {
            var layer = Layers[l];
            if (trace is not null) trace.LayerInputs[l] = current;
            var output = new float[rows * layer.Outputs];
            layer.Forward(current, rows, output, threads);
            if (l < Layers.Length - 1)
            {
                if (trace is not null) trace.HiddenPreActivation = (float[])output.Clone();
                for (int i = 0; i < output.Length; i++) output[i] = Activate(output[i]);
            }
            current = output;
        }
        return current;
    }

    /// <summary>
    /// Writes the gradients of this head's parameters into <paramref name="gradients"/>, in the order of
    /// <see cref="Layers"/> (weights, then bias, per layer), from dL/d(output).
    /// </summary>
    public void Backward(Trace trace, float[] outputGradient, int rows, IReadOnlyList<float[]> gradients, int threads)
    {
        var current = outputGradient;
        for (int l = Layers.Length - 1; l >= 0; l--)
        {
            var layer = Layers[l];
            float[]? inputGradient = l > 0 ? new float[rows * layer.Inputs] : null;
            layer.Backward(trace.LayerInputs[l], current, rows, gradients[2 * l], gradients[2 * l + 1], inputGradient, threads);
            if (inputGradient is null) break;
            var pre = trace.HiddenPreActivation!;
            for (int i = 0; i < inputGradient.Length; i++) inputGradient[i] *= ActivationSlope(pre[i]);
            current = inputGradient;
        }
    }

    private float Activate(float x)
    {
        if (Activation == HeadActivation.Relu) return x > 0 ? x : 0;
        return 0.5f * x * (1 + MathF.Tanh(GeluScale * (x + GeluCubic * x * x * x)));
    }

    private float ActivationSlope(float x)
    {
        if (Activation == HeadActivation.Relu) return x > 0 ? 1 : 0;
        float tanh = MathF.Tanh(GeluScale * (x + GeluCubic * x * x * x));
        return 0.5f * (1 + tanh) + 0.5f * x * (1 - tanh * tanh) * GeluScale * (1 + 3 * GeluCubic * x * x);
    }
}
