namespace Clip3D.Viewer;

/// <summary>How the viewer colours the scene's surfaces.</summary>
public enum ShadingMode
{
    /// <summary>Material colours and textures under a headlight, as the encoder's views see them.</summary>
    Colour,

    /// <summary>World normals as RGB (x, y, z from −1..1 to 0..1), unlit.</summary>
    Normals,

    /// <summary>Each part in its own flat colour (<see cref="PartPalette"/>), unlit.</summary>
    PartIds,

    /// <summary>The colour shading with the last query's relevancy heatmap over it (the mode a query switches to).</summary>
    Relevancy,
}
