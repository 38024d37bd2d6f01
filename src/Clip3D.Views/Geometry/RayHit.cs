using System.Numerics;

namespace Clip3D.Views.Geometry;

/// <summary>The nearest surface a ray meets.</summary>
/// <param name="Distance">Distance along the (unit) ray direction, metres.</param>
/// <param name="PartIndex">Index into <see cref="Clip3D.Mesh.Scene.Parts"/>.</param>
/// <param name="TriangleId">Scene-wide triangle id (see <see cref="Clip3D.Mesh.Scene.TriangleOffset"/>).</param>
/// <param name="Barycentric">Weights of the triangle's vertices A, B, C at the hit.</param>
/// <param name="Position">The hit point in the world frame.</param>
public readonly record struct RayHit(float Distance, int PartIndex, int TriangleId, Vector3 Barycentric, Vector3 Position);
