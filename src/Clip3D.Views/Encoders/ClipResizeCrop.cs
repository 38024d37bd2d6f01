namespace Clip3D.Views.Encoders;

/// <summary>
/// Where CLIP's preprocessing takes its square from an image: the image is resized to
/// <see cref="ResizedWidth"/>×<see cref="ResizedHeight"/>, then the <see cref="Size"/>×<see cref="Size"/> window at
/// (<see cref="CropX"/>, <see cref="CropY"/>) of the resized image is kept. Maps model pixels back to image pixels.
/// </summary>
public readonly record struct ClipResizeCrop(int ResizedWidth, int ResizedHeight, int CropX, int CropY, int Size)
{
    /// <summary>
    /// The resize and crop of a <paramref name="width"/>×<paramref name="height"/> image: the short side becomes
    /// <paramref name="shortestEdge"/>, the long side <c>int(shortestEdge · long / short)</c> (truncated, as
    /// torchvision's <c>_compute_resized_output_size</c> and transformers' <c>get_resize_output_image_size</c> both
    /// compute it; a square stays square), then a centre crop of <paramref name="size"/>.
    /// </summary>
    public static ClipResizeCrop For(int width, int height, int shortestEdge, int size, CenterCropRounding rounding)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (shortestEdge < size)
            throw new ArgumentOutOfRangeException(nameof(shortestEdge), $"The short side ({shortestEdge}) must be at least the crop size ({size}).");
        var (w, h) = ResizedSize(width, height, shortestEdge);
        return new ClipResizeCrop(w, h, CropOffset(w, size, rounding), CropOffset(h, size, rounding), size);
    }

    /// <summary>The resized size: short side <paramref name="shortestEdge"/>, long side truncated (see <see cref="For"/>).</summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int shortestEdge)
    {
        bool portrait = width <= height;
        long shortSide = portrait ? width : height, longSide = portrait ? height : width;
        // Python evaluates size * long / short as an exact integer product, then one correctly rounded division:
        // the same double as here (both operands are exact in a double), and int() truncates it.
        long newLong = (long)((double)(shortestEdge * longSide) / shortSide);
        if (newLong > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(width), $"A {width}×{height} image resized to a short side of {shortestEdge} is too large.");
        return portrait ? (shortestEdge, (int)newLong) : ((int)newLong, shortestEdge);
    }

    /// <summary>Start of a centre crop of <paramref name="crop"/> in <paramref name="length"/>.</summary>
    public static int CropOffset(int length, int crop, CenterCropRounding rounding)
    {
        if (crop > length) throw new ArgumentOutOfRangeException(nameof(crop), $"Crop {crop} is longer than {length}.");
        int margin = length - crop;
        return rounding switch
        {
            CenterCropRounding.RoundHalfToEven => (int)Math.Round(margin / 2.0, MidpointRounding.ToEven),
            CenterCropRounding.Floor => margin / 2,
            CenterCropRounding.RoundHalfUp => (margin + 1) / 2,
            _ => throw new ArgumentOutOfRangeException(nameof(rounding), rounding, "Unknown centre-crop rounding."),
        };
    }
}
