namespace Clip3D.Encoders.Default;

/// <summary>The non-linearity between the two layers of an <see cref="AlignmentHeads"/> projection with a hidden layer.</summary>
public enum HeadActivation
{
    /// <summary>GELU in its tanh form (GPT-2, BERT): .NET has no erf, and the two differ by under 1e-3.</summary>
    Gelu,

    /// <summary>max(0, x).</summary>
    Relu,
}
