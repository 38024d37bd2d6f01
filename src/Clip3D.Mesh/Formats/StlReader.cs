namespace Clip3D.Mesh.Formats;

// PLACEHOLDER (replaced by the STL reader work).
internal static class StlReader
{
    public static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data, bool binary) =>
        throw new UnsupportedMeshFeatureException(context.FilePath, null, "STL reader pending");
}
