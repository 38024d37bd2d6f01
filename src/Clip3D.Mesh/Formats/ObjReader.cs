namespace Clip3D.Mesh.Formats;

// PLACEHOLDER (replaced by the OBJ reader work).
internal static class ObjReader
{
    public static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data) =>
        throw new UnsupportedMeshFeatureException(context.FilePath, null, "OBJ reader pending");
}
