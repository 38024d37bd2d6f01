using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// What Clip3D takes from one <c>newmtl</c> block of an MTL file. The texture is only a path here: it is decoded
/// when an OBJ element actually uses the material (<see cref="ObjMaterialLibrary"/>).
/// </summary>
internal sealed class MtlMaterialDefinition(string name, string location)
{
    public string Name { get; } = name;

    /// <summary>Where the block starts, e.g. <c>cornell_box.mtl line 3</c>, for messages about it.</summary>
    public string Location { get; } = location;

    /// <summary><c>Kd</c>; the scene model's default grey when absent.</summary>
    public Vector3 DiffuseColor { get; set; } = new(0.8f, 0.8f, 0.8f);

    /// <summary><c>d</c> (opacity), or 1 − <c>Tr</c> (transparency) when there is no <c>d</c>.</summary>
    public float Opacity { get; set; } = 1f;

    /// <summary>Whether a <c>d</c> statement set <see cref="Opacity"/> (it wins over <c>Tr</c>).</summary>
    public bool HasDissolve { get; set; }

    /// <summary>The <c>map_Kd</c> image, resolved against the MTL file's folder; null when there is none.</summary>
    public string? DiffuseTexturePath { get; set; }

    /// <summary>The place of the <c>map_Kd</c> statement, for texture warnings.</summary>
    public string? DiffuseTextureLocation { get; set; }
}
