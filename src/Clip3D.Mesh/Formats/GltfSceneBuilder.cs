using System.Numerics;
using SharpGLTF.Schema2;
using GltfMesh = SharpGLTF.Schema2.Mesh;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Walks the scene's node hierarchy and turns every node with a mesh into parts (see <see cref="GltfNodeParts"/>),
/// with the node's world transform baked into positions and normals. Geometry stays in glTF's frame (Y up,
/// metres); <see cref="SceneAssembler"/> converts it. Accessor data is decoded by SharpGLTF; counts, index
/// ranges and attribute types are checked here, and anything SharpGLTF throws while decoding is reported
/// with the primitive it came from.
/// </summary>
internal sealed class GltfSceneBuilder
{
    private readonly ReadContext _context;
    private readonly ModelRoot _model;
    private readonly GltfDocument _document;
    private readonly GltfMaterials _materials;
    private readonly HashSet<int> _meshesWarnedForMorphs = [];
    private long _triangles;
    private long _vertices;

    public GltfSceneBuilder(ReadContext context, ModelRoot model, GltfDocument document)
    {
        _context = context;
        _model = model;
        _document = document;
        _materials = new GltfMaterials(context, new GltfImages(context, model, document.Images));
    }

    /// <summary>A placement of a mesh: its world transform, the matching transform for normals, and whether it mirrors.</summary>
    private readonly record struct Placement(Matrix4x4 World, Matrix4x4 NormalMatrix, bool Mirrors)
    {
        public static Placement Of(Matrix4x4 world)
        {
            // Normals transform by the inverse transpose; a singular transform flattens the mesh, whose normals are
            // then left zero for the assembler to compute from the (degenerate) triangles it keeps.
            var normalMatrix = Matrix4x4.Invert(world, out var inverse) ? Matrix4x4.Transpose(inverse) : new Matrix4x4();
            return new Placement(world, normalMatrix, world.GetDeterminant() < 0);
        }
    }

    public List<PartBuilder> Build()
    {
        var parts = new List<PartBuilder>();
        foreach (var (index, world) in _document.Nodes.Walk(_context, _document.SceneRoots))
        {
            var node = _model.LogicalNodes[index];
            if (node.Mesh is not { } mesh)
                continue;
            var nodeParts = new GltfNodeParts(PartName(node, mesh, index));
            var placements = Placements(node, index, world);
            for (int p = 0; p < mesh.Primitives.Count; p++)
                ReadPrimitive(nodeParts, mesh, p, placements);
            parts.AddRange(nodeParts.Built);
        }
        if (parts.Count == 0)
            _context.Warn(null, "the scene has no meshes");
        return parts;
    }

    private static string PartName(Node node, GltfMesh mesh, int index) =>
        !string.IsNullOrEmpty(node.Name) ? node.Name
        : !string.IsNullOrEmpty(mesh.Name) ? mesh.Name
        : $"node[{index}]";

    /// <summary>
    /// Where the node's mesh goes: once at the node's world transform, or once per EXT_mesh_gpu_instancing
    /// instance. A skinned mesh is read in its bind pose, whose vertices glTF defines without the node's transform.
    /// </summary>
    private List<Placement> Placements(Node node, int index, Matrix4x4 world)
    {
        string place = $"nodes[{index}]";
        if (node.Skin is not null)
        {
            _context.Warn(place, "skinning is not applied: the mesh is read in its bind pose (glTF ignores a skinned mesh's node transform)");
            world = Matrix4x4.Identity;
        }
        try
        {
            if (node.GetGpuInstancing() is { } instancing && instancing.Accessors.Count > 0)
                return InstancePlacements(instancing, place, world);
        }
        catch (Exception e) when (e is not MeshFormatException)
        {
            throw _context.Data($"{place}.extensions.EXT_mesh_gpu_instancing", $"cannot be read: {e.GetType().Name}: {e.Message}", e);
        }
        return [Placement.Of(world)];
    }

    private List<Placement> InstancePlacements(MeshGpuInstancing instancing, string place, Matrix4x4 world)
    {
        string attributes = $"{place}.extensions.EXT_mesh_gpu_instancing.attributes";
        var translations = Checked(instancing.GetAccessor("TRANSLATION"), $"{attributes}.TRANSLATION", DimensionType.VEC3)?.AsVector3Array();
        var rotations = Checked(instancing.GetAccessor("ROTATION"), $"{attributes}.ROTATION", DimensionType.VEC4)?.AsQuaternionArray();
        var scales = Checked(instancing.GetAccessor("SCALE"), $"{attributes}.SCALE", DimensionType.VEC3)?.AsVector3Array();
        int count = new[] { translations?.Count, rotations?.Count, scales?.Count }.Where(c => c.HasValue).Select(c => c!.Value).DefaultIfEmpty(0).Min();
        if (count == 0)
            return [Placement.Of(world)];
        var placements = new List<Placement>(count);
        for (int i = 0; i < count; i++)
        {
            var r = rotations?[i] ?? Quaternion.Identity;
            float length = r.Length();
            r = length > 0 && float.IsFinite(length) ? r * (1f / length) : Quaternion.Identity;
            var local = Matrix4x4.CreateScale(scales?[i] ?? Vector3.One) * Matrix4x4.CreateFromQuaternion(r)
                * Matrix4x4.CreateTranslation(translations?[i] ?? Vector3.Zero);
            placements.Add(Placement.Of(local * world));
        }
        return placements;
    }

    private void ReadPrimitive(GltfNodeParts nodeParts, GltfMesh mesh, int p, List<Placement> placements)
    {
        string place = $"meshes[{mesh.LogicalIndex}].primitives[{p}]";
        try
        {
            ReadPrimitiveChecked(nodeParts, mesh, p, place, placements);
        }
        catch (Exception e) when (e is not MeshFormatException)
        {
            // With SharpGLTF's validation skipped, its decoders are the last line; report them with the place.
            throw _context.Data(place, $"cannot be read: {e.GetType().Name}: {e.Message}", e);
        }
    }

    private void ReadPrimitiveChecked(GltfNodeParts nodeParts, GltfMesh mesh, int p, string place, List<Placement> placements)
    {
        var primitive = mesh.Primitives[p];
        var mode = primitive.DrawPrimitiveType;
        if (!GltfTopology.IsDefined(mode))
            throw _context.Data($"{place}.mode", $"{(int)mode} is not a glTF primitive mode (0 to 6)");
        var positionAccessor = Checked(primitive.GetVertexAccessor("POSITION"), $"{place}.attributes.POSITION", DimensionType.VEC3);
        if (positionAccessor is null)
        {
            _context.Warn(place, "has no POSITION attribute; skipped");
            return;
        }
        if (primitive.MorphTargetsCount > 0 && _meshesWarnedForMorphs.Add(mesh.LogicalIndex))
            _context.Warn($"meshes[{mesh.LogicalIndex}]", "morph targets are not applied: the base shape is read");

        int vertexCount = positionAccessor.Count;
        var sequence = VertexSequence(primitive, vertexCount, place);
        var kind = GltfTopology.KindOf(mode);
        long leftOver = GltfTopology.LeftOver(mode, sequence.Count);
        if (leftOver > 0)
            _context.Warn(place, $"the last {leftOver} of {sequence.Count} vertices do not complete a {(kind == PartKind.Lines ? "segment" : "triangle")} and are ignored");

        var material = _materials.Get(primitive.Material);
        var positions = positionAccessor.AsVector3Array();
        var normals = OptionalAttribute(primitive, "NORMAL", vertexCount, place, DimensionType.VEC3)?.AsVector3Array();
        var texCoords = OptionalAttribute(primitive, $"TEXCOORD_{material.TexCoordSet}", vertexCount, place, DimensionType.VEC2)?.AsVector2Array();
        if (texCoords is null && material.Material.Texture is not null)
            _context.Warn(place, $"its material's texture reads TEXCOORD_{material.TexCoordSet}, which the primitive lacks; the texture shows one colour");
        var colors = OptionalAttribute(primitive, "COLOR_0", vertexCount, place, DimensionType.VEC3, DimensionType.VEC4)?.AsColorArray(1f);

        long elements = GltfTopology.ElementCount(mode, sequence.Count);
        foreach (var placement in placements)
        {
            var builder = nodeParts.For(kind);
            // Points keep only the vertices they draw, in drawing order; lines and triangles keep all and index them.
            IReadOnlyList<int> vertices = kind == PartKind.Points ? sequence : new IdentitySequence(vertexCount);
            CheckLimits(kind, elements, vertices.Count, builder);
            int before = builder.Positions.Count;
            foreach (int v in vertices)
                builder.Positions.Add(Vector3.Transform(positions[v], placement.World));
            GltfNodeParts.AppendAttribute(builder.Normals, before,
                normals is null ? null : vertices.Select(v => Vector3.TransformNormal(normals[v], placement.NormalMatrix)).ToList(),
                vertices.Count, GltfNodeParts.NeutralNormal);
            GltfNodeParts.AppendAttribute(builder.TexCoords, before,
                texCoords is null ? null : vertices.Select(v => material.UvTransform is { } t ? Vector2.Transform(texCoords[v], t) : texCoords[v]).ToList(),
                vertices.Count, GltfNodeParts.NeutralTexCoord);
            GltfNodeParts.AppendAttribute(builder.Colors, before,
                colors is null ? null : vertices.Select(v => GltfColor.LinearToSrgb(colors[v])).ToList(),
                vertices.Count, GltfNodeParts.NeutralColor);
            if (kind != PartKind.Points)
                GltfTopology.Append(mode, sequence, before, placement.Mirrors && kind == PartKind.Surface, builder.Indices);
            int materialIndex = builder.MaterialIndex(material.Material);
            for (long e = 0; e < elements; e++)
                builder.ElementMaterials.Add(materialIndex);
        }
    }

    /// <summary>The primitive's indices, each checked against the vertex count, or 0..n-1 when it has none.</summary>
    private IReadOnlyList<int> VertexSequence(MeshPrimitive primitive, int vertexCount, string place)
    {
        if (primitive.IndexAccessor is not { } accessor)
            return new IdentitySequence(vertexCount);
        if (accessor.Dimensions != DimensionType.SCALAR
            || accessor.Encoding is not (EncodingType.UNSIGNED_BYTE or EncodingType.UNSIGNED_SHORT or EncodingType.UNSIGNED_INT))
            throw _context.Data($"{place}.indices",
                $"accessors[{accessor.LogicalIndex}] is {accessor.Dimensions} of {accessor.Encoding}; indices must be SCALAR unsigned integers");
        var raw = accessor.AsIndicesArray();
        var indices = new int[raw.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            uint index = raw[i];
            if (index >= (uint)vertexCount)
                throw _context.Data(place,
                    $"index {index} (element {i} of accessors[{accessor.LogicalIndex}]) is out of range: POSITION has {vertexCount} vertices");
            indices[i] = (int)index;
        }
        return indices;
    }

    /// <summary>A vertex attribute other than POSITION: absent (null), or of an allowed type with one element per vertex.</summary>
    private Accessor? OptionalAttribute(MeshPrimitive primitive, string name, int vertexCount, string place, params DimensionType[] allowed)
    {
        string attributePlace = $"{place}.attributes.{name}";
        var accessor = Checked(primitive.GetVertexAccessor(name), attributePlace, allowed);
        if (accessor is not null && accessor.Count != vertexCount)
            throw _context.Data(attributePlace, $"has {accessor.Count} elements, but POSITION has {vertexCount}");
        return accessor;
    }

    /// <summary>The accessor (or null), after checking that its type is one of <paramref name="allowed"/>.</summary>
    private Accessor? Checked(Accessor? accessor, string place, params DimensionType[] allowed)
    {
        if (accessor is not null && !allowed.Contains(accessor.Dimensions))
            throw _context.Data(place, $"accessors[{accessor.LogicalIndex}] is {accessor.Dimensions}, expected {string.Join(" or ", allowed)}");
        return accessor;
    }

    /// <summary>
    /// Enforces the limits while building, before memory is spent: instancing and strips can make far more
    /// geometry than the file holds. Vertices are capped at three per allowed triangle.
    /// </summary>
    private void CheckLimits(PartKind kind, long elements, int vertices, PartBuilder builder)
    {
        long maxTriangles = _context.Options.MaxTriangles;
        if (kind == PartKind.Surface)
        {
            _triangles += elements;
            if (_triangles > maxTriangles)
                throw new MeshLimitExceededException(_context.FilePath, null,
                    $"the scene has more than {maxTriangles} triangles, the limit (ReadOptions.MaxTriangles)");
        }
        _vertices += vertices;
        long maxVertices = Math.Min(3 * Math.Min(maxTriangles, long.MaxValue / 3), Array.MaxLength);
        if (_vertices > maxVertices || (long)builder.Positions.Count + vertices > Array.MaxLength)
            throw new MeshLimitExceededException(_context.FilePath, null,
                $"the scene has more than {maxVertices} vertices (three per triangle allowed by ReadOptions.MaxTriangles)");
    }

    /// <summary>0, 1, ..., n-1 without an array: the vertex sequence of a primitive without indices.</summary>
    private sealed class IdentitySequence(int count) : IReadOnlyList<int>
    {
        public int this[int index] => index;

        public int Count => count;

        public IEnumerator<int> GetEnumerator() => Enumerable.Range(0, count).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
