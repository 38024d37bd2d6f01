namespace Clip3D.Mesh.Demo;

/// <summary>
/// A small procedurally drawn texture: RGBA8 pixels (sRGB, rows from the top) and their PNG encoding, which is
/// what the GLB embeds.
/// </summary>
public sealed class DemoTexture
{
    internal DemoTexture(string name, int width, int height, byte[] rgba, byte[] png)
    {
        Name = name;
        Width = width;
        Height = height;
        _rgba = rgba;
        _png = png;
    }

    private readonly byte[] _rgba;
    private readonly byte[] _png;

    /// <summary>The glTF image name, unique within a scene (e.g. <c>book_1_cover</c>).</summary>
    public string Name { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels, 4 bytes each (R, G, B, A), row-major from the top row.</summary>
    public ReadOnlySpan<byte> Rgba => _rgba;

    /// <summary>The PNG file embedded in the GLB.</summary>
    public ReadOnlySpan<byte> Png => _png;
}
