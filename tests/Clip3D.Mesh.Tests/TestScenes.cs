using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Formats;

namespace Clip3D.Mesh.Tests;

/// <summary>Small scenes built in code through the same assembler the readers use.</summary>
internal static class TestScenes
{
    public static PartBuilder Quad(string name, Vector3 origin, Vector3 u, Vector3 v, Material? material = null)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        b.Positions.AddRange([origin, origin + u, origin + u + v, origin + v]);
        b.Indices.AddRange([0, 1, 2, 0, 2, 3]);
        if (material is not null) b.Materials.Add(material);
        return b;
    }

    public static Scene Assemble(IReadOnlyList<PartBuilder> parts, UpAxis up = UpAxis.Z, float unit = 1f, string path = "test.obj")
    {
        var context = new ReadContext(path, ReadOptions.Default);
        return SceneAssembler.Assemble(context, MeshFormat.Obj, parts, new FrameConversion(up, unit));
    }
}
