using System.Numerics;
using System.Runtime.InteropServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// The one place where every reader's output becomes a <see cref="Scene"/>: indices are checked, non-finite and
/// degenerate elements are dropped with a warning (the documented repair), coordinates are converted into the
/// world frame, missing normals are computed, and limits are enforced. Readers therefore only parse.
/// </summary>
internal static class SceneAssembler
{
    public static Scene Assemble(ReadContext context, MeshFormat format, IReadOnlyList<PartBuilder> builders, FrameConversion frame)
    {
        long triangles = 0;
        foreach (var b in builders)
            if (b.Kind == PartKind.Surface)
                triangles += b.Indices.Count / 3;
        if (triangles > context.Options.MaxTriangles)
            throw new MeshLimitExceededException(context.FilePath, null,
                $"{triangles} triangles exceed the limit of {context.Options.MaxTriangles} (ReadOptions.MaxTriangles)");

        var parts = new List<Part>(builders.Count);
        foreach (var builder in builders)
        {
            var part = AssemblePart(context, builder, frame);
            if (part is not null)
                parts.Add(part);
        }
        return new Scene(context.FilePath, format, parts, frame, context.Warnings.ToArray());
    }

    private static Part? AssemblePart(ReadContext context, PartBuilder b, FrameConversion frame)
    {
        string where = $"part '{b.Name}'";
        int n = b.Positions.Count;
        CheckAttribute(context, where, "normals", b.Normals.Count, n);
        CheckAttribute(context, where, "texture coordinates", b.TexCoords.Count, n);
        CheckAttribute(context, where, "colours", b.Colors.Count, n);

        int perElement = b.Kind switch { PartKind.Surface => 3, PartKind.Lines => 2, _ => 0 };
        if (perElement > 0 && b.Indices.Count % perElement != 0)
            throw context.Data(where, $"{b.Indices.Count} indices is not a multiple of {perElement}");
        var materials = b.Materials.Count == 0 ? new List<Material> { Material.Default } : b.Materials;
        int elements = b.ElementCount;
        bool perElementMaterials = materials.Count > 1;
        if (perElementMaterials && b.ElementMaterials.Count != elements)
            throw context.Data(where, $"{b.ElementMaterials.Count} element materials for {elements} elements");

        var source = CollectionsMarshal.AsSpan(b.Positions);
        var positions = new Vector3[n];
        var finite = new bool[n];
        int nonFiniteVertices = 0;
        for (int i = 0; i < n; i++)
        {
            var p = source[i];
            finite[i] = float.IsFinite(p.X) && float.IsFinite(p.Y) && float.IsFinite(p.Z);
            if (!finite[i]) nonFiniteVertices++;
            positions[i] = frame.ToWorld(p);
            if (finite[i] && !float.IsFinite(positions[i].X + positions[i].Y + positions[i].Z))
            {
                // A finite but huge coordinate can overflow when scaled.
                finite[i] = false;
                nonFiniteVertices++;
            }
        }

        // Elements: keep those whose vertices are all finite and distinct (and, for triangles, of non-zero area).
        var indices = CollectionsMarshal.AsSpan(b.Indices);
        var keptIndices = new List<int>(indices.Length);
        var keptMaterials = new List<int>(perElementMaterials ? elements : 0);
        int droppedNonFinite = 0, droppedDegenerate = 0;
        for (int e = 0; e < elements && perElement > 0; e++)
        {
            var element = indices.Slice(e * perElement, perElement);
            bool ok = true;
            foreach (int v in element)
            {
                if ((uint)v >= (uint)n)
                    throw context.Data(where, $"element {e} refers to vertex {v}, but there are {n} vertices");
                ok &= finite[v];
            }
            if (!ok) { droppedNonFinite++; continue; }
            if (perElement == 3)
            {
                var area = Vector3.Cross(positions[element[1]] - positions[element[0]], positions[element[2]] - positions[element[0]]).LengthSquared();
                if (element[0] == element[1] || element[1] == element[2] || element[0] == element[2] || !(area > 0))
                { droppedDegenerate++; continue; }
            }
            else if (element[0] == element[1])
            { droppedDegenerate++; continue; }
            foreach (int v in element) keptIndices.Add(v);
            if (perElementMaterials)
            {
                int m = b.ElementMaterials[e];
                if ((uint)m >= (uint)materials.Count)
                    throw context.Data(where, $"element {e} uses material {m}, but there are {materials.Count}");
                keptMaterials.Add(m);
            }
        }
        string noun = b.Kind == PartKind.Surface ? "triangles" : "segments";
        if (droppedNonFinite > 0)
            context.Warn(where, $"dropped {droppedNonFinite} {noun} with non-finite (NaN or infinite) coordinates");
        if (droppedDegenerate > 0)
            context.Warn(where, $"dropped {droppedDegenerate} degenerate {noun} (repeated vertices or zero area)");

        // Compact: drop vertices no kept element uses (only needed when something was dropped or is non-finite).
        var normals = b.Normals.Count == n ? b.Normals.ToArray() : [];
        var texCoords = b.TexCoords.Count == n ? b.TexCoords.ToArray() : [];
        var colors = b.Colors.Count == n ? b.Colors.ToArray() : [];
        var keptIndexArray = keptIndices.ToArray();
        if (b.Kind == PartKind.Points)
        {
            if (nonFiniteVertices > 0)
            {
                context.Warn(where, $"dropped {nonFiniteVertices} points with non-finite (NaN or infinite) coordinates");
                Compact(finite, ref positions, ref normals, ref texCoords, ref colors, null);
            }
        }
        else if (droppedNonFinite + droppedDegenerate > 0 || nonFiniteVertices > 0)
        {
            var used = new bool[n];
            foreach (int v in keptIndexArray) used[v] = true;
            Compact(used, ref positions, ref normals, ref texCoords, ref colors, keptIndexArray);
        }

        if (positions.Length == 0 || (perElement > 0 && keptIndexArray.Length == 0))
        {
            context.Warn(where, b.Kind == PartKind.Points ? "no points left; part dropped" : $"no {noun} left; part dropped");
            return null;
        }

        bool hasSourceNormals = normals.Length > 0;
        for (int i = 0; i < normals.Length; i++)
            normals[i] = Vector3.TransformNormal(normals[i], frame.WorldFromSource);
        for (int i = 0; i < texCoords.Length; i++)
            if (!float.IsFinite(texCoords[i].X) || !float.IsFinite(texCoords[i].Y))
                texCoords[i] = Vector2.Zero;
        for (int i = 0; i < colors.Length; i++)
            colors[i] = SanitizeColor(colors[i]);
        if (b.Kind == PartKind.Surface)
            normals = VertexNormals.Complete(positions, keptIndexArray, normals);
        else
            VertexNormals.NormalizeInPlace(normals);

        return new Part(b.Name, b.Kind, positions, normals, texCoords, colors, keptIndexArray,
            perElementMaterials ? keptMaterials.ToArray() : [], materials.ToArray(), hasSourceNormals);
    }

    private static void CheckAttribute(ReadContext context, string where, string what, int count, int vertices)
    {
        if (count != 0 && count != vertices)
            throw context.Data(where, $"{count} {what} for {vertices} vertices");
    }

    private static Vector4 SanitizeColor(Vector4 c)
    {
        static float Clamp(float x) => float.IsFinite(x) ? Math.Clamp(x, 0f, 1f) : 1f;
        return new Vector4(Clamp(c.X), Clamp(c.Y), Clamp(c.Z), Clamp(c.W));
    }

    private static void Compact(bool[] keep, ref Vector3[] positions, ref Vector3[] normals, ref Vector2[] texCoords,
        ref Vector4[] colors, int[]? indices)
    {
        var remap = new int[keep.Length];
        int count = 0;
        for (int i = 0; i < keep.Length; i++)
            remap[i] = keep[i] ? count++ : -1;
        positions = Select(positions, keep, count);
        normals = Select(normals, keep, count);
        texCoords = Select(texCoords, keep, count);
        colors = Select(colors, keep, count);
        if (indices is not null)
            for (int i = 0; i < indices.Length; i++)
                indices[i] = remap[indices[i]];
    }

    private static T[] Select<T>(T[] values, bool[] keep, int count)
    {
        if (values.Length == 0) return values;
        var result = new T[count];
        int j = 0;
        for (int i = 0; i < values.Length; i++)
            if (keep[i]) result[j++] = values[i];
        return result;
    }
}
