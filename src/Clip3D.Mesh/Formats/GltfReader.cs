namespace Clip3D.Mesh.Formats;

// PLACEHOLDER (replaced by the glTF reader work).
internal static class GltfReader
{
    /// <summary>Returns parts in glTF's own frame (Y up, metres) with node transforms baked.</summary>
    public static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data, bool binary) =>
        throw new UnsupportedMeshFeatureException(context.FilePath, null, "glTF reader pending");
}
