namespace Clip3D.Viewer;

/// <summary>The flat colours of <see cref="ShadingMode.PartIds"/>: neighbouring ids get far-apart hues.</summary>
public static class PartPalette
{
    /// <summary>Part <paramref name="partId"/>'s colour as sRGB bytes.</summary>
    public static (byte R, byte G, byte B) Colour(int partId)
    {
        // Golden-ratio hue steps spread any number of ids evenly; two saturation/value rings keep close hues apart.
        float hue = (partId * 0.618034f) % 1f;
        float saturation = partId % 2 == 0 ? 0.75f : 0.5f, value = partId % 3 == 0 ? 0.95f : 0.8f;
        float h = hue * 6, c = value * saturation, x = c * (1 - MathF.Abs(h % 2 - 1)), m = value - c;
        var (r, g, b) = (int)h switch
        {
            0 => (c, x, 0f),
            1 => (x, c, 0f),
            2 => (0f, c, x),
            3 => (0f, x, c),
            4 => (x, 0f, c),
            _ => (c, 0f, x),
        };
        return ((byte)MathF.Round((r + m) * 255), (byte)MathF.Round((g + m) * 255), (byte)MathF.Round((b + m) * 255));
    }
}
