namespace Clip3D.Mesh.Formats;

/// <summary>What a glTF JSON property must hold, as far as Clip3D depends on it.</summary>
internal enum GltfValueKind
{
    String,
    /// <summary>A string from the comma-separated list in <see cref="GltfProperty.Target"/>.</summary>
    Enum,
    Boolean,
    Number,
    /// <summary>A number in [0, 1] (colour factors and the like).</summary>
    UnitNumber,
    /// <summary>A non-negative integer that fits in 32 bits (at least <see cref="GltfProperty.Minimum"/>).</summary>
    Integer,
    /// <summary>An index into the top-level array named by <see cref="GltfProperty.Target"/>.</summary>
    Index,
    IndexList,
    NumberList,
    /// <summary>A list of numbers in [0, 1].</summary>
    UnitNumberList,
    StringList,
    /// <summary>An object of the kind named by <see cref="GltfProperty.Target"/>.</summary>
    Object,
    ObjectList,
    /// <summary>An object whose values are all indices into <see cref="GltfProperty.Target"/> (primitive attributes).</summary>
    IndexMap,
    IndexMapList,
}

/// <summary>One property rule: its kind, the array or object kind it refers to, whether it is required, a fixed length for number lists.</summary>
internal readonly record struct GltfProperty(GltfValueKind Kind, string? Target = null, bool Required = false, int Length = 0, int Minimum = 0);

/// <summary>
/// The part of the glTF 2.0 JSON schema that Clip3D reads, as a table: object kind → property → rule.
/// Checking the JSON against it before SharpGLTF sees the file turns wrong types, missing properties and
/// dangling indices into messages that name the JSON path (SharpGLTF reports many of them without a place,
/// accepts some of them, or fails on them with an unrelated exception). Properties not listed are not checked.
/// </summary>
internal static class GltfSchema
{
    public const string Root = "glTF";

    private static GltfProperty Str() => new(GltfValueKind.String);
    private static GltfProperty Bool() => new(GltfValueKind.Boolean);
    private static GltfProperty Num() => new(GltfValueKind.Number);
    private static GltfProperty Unit() => new(GltfValueKind.UnitNumber);
    private static GltfProperty Units(int length) => new(GltfValueKind.UnitNumberList, Length: length);
    private static GltfProperty OneOf(params string[] values) => new(GltfValueKind.Enum, string.Join(",", values));
    private static GltfProperty Int(int minimum = 0, bool required = false) => new(GltfValueKind.Integer, Required: required, Minimum: minimum);
    private static GltfProperty Ref(string target, bool required = false) => new(GltfValueKind.Index, target, required);
    private static GltfProperty Refs(string target) => new(GltfValueKind.IndexList, target);
    private static GltfProperty Nums(int length = 0) => new(GltfValueKind.NumberList, Length: length);
    private static GltfProperty Obj(string kind, bool required = false) => new(GltfValueKind.Object, kind, required);
    private static GltfProperty Objs(string kind) => new(GltfValueKind.ObjectList, kind);

    /// <summary>Object kind → property name → rule.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, GltfProperty>> Objects { get; } =
        new Dictionary<string, IReadOnlyDictionary<string, GltfProperty>>
        {
            [Root] = new Dictionary<string, GltfProperty>
            {
                ["asset"] = Obj("asset", required: true),
                ["scene"] = Ref("scenes"),
                ["scenes"] = Objs("scene"),
                ["nodes"] = Objs("node"),
                ["meshes"] = Objs("mesh"),
                ["accessors"] = Objs("accessor"),
                ["bufferViews"] = Objs("bufferView"),
                ["buffers"] = Objs("buffer"),
                ["materials"] = Objs("material"),
                ["textures"] = Objs("texture"),
                ["images"] = Objs("image"),
                ["samplers"] = Objs("sampler"),
                ["skins"] = Objs("skin"),
                ["cameras"] = Objs("camera"),
                ["animations"] = Objs("animation"),
                ["extensionsUsed"] = new(GltfValueKind.StringList),
                ["extensionsRequired"] = new(GltfValueKind.StringList),
            },
            ["asset"] = new Dictionary<string, GltfProperty>
            {
                ["version"] = new(GltfValueKind.String, Required: true),
                ["minVersion"] = Str(),
                ["generator"] = Str(),
            },
            ["scene"] = new Dictionary<string, GltfProperty> { ["name"] = Str(), ["nodes"] = Refs("nodes") },
            ["node"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["children"] = Refs("nodes"),
                ["mesh"] = Ref("meshes"),
                ["skin"] = Ref("skins"),
                ["camera"] = Ref("cameras"),
                ["matrix"] = Nums(16),
                ["translation"] = Nums(3),
                ["rotation"] = Nums(4),
                ["scale"] = Nums(3),
                ["weights"] = Nums(),
                ["extensions"] = Obj("nodeExtensions"),
            },
            ["nodeExtensions"] = new Dictionary<string, GltfProperty>
            {
                ["EXT_mesh_gpu_instancing"] = Obj("instancing"),
                ["KHR_node_visibility"] = Obj("visibility"),
            },
            ["instancing"] = new Dictionary<string, GltfProperty>
            {
                ["attributes"] = new(GltfValueKind.IndexMap, "accessors", Required: true),
            },
            ["visibility"] = new Dictionary<string, GltfProperty> { ["visible"] = Bool() },
            ["mesh"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["primitives"] = new(GltfValueKind.ObjectList, "primitive", Required: true),
                ["weights"] = Nums(),
            },
            ["primitive"] = new Dictionary<string, GltfProperty>
            {
                ["attributes"] = new(GltfValueKind.IndexMap, "accessors", Required: true),
                ["indices"] = Ref("accessors"),
                ["material"] = Ref("materials"),
                ["mode"] = Int(),
                ["targets"] = new(GltfValueKind.IndexMapList, "accessors"),
            },
            ["accessor"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["bufferView"] = Ref("bufferViews"),
                ["byteOffset"] = Int(),
                ["componentType"] = Int(required: true),
                ["normalized"] = Bool(),
                ["count"] = Int(minimum: 1, required: true),
                ["type"] = new(GltfValueKind.Enum, "SCALAR,VEC2,VEC3,VEC4,MAT2,MAT3,MAT4", Required: true),
                ["min"] = Nums(),
                ["max"] = Nums(),
                ["sparse"] = Obj("sparse"),
            },
            ["sparse"] = new Dictionary<string, GltfProperty>
            {
                ["count"] = Int(minimum: 1, required: true),
                ["indices"] = Obj("sparseIndices", required: true),
                ["values"] = Obj("sparseValues", required: true),
            },
            ["sparseIndices"] = new Dictionary<string, GltfProperty>
            {
                ["bufferView"] = Ref("bufferViews", required: true),
                ["byteOffset"] = Int(),
                ["componentType"] = Int(required: true),
            },
            ["sparseValues"] = new Dictionary<string, GltfProperty>
            {
                ["bufferView"] = Ref("bufferViews", required: true),
                ["byteOffset"] = Int(),
            },
            ["bufferView"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["buffer"] = Ref("buffers", required: true),
                ["byteOffset"] = Int(),
                ["byteLength"] = Int(minimum: 1, required: true),
                ["byteStride"] = Int(minimum: 4),
                ["target"] = Int(),
            },
            ["buffer"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["uri"] = Str(),
                ["byteLength"] = Int(minimum: 1, required: true),
            },
            ["material"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["pbrMetallicRoughness"] = Obj("pbrMetallicRoughness"),
                ["normalTexture"] = Obj("textureInfo"),
                ["occlusionTexture"] = Obj("textureInfo"),
                ["emissiveTexture"] = Obj("textureInfo"),
                ["emissiveFactor"] = Units(3),
                ["alphaMode"] = OneOf("OPAQUE", "MASK", "BLEND"),
                ["alphaCutoff"] = Num(),
                ["doubleSided"] = Bool(),
                ["extensions"] = Obj("materialExtensions"),
            },
            ["pbrMetallicRoughness"] = new Dictionary<string, GltfProperty>
            {
                ["baseColorFactor"] = Units(4),
                ["baseColorTexture"] = Obj("textureInfo"),
                ["metallicFactor"] = Unit(),
                ["roughnessFactor"] = Unit(),
                ["metallicRoughnessTexture"] = Obj("textureInfo"),
            },
            ["materialExtensions"] = new Dictionary<string, GltfProperty>
            {
                ["KHR_materials_pbrSpecularGlossiness"] = Obj("pbrSpecularGlossiness"),
            },
            ["pbrSpecularGlossiness"] = new Dictionary<string, GltfProperty>
            {
                ["diffuseFactor"] = Units(4),
                ["diffuseTexture"] = Obj("textureInfo"),
                ["specularGlossinessTexture"] = Obj("textureInfo"),
            },
            ["textureInfo"] = new Dictionary<string, GltfProperty>
            {
                ["index"] = Ref("textures", required: true),
                ["texCoord"] = Int(),
                ["strength"] = Unit(),
            },
            ["texture"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["sampler"] = Ref("samplers"),
                ["source"] = Ref("images"),
                ["extensions"] = Obj("textureExtensions"),
            },
            // Texture extensions that name an alternative image (SharpGLTF prefers them over "source").
            ["textureExtensions"] = new Dictionary<string, GltfProperty>
            {
                ["EXT_texture_webp"] = Obj("textureSource"),
                ["KHR_texture_basisu"] = Obj("textureSource"),
                ["MSFT_texture_dds"] = Obj("textureSource"),
                ["MSFT_texture_xnb"] = Obj("textureSource"),
                ["EXT_texture_astc"] = Obj("textureSource"),
            },
            ["textureSource"] = new Dictionary<string, GltfProperty> { ["source"] = Ref("images") },
            ["image"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["uri"] = Str(),
                ["mimeType"] = Str(),
                ["bufferView"] = Ref("bufferViews"),
            },
            ["sampler"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["magFilter"] = Int(),
                ["minFilter"] = Int(),
                ["wrapS"] = Int(),
                ["wrapT"] = Int(),
            },
            ["skin"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["inverseBindMatrices"] = Ref("accessors"),
                ["skeleton"] = Ref("nodes"),
                ["joints"] = Refs("nodes"),
            },
            // Cameras are not read, but SharpGLTF parses them and fails without a place on wrong types.
            ["camera"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["type"] = OneOf("perspective", "orthographic"),
                ["perspective"] = Obj("perspective"),
                ["orthographic"] = Obj("orthographic"),
            },
            ["perspective"] = new Dictionary<string, GltfProperty>
            {
                ["aspectRatio"] = Num(),
                ["yfov"] = new(GltfValueKind.Number, Required: true),
                ["zfar"] = Num(),
                ["znear"] = new(GltfValueKind.Number, Required: true),
            },
            ["orthographic"] = new Dictionary<string, GltfProperty>
            {
                ["xmag"] = new(GltfValueKind.Number, Required: true),
                ["ymag"] = new(GltfValueKind.Number, Required: true),
                ["zfar"] = new(GltfValueKind.Number, Required: true),
                ["znear"] = new(GltfValueKind.Number, Required: true),
            },
            ["animation"] = new Dictionary<string, GltfProperty>
            {
                ["name"] = Str(),
                ["channels"] = Objs("animationChannel"),
                ["samplers"] = Objs("animationSampler"),
            },
            ["animationChannel"] = new Dictionary<string, GltfProperty>
            {
                ["sampler"] = Int(required: true),
                ["target"] = Obj("animationTarget", required: true),
            },
            ["animationTarget"] = new Dictionary<string, GltfProperty>
            {
                ["node"] = Ref("nodes"),
                ["path"] = OneOf("translation", "rotation", "scale", "weights", "pointer"),
            },
            ["animationSampler"] = new Dictionary<string, GltfProperty>
            {
                ["input"] = Ref("accessors", required: true),
                ["output"] = Ref("accessors", required: true),
                ["interpolation"] = OneOf("LINEAR", "STEP", "CUBICSPLINE"),
            },
        };
}
