using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Reads STL, ASCII (<see cref="StlAsciiReader"/>) or binary (<see cref="StlBinaryReader"/>), into surface parts in
/// the file's own frame and units. STL facets are flat and carry no shared topology, so every facet keeps its own
/// three vertices (no welding) and its facet normal becomes the normal of those vertices; a zero or non-finite
/// facet normal is stored as zero, which <see cref="SceneAssembler"/> replaces with the normal computed from the
/// winding. Parts whose facets all lack a normal get no normals at all (computed, not "from the file").
/// </summary>
internal static class StlReader
{
    /// <summary>Reads an STL file whose encoding <see cref="FormatSniffer"/> decided.</summary>
    /// <param name="context">File path, options and warnings of this read.</param>
    /// <param name="data">The whole file.</param>
    /// <param name="binary">True for binary STL, false for ASCII.</param>
    /// <returns>One part per ASCII solid, or one part for a binary file.</returns>
    /// <exception cref="MeshFormatException">The file is malformed or truncated.</exception>
    internal static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data, bool binary) =>
        binary ? StlBinaryReader.Read(context, data) : StlAsciiReader.Read(context, data);

    /// <summary>The part name used where the file names none: the file name without its extension.</summary>
    internal static string DefaultPartName(ReadContext context)
    {
        var name = Path.GetFileNameWithoutExtension(context.FilePath);
        return string.IsNullOrEmpty(name) ? "stl" : name;
    }

    /// <summary>A facet normal as stored for its vertices: itself when usable, else zero (computed later).</summary>
    internal static Vector3 UsableNormal(Vector3 normal, out bool usable)
    {
        usable = float.IsFinite(normal.X) && float.IsFinite(normal.Y) && float.IsFinite(normal.Z) && normal != Vector3.Zero;
        return usable ? normal : Vector3.Zero;
    }

    /// <summary>
    /// Material of an STL part. With vertex colours the colours are the surface colour, so the base colour is
    /// white (the default light grey would darken them); otherwise the shared default material.
    /// </summary>
    internal static Material MaterialFor(bool hasColors) =>
        hasColors ? ColoredMaterial : Material.Default;

    private static readonly Material ColoredMaterial = Material.Default with { BaseColor = Vector4.One };
}
