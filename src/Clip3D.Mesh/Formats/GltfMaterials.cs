using System.Numerics;
using SharpGLTF.Schema2;
using GltfMaterial = SharpGLTF.Schema2.Material;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// A glTF material as Clip3D uses it: the scene-model <see cref="Mesh.Material"/>, the TEXCOORD set its base
/// colour texture reads, and the KHR_texture_transform to apply to those coordinates (null when none).
/// </summary>
internal sealed record GltfMaterialUse(Material Material, int TexCoordSet, Matrix3x2? UvTransform);

/// <summary>
/// Converts glTF materials once each: base colour factor (linear → sRGB), base colour texture with its sampler's
/// wrap modes, double-sidedness. KHR_materials_pbrSpecularGlossiness materials use their diffuse colour.
/// </summary>
internal sealed class GltfMaterials(ReadContext context, GltfImages images)
{
    /// <summary>
    /// glTF's default material (section 3.9.6) for primitives without one: white, single-sided. White rather than
    /// <see cref="Material.Default"/>'s grey, so that vertex colours show as authored.
    /// </summary>
    private static readonly GltfMaterialUse Unassigned =
        new(new Material { Name = "default", BaseColor = Vector4.One, DoubleSided = false }, 0, null);

    private readonly Dictionary<int, GltfMaterialUse> _converted = [];

    public GltfMaterialUse Get(GltfMaterial? material)
    {
        if (material is null)
            return Unassigned;
        int index = material.LogicalIndex;
        if (!_converted.TryGetValue(index, out var use))
            _converted[index] = use = Convert(material, index);
        return use;
    }

    private GltfMaterialUse Convert(GltfMaterial material, int index)
    {
        string place = $"materials[{index}]";
        string name = string.IsNullOrEmpty(material.Name) ? place : material.Name;
        var channel = material.FindChannel("BaseColor") ?? material.FindChannel("Diffuse");
        var result = new Material { Name = name, BaseColor = Vector4.One, DoubleSided = material.DoubleSided };
        if (channel is not { } baseColor)
            return new GltfMaterialUse(result, 0, null);

        result = result with { BaseColor = GltfColor.LinearToSrgb(baseColor.Color) };
        var texture = baseColor.Texture;
        if (texture is null)
            return new GltfMaterialUse(result, baseColor.TextureCoordinate, null);

        var decoded = DecodeTexture(texture);
        if (decoded is not null)
            result = result with { Texture = decoded, Sampler = Sampler(texture.Sampler, place) };
        int texCoord = baseColor.TextureCoordinate;
        Matrix3x2? transform = null;
        if (baseColor.TextureTransform is { } uvTransform)
        {
            transform = uvTransform.Matrix;
            texCoord = uvTransform.TextureCoordinateOverride ?? texCoord;
        }
        return new GltfMaterialUse(result, texCoord, transform);
    }

    /// <summary>
    /// SharpGLTF's primary image is the one an extension names (WebP, KTX2, DDS), which may not decode; the
    /// plain <c>source</c> is the fallback that a viewer without the extension would show.
    /// </summary>
    private TextureImage? DecodeTexture(Texture texture)
    {
        var primary = texture.PrimaryImage;
        var decoded = primary is null ? null : images.Get(primary.LogicalIndex);
        if (decoded is null && texture.FallbackImage is { } fallback)
            decoded = images.Get(fallback.LogicalIndex);
        return decoded;
    }

    private TextureSampler Sampler(SharpGLTF.Schema2.TextureSampler? sampler, string place) =>
        sampler is null ? TextureSampler.Default : new TextureSampler(Wrap(sampler.WrapS, place), Wrap(sampler.WrapT, place));

    private TextureWrap Wrap(TextureWrapMode mode, string place)
    {
        switch (mode)
        {
            case TextureWrapMode.REPEAT:
                return TextureWrap.Repeat;
            case TextureWrapMode.CLAMP_TO_EDGE:
                return TextureWrap.ClampToEdge;
            case TextureWrapMode.MIRRORED_REPEAT:
                return TextureWrap.MirroredRepeat;
            default:
                context.Warn(place, $"texture wrap mode {(int)mode} is not a glTF wrap mode; using REPEAT");
                return TextureWrap.Repeat;
        }
    }
}
