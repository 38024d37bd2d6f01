namespace Clip3D.Mesh.Formats;

// PLACEHOLDER (replaced by the PLY reader work).
internal static class PlyReader
{
    public static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data, MeshFormat format) =>
        throw new UnsupportedMeshFeatureException(context.FilePath, null, "PLY reader pending");
}
