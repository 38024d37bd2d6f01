using System.Numerics;

namespace Clip3D.Mesh;

/// <summary>
/// Surface appearance. Colours throughout the scene model are sRGB-encoded RGBA in [0, 1] (what an image
/// shows): readers convert glTF's linear factors and vertex colours on the way in.
/// A surface colour is <c>BaseColor × vertex colour × texture(uv)</c>, each factor present or 1.
/// </summary>
public sealed record Material
{
    /// <summary>
    /// The fallback where an OBJ, PLY or STL file names no material or one that cannot be found. glTF primitives
    /// without a material get the glTF specification's default instead (white, single-sided).
    /// </summary>
    public static Material Default { get; } = new() { Name = "default" };

    /// <summary>Material name from the file (<c>usemtl</c>, glTF material name); "default" when there is none.</summary>
    public string Name { get; init; } = "default";

    /// <summary>Base colour, sRGB RGBA in [0, 1]; default light grey (0.8), opaque.</summary>
    public Vector4 BaseColor { get; init; } = new(0.8f, 0.8f, 0.8f, 1f);

    /// <summary>Base colour texture, or null.</summary>
    public TextureImage? Texture { get; init; }

    /// <summary>Wrap modes for <see cref="Texture"/>.</summary>
    public TextureSampler Sampler { get; init; } = TextureSampler.Default;

    /// <summary>
    /// Whether both faces of a triangle are visible. glTF states it per material; OBJ, PLY and STL carry no
    /// reliable winding, so their readers set it to true.
    /// </summary>
    public bool DoubleSided { get; init; } = true;
}
