using System.Text;

namespace Clip3D.Encoders;

/// <summary>
/// A graph input or output as the ONNX file declares it: name, element type and shape. <see cref="Dimensions"/>
/// holds -1 for a dimension without a fixed size (a named one such as <c>batch_size</c>, see
/// <see cref="DimensionNames"/>, or an unnamed one); it is null when the file declares no shape at all.
/// </summary>
public sealed record OnnxTensorInfo(string Name, OnnxElementType ElementType, long[]? Dimensions, string?[]? DimensionNames)
{
    /// <summary>Number of dimensions, or -1 when the shape is not declared.</summary>
    public int Rank => Dimensions?.Length ?? -1;

    /// <summary>The fixed size of dimension <paramref name="axis"/>, or null when it is dynamic or unknown.</summary>
    public int? FixedDimension(int axis) =>
        Dimensions is { } d && axis < d.Length && d[axis] > 0 && d[axis] <= int.MaxValue ? (int)d[axis] : null;

    /// <summary><c>pixel_values float[batch_size,3,224,224]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Name).Append(' ').Append(ElementType.Name());
        if (Dimensions is null)
            return text.Append("[?]").ToString();
        text.Append('[');
        for (int i = 0; i < Dimensions.Length; i++)
        {
            if (i > 0) text.Append(',');
            if (Dimensions[i] >= 0) text.Append(Dimensions[i]);
            else text.Append(DimensionNames?[i] is { Length: > 0 } name ? name : "?");
        }
        return text.Append(']').ToString();
    }
}
