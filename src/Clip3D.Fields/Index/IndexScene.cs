using Clip3D.Mesh;

namespace Clip3D.Fields.Index;

/// <summary>
/// The scene an index was built from, as its header records it: <see cref="Hash"/> identifies the scene's content
/// (e.g. SHA-256 of the mesh file, hex) so that a stale index can be told from a current one, <see cref="Source"/> is
/// the scene file's name (informative only), <see cref="Frame"/> the coordinate convention of every position in the
/// file and <see cref="Bounds"/> the scene's axis-aligned box in that frame, when known.
/// </summary>
public sealed record IndexScene(string Hash, string Source, Bounds? Bounds = null, string Frame = IndexScene.ZUpMetres)
{
    /// <summary>The frame of every Clip3D index: Z up, metres (the frame of <see cref="Clip3D.Mesh"/> scenes).</summary>
    public const string ZUpMetres = "z-up metres";
}
