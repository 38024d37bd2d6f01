using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clip3D.Fields.Field;
using Clip3D.Fields.Index;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Encoders;
using Clip3D.Views.Fusion;

namespace Clip3D.Indexing;

/// <summary>
/// A <see cref="SceneIndexContent"/> as a <c>.c3d</c> <see cref="IndexFile"/>: sections <c>points.position</c>,
/// <c>points.normal</c> (float32 n×3), <c>points.colour</c> (float32 n×4), <c>points.part</c>, <c>points.triangle</c>
/// (int32 n), <c>fused.pooled</c> (float16 n×D), <c>fused.levels</c> (float16 n×L×D, when kept),
/// <c>fused.level_flags</c> (uint8 n×L), <c>fused.view_counts</c> (int32 n); header configs <c>build</c> (the build
/// settings), <c>scene</c> (part names) and <c>fused</c> (level names). Every shape is checked against the point count
/// and the encoder's dimension on reading, so a file that passes its checksums but disagrees with itself is still
/// refused with a one-line <see cref="IndexFileException"/>.
/// </summary>
internal static class SceneIndexFile
{
    public static void Write(string path, SceneIndexContent content, EncoderIdentity encoder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var points = content.Points;
        var fused = content.Fused;
        int n = points.Count, d = fused.Dimension, levels = fused.LevelCount;
        var sections = new List<IndexSection>
        {
            IndexSection.FromFloats("points.position", MemoryMarshal.Cast<Vector3, float>(points.Positions), n, 3),
            IndexSection.FromFloats("points.normal", MemoryMarshal.Cast<Vector3, float>(points.Normals), n, 3),
            IndexSection.FromFloats("points.colour", MemoryMarshal.Cast<Vector4, float>(points.Colors), n, 4),
            IndexSection.FromInts("points.part", points.PartIds, n),
            IndexSection.FromInts("points.triangle", points.TriangleIds, n),
            IndexSection.FromHalves("fused.pooled", fused.PooledValues, n, d),
            IndexSection.FromBytes("fused.level_flags", MemoryMarshal.AsBytes(fused.LevelFlags), n, levels),
            IndexSection.FromInts("fused.view_counts", fused.ViewCounts, n),
        };
        if (fused.HasLevels)
            sections.Add(IndexSection.FromHalves("fused.levels", fused.LevelValues, n, levels, d));
        if (content.Field is { } field)
            sections.AddRange(field.ToSections());
        var header = new IndexHeader
        {
            CreatedBy = "clip3d " + (typeof(SceneIndexFile).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev"),
            Scene = new IndexScene(content.SceneHash, content.Source, content.Bounds),
            Encoder = encoder,
            Configs = new Dictionary<string, JsonObject>
            {
                ["build"] = (JsonObject)content.BuildSettings.DeepClone(),
                ["scene"] = new JsonObject { ["parts"] = new JsonArray(content.PartNames.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()) },
                ["fused"] = new JsonObject { ["levels"] = new JsonArray(fused.LevelNames.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()) },
                ["fieldReport"] = content.FieldReport is { } report ? (JsonObject)JsonSerializer.SerializeToNode(report)! : new JsonObject(),
            },
            Counts = new Dictionary<string, long> { ["points"] = n, ["featuredPoints"] = fused.FeaturedPointCount },
        };
        IndexFile.Write(path, header, sections);
    }

    public static SceneIndexContent Read(string path, EncoderIdentity? expectedEncoder)
    {
        var file = IndexFile.Read(path, new IndexReadOptions { ExpectedEncoder = expectedEncoder });
        var header = file.Header;
        int d = header.Encoder.Dimension;
        var position = Section(file, "points.position", Clip3D.Fields.Index.IndexElementType.Float32, -1, 3);
        int n = position.Shape[0];
        var normal = Section(file, "points.normal", Clip3D.Fields.Index.IndexElementType.Float32, n, 3);
        var colour = Section(file, "points.colour", Clip3D.Fields.Index.IndexElementType.Float32, n, 4);
        var part = Section(file, "points.part", Clip3D.Fields.Index.IndexElementType.Int32, n);
        var triangle = Section(file, "points.triangle", Clip3D.Fields.Index.IndexElementType.Int32, n);
        var pooled = Section(file, "fused.pooled", Clip3D.Fields.Index.IndexElementType.Float16, n, d);
        var flags = Section(file, "fused.level_flags", Clip3D.Fields.Index.IndexElementType.UInt8, n, -1);
        int levelCount = flags.Shape[1];
        var views = Section(file, "fused.view_counts", Clip3D.Fields.Index.IndexElementType.Int32, n);
        var levels = file.TryGetSection("fused.levels") is null ? null : Section(file, "fused.levels", Clip3D.Fields.Index.IndexElementType.Float16, n, levelCount, d);

        var partNames = StringList(file, "scene", "parts");
        var levelNames = StringList(file, "fused", "levels");
        if (levelNames.Count != levelCount)
            throw new IndexFileException(file.Path, $"the header names {levelNames.Count} fused levels, section \"fused.level_flags\" has {levelCount}");
        var partIds = part.AsInts().ToArray();
        foreach (int id in partIds)
            if (id < -1 || id >= partNames.Count)
                throw new IndexFileException(file.Path, $"section \"points.part\": part id {id}, the scene has {partNames.Count} parts");
        var flagBytes = flags.AsBytes();
        var levelFlags = new bool[flagBytes.Length];
        for (int i = 0; i < flagBytes.Length; i++)
        {
            if (flagBytes[i] > 1) throw new IndexFileException(file.Path, $"section \"fused.level_flags\": byte {i} is {flagBytes[i]}, not 0 or 1");
            levelFlags[i] = flagBytes[i] == 1;
        }
        try
        {
            var points = SurfacePoints.Create(
                MemoryMarshal.Cast<float, Vector3>(position.AsFloats()).ToArray(),
                MemoryMarshal.Cast<float, Vector3>(normal.AsFloats()).ToArray(),
                MemoryMarshal.Cast<float, Vector4>(colour.AsFloats()).ToArray(),
                partIds, triangle.AsInts().ToArray());
            var fused = new FusedFeatures(d, levelNames, pooled.AsHalves().ToArray(), levels?.AsHalves().ToArray(), levelFlags, views.AsInts().ToArray());
            var build = header.Configs.TryGetValue("build", out var b) ? (JsonObject)b.DeepClone() : new JsonObject();
            var bounds = header.Scene.Bounds ?? throw new IndexFileException(file.Path, "the header has no scene bounds");
            FeatureField? field = null;
            FieldReport? report = null;
            if (file.TryGetSection(FeatureField.SectionPrefix + ".config") is not null)
            {
                field = FeatureField.FromSections(file.Sections);
                if (field.Dimension != d)
                    throw new IndexFileException(file.Path, $"the field decodes to {field.Dimension} dimensions, the encoder has {d}");
                if (header.Configs.TryGetValue("fieldReport", out var r) && r.Count > 0)
                    report = r.Deserialize<FieldReport>();
            }
            return new SceneIndexContent(header.Scene.Source, header.Scene.Hash, bounds, partNames, points, fused, header.Encoder, build)
            {
                Field = field,
                FieldReport = report,
            };
        }
        catch (Exception e) when (e is ArgumentException or JsonException)
        {
            throw new IndexFileException(file.Path, e.Message);
        }
    }

    /// <summary>A section that must exist with this type and shape (−1 = any size in that dimension).</summary>
    private static IndexSection Section(IndexFile file, string name, Clip3D.Fields.Index.IndexElementType type, params int[] shape)
    {
        var section = file.TryGetSection(name) ?? throw new IndexFileException(file.Path, $"section \"{name}\" is missing");
        bool matches = section.ElementType == type && section.Shape.Count == shape.Length;
        for (int i = 0; matches && i < shape.Length; i++)
            matches = shape[i] < 0 || section.Shape[i] == shape[i];
        if (!matches)
            throw new IndexFileException(file.Path,
                $"section \"{name}\" holds {section.ElementType} {IndexSection.FormatShape(section.Shape)}, expected {type} [{string.Join('×', shape.Select(s => s < 0 ? "n" : s.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]");
        return section;
    }

    private static List<string> StringList(IndexFile file, string config, string key)
    {
        if (!file.Header.Configs.TryGetValue(config, out var block) || block[key] is not JsonArray array)
            throw new IndexFileException(file.Path, $"the header has no \"{config}.{key}\" list");
        var list = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue value || !value.TryGetValue<string>(out var text))
                throw new IndexFileException(file.Path, $"the header's \"{config}.{key}\" holds a non-string");
            list.Add(text);
        }
        return list;
    }
}
