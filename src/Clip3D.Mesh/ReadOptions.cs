namespace Clip3D.Mesh;

/// <summary>
/// How <see cref="SceneReader"/> reads a file. Every property has a documented default; <see cref="Default"/>
/// holds them all. Options are validated once, when a read starts.
/// </summary>
public sealed record ReadOptions
{
    /// <summary>The defaults described on each property.</summary>
    public static ReadOptions Default { get; } = new();

    /// <summary>
    /// Which axis is up in the file, for formats that do not fix it. Null (the default) takes the format's
    /// default: Y for OBJ and PLY (what most exporters write), Z for STL (CAD tools). glTF is Y-up by its
    /// specification, so this option does not apply to it.
    /// </summary>
    public UpAxis? UpAxis { get; init; }

    /// <summary>
    /// Metres per file unit for formats without a unit (OBJ, PLY, STL); default 1. Use 0.001 for STL files in
    /// millimetres. glTF is in metres by its specification, so this option does not apply to it.
    /// </summary>
    public float UnitScale { get; init; } = 1f;

    /// <summary>Files larger than this many bytes are refused; default 2,000,000,000 (files are read whole, and .NET arrays stop near 2 GiB).</summary>
    public long MaxFileBytes { get; init; } = 2_000_000_000;

    /// <summary>Scenes with more triangles than this are refused; default 100 million.</summary>
    public long MaxTriangles { get; init; } = 100_000_000;

    /// <summary>Textures with more pixels than this are refused (with a warning, the material keeps its colour); default 8192×8192.</summary>
    public long MaxTexturePixels { get; init; } = 8192L * 8192;

    /// <summary>Whether texture images are decoded; default true. Off, materials keep their base colour only.</summary>
    public bool LoadTextures { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (!float.IsFinite(UnitScale) || UnitScale <= 0)
            throw new ArgumentException($"ReadOptions.UnitScale must be a positive finite number, got {UnitScale}.");
        if (MaxFileBytes <= 0)
            throw new ArgumentException($"ReadOptions.MaxFileBytes must be positive, got {MaxFileBytes}.");
        if (MaxTriangles <= 0)
            throw new ArgumentException($"ReadOptions.MaxTriangles must be positive, got {MaxTriangles}.");
        if (MaxTexturePixels <= 0)
            throw new ArgumentException($"ReadOptions.MaxTexturePixels must be positive, got {MaxTexturePixels}.");
    }
}
