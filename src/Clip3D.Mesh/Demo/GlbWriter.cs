using System.Numerics;
using System.Runtime.InteropServices;
using SharpGLTF.Memory;
using SharpGLTF.Schema2;
using SharpGLTF.Validation;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Writes a <see cref="DemoScene"/> as a binary glTF 2.0 file with SharpGLTF's schema API: one node per object
/// (named by <see cref="DemoObject.NodeName"/>, identity transform, geometry baked), one mesh per node with one
/// primitive per surface, metallic-roughness materials with linear base colour factors, PNG textures embedded
/// in the binary chunk. World coordinates (Z up) are turned into glTF's Y-up frame, (x, y, z) → (x, z, −y),
/// the inverse of <see cref="FrameConversion.YUpToZUp"/>. The output depends only on the scene: the generator
/// string is fixed and nothing time- or machine-dependent is written.
/// </summary>
internal static class GlbWriter
{
    /// <summary>The glTF <c>asset.generator</c> string.</summary>
    public const string Generator = "Clip3D demo scene generator";

    public static byte[] Write(DemoScene scene)
    {
        // The buffers are copied from memory as they are; glTF's byte order is little-endian.
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The glTF writer needs a little-endian machine.");
        var model = ModelRoot.CreateModel();
        model.Asset.Generator = Generator;
        model.Asset.Copyright = null;
        var root = model.UseScene(scene.Name);

        var materials = new Dictionary<DemoMaterial, SharpGLTF.Schema2.Material>(ReferenceEqualityComparer.Instance);
        var textures = new Dictionary<DemoTexture, Texture>(ReferenceEqualityComparer.Instance);

        foreach (var demoObject in scene.Objects)
        {
            var mesh = model.CreateMesh(demoObject.NodeName);
            foreach (var surface in demoObject.Surfaces)
            {
                var primitive = mesh.CreatePrimitive();
                primitive.Material = materials.TryGetValue(surface.Material, out var existing)
                    ? existing
                    : materials[surface.Material] = CreateMaterial(model, surface.Material, textures);
                primitive.SetVertexAccessor("POSITION", VertexAccessor(model, ToYUp(surface.Positions)));
                primitive.SetVertexAccessor("NORMAL", VertexAccessor(model, ToYUp(surface.Normals)));
                if (!surface.TexCoords.IsEmpty)
                    primitive.SetVertexAccessor("TEXCOORD_0", VertexAccessor(model, surface.TexCoords.ToArray()));
                primitive.SetIndexAccessor(IndexAccessor(model, surface.Indices, surface.Positions.Length));
            }
            var node = root.CreateNode(demoObject.NodeName);
            node.Mesh = mesh;
        }

        var settings = new WriteSettings
        {
            Validation = ValidationMode.Strict,
            MergeBuffers = true,
            JsonIndented = false,
        };
        return model.WriteGLB(settings).ToArray();
    }

    /// <summary>World (Z up) to glTF (Y up): (x, y, z) → (x, z, −y).</summary>
    public static Vector3 ToYUp(Vector3 world) => new(world.X, world.Z, -world.Y);

    private static Vector3[] ToYUp(ReadOnlySpan<Vector3> world)
    {
        var result = new Vector3[world.Length];
        for (int i = 0; i < world.Length; i++)
            result[i] = ToYUp(world[i]);
        return result;
    }

    private static SharpGLTF.Schema2.Material CreateMaterial(ModelRoot model, DemoMaterial demo, Dictionary<DemoTexture, Texture> textures)
    {
        var material = model.CreateMaterial(demo.Name);
        material.InitializePBRMetallicRoughness();
        material.DoubleSided = false; // every primitive is closed or seen from its front, with consistent winding
        material.Alpha = AlphaMode.OPAQUE;
        var baseColor = material.FindChannel("BaseColor") ?? throw new InvalidOperationException("No BaseColor channel.");
        baseColor.Color = DemoColors.ToLinear(demo.BaseColor);
        var metallicRoughness = material.FindChannel("MetallicRoughness") ?? throw new InvalidOperationException("No MetallicRoughness channel.");
        metallicRoughness.SetFactor("MetallicFactor", demo.Metallic);
        metallicRoughness.SetFactor("RoughnessFactor", demo.Roughness);
        if (demo.Texture is { } demoTexture)
        {
            if (!textures.TryGetValue(demoTexture, out var texture))
            {
                var image = model.CreateImage(demoTexture.Name);
                image.Content = new MemoryImage(demoTexture.Png.ToArray());
                // All textures share one sampler: repeat, trilinear.
                var sampler = model.LogicalTextureSamplers.Count > 0
                    ? model.LogicalTextureSamplers[0]
                    : model.UseTextureSampler(TextureWrapMode.REPEAT, TextureWrapMode.REPEAT,
                        TextureMipMapFilter.LINEAR_MIPMAP_LINEAR, TextureInterpolationFilter.LINEAR);
                texture = model.UseTexture(image, sampler);
                textures[demoTexture] = texture;
            }
            baseColor.SetTexture(0, texture);
        }
        return material;
    }

    private static Accessor VertexAccessor(ModelRoot model, Vector3[] values)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var view = model.UseBufferView(bytes, 0, null, 0, BufferMode.ARRAY_BUFFER);
        var accessor = model.CreateAccessor();
        accessor.SetVertexData(view, 0, values.Length, new AttributeFormat(DimensionType.VEC3, EncodingType.FLOAT, false));
        return accessor;
    }

    private static Accessor VertexAccessor(ModelRoot model, Vector2[] values)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        var view = model.UseBufferView(bytes, 0, null, 0, BufferMode.ARRAY_BUFFER);
        var accessor = model.CreateAccessor();
        accessor.SetVertexData(view, 0, values.Length, new AttributeFormat(DimensionType.VEC2, EncodingType.FLOAT, false));
        return accessor;
    }

    private static Accessor IndexAccessor(ModelRoot model, ReadOnlySpan<int> indices, int vertexCount)
    {
        // 16-bit indices where they suffice (every demo primitive is small); 32-bit otherwise. 65535 itself is
        // the primitive-restart value, which glTF forbids as an index.
        bool wide = vertexCount > ushort.MaxValue;
        byte[] bytes;
        if (wide)
        {
            bytes = MemoryMarshal.AsBytes(indices).ToArray();
        }
        else
        {
            var narrow = new ushort[indices.Length];
            for (int i = 0; i < indices.Length; i++)
                narrow[i] = checked((ushort)indices[i]);
            bytes = MemoryMarshal.AsBytes(narrow.AsSpan()).ToArray();
        }
        var view = model.UseBufferView(bytes, 0, null, 0, BufferMode.ELEMENT_ARRAY_BUFFER);
        var accessor = model.CreateAccessor();
        accessor.SetIndexData(view, 0, indices.Length, wide ? IndexEncodingType.UNSIGNED_INT : IndexEncodingType.UNSIGNED_SHORT);
        return accessor;
    }
}
