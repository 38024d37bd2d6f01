using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// MeshLab stores texture coordinates per face corner ("wedge"), as a face <c>texcoord</c> list, because a vertex
/// on a texture seam has one coordinate per side. The scene model has one coordinate per vertex, so each distinct
/// (vertex, coordinate) pair becomes its own vertex, with the original vertex's other attributes.
/// </summary>
internal static class PlyWedgeTexCoords
{
    /// <summary>Replaces the part's vertices by one per distinct (vertex, corner coordinate) pair.</summary>
    /// <param name="part">A surface part whose <see cref="PartBuilder.TexCoords"/> is empty.</param>
    /// <param name="cornerTexCoords">One coordinate per entry of <see cref="PartBuilder.Indices"/>.</param>
    public static void SplitVertices(PartBuilder part, List<Vector2> cornerTexCoords)
    {
        var positions = part.Positions.ToArray();
        var normals = part.Normals.ToArray();
        var colors = part.Colors.ToArray();
        part.Positions.Clear();
        part.Normals.Clear();
        part.Colors.Clear();
        part.TexCoords.Clear();
        var indices = part.Indices;
        var split = new Dictionary<(int Vertex, Vector2 TexCoord), int>();
        for (int i = 0; i < indices.Count; i++)
        {
            var key = (indices[i], cornerTexCoords[i]);
            if (!split.TryGetValue(key, out int vertex))
            {
                int source = indices[i];
                vertex = part.Positions.Count;
                split.Add(key, vertex);
                part.Positions.Add(positions[source]);
                if (normals.Length > 0) part.Normals.Add(normals[source]);
                if (colors.Length > 0) part.Colors.Add(colors[source]);
                part.TexCoords.Add(key.Item2);
            }
            indices[i] = vertex;
        }
    }
}
