namespace Clip3D.Benchmarking.Inputs;

/// <summary>The same height field in each format <see cref="BenchmarkMeshes"/> writes.</summary>
/// <param name="Obj">The OBJ file.</param>
/// <param name="Ply">Binary little-endian PLY.</param>
/// <param name="Stl">Binary STL.</param>
/// <param name="Glb">GLB (binary glTF).</param>
/// <param name="Triangles">Triangles of the height field (the same in every file).</param>
public sealed record BenchmarkMeshFiles(string Obj, string Ply, string Stl, string Glb, int Triangles)
{
    /// <summary>Every path, OBJ, PLY, STL, GLB.</summary>
    public IReadOnlyList<string> All => [Obj, Ply, Stl, Glb];
}
