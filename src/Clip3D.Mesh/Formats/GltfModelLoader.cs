using SharpGLTF.Schema2;
using SharpGLTF.Validation;
using GltfReadContext = SharpGLTF.Schema2.ReadContext;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Runs SharpGLTF on bytes that <see cref="GltfDocument"/> has checked and <see cref="GltfJsonRepair"/> has
/// edited, and translates whatever it throws.
/// <para>
/// Validation: SharpGLTF's <see cref="ValidationMode.TryFix"/> is used first. It checks references, layouts
/// and values and repairs a few (it renormalises normals). Its value checks are exact, though, and real
/// exporters trip them without harm: accessor min/max a rounding off, a quaternion slightly off unit length,
/// tangents or skin weights Clip3D does not read, a NaN its normal repair cannot fix. Such a failure (anything
/// but a <see cref="SchemaException"/> or <see cref="LinkException"/>) becomes a warning and the
/// file is read again with <see cref="ValidationMode.Skip"/>; every check Clip3D's reading depends on (layout,
/// indices, hierarchy) is made by Clip3D itself either way. Skip is also used from the start when SharpGLTF's
/// validation would take too long (its hierarchy and skin checks are quadratic).
/// </para>
/// </summary>
internal static class GltfModelLoader
{
    /// <summary>About a second of SharpGLTF validation; files above this are read unvalidated (see <see cref="GltfDocument.ValidationCost"/>).</summary>
    private const long ValidationBudget = 50_000_000;

    /// <summary>A 1×1 PNG that SharpGLTF accepts for every image; the real images are read by <see cref="GltfImages"/>.</summary>
    private static readonly byte[] PlaceholderPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    public static ModelRoot Load(ReadContext context, byte[] data, GltfContainer container, GltfDocument document,
        Dictionary<string, ArraySegment<byte>> files, IReadOnlySet<string> blankedImageUris)
    {
        foreach (string uri in blankedImageUris)
            files.TryAdd(uri, PlaceholderPng);
        var mode = document.ValidationCost <= ValidationBudget ? ValidationMode.TryFix : ValidationMode.Skip;
        while (true)
        {
            try
            {
                return LoadOnce(data, container, files, mode);
            }
            // Besides DataException, TryFix's repairs fail in other ways on readable files: rewriting a NaN normal
            // throws NotFiniteNumberException, rewriting an all-zero (bufferView-less) NORMAL or TANGENT accessor
            // NotSupportedException. Only broken structure (SchemaException, LinkException) is final here.
            catch (Exception e) when (mode == ValidationMode.TryFix && e is not (SchemaException or LinkException or MeshFormatException))
            {
                var (location, problem) = GltfErrors.Describe(e);
                context.Warn(location, $"fails glTF validation ({problem}); read without SharpGLTF's value checks");
                mode = ValidationMode.Skip;
            }
            catch (Exception e) when (e is not MeshFormatException)
            {
                // SharpGLTF reports most problems as ModelException subclasses, but some as whatever its code
                // ran into (KeyNotFound, InvalidOperation, NotImplemented, IndexOutOfRange, ...).
                throw GltfErrors.Translate(context, e);
            }
        }
    }

    private static ModelRoot LoadOnce(byte[] data, GltfContainer container, Dictionary<string, ArraySegment<byte>> files, ValidationMode mode)
    {
        // checkExtensions: false, because SharpGLTF would also reject extensions that are used but not declared
        // (common and harmless); required ones are checked by GltfDocument.
        var settings = GltfReadContext.CreateFromDictionary(files, checkExtensions: false);
        settings.Validation = mode;
        // Every image gets the placeholder so that SharpGLTF's image checks pass; Clip3D decodes the real ones.
        settings.ImageDecoder = image =>
        {
            image.Content = PlaceholderPng;
            return true;
        };
        if (container.IsBinary)
        {
            using var glb = new MemoryStream(data, 0, container.ModelLength, writable: false);
            return settings.ReadBinarySchema2(glb);
        }
        using var json = new MemoryStream(data, container.JsonOffset, container.JsonLength, writable: false);
        return settings.ReadTextSchema2(json);
    }
}
