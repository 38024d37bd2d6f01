using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Geometry;

namespace Clip3D.Views.Cameras;

/// <summary>
/// Close-up views of the objects that the planned views see only small: an interior view from eye height shows a mug
/// across the room in a few dozen pixels, and an encoder reads such a crop poorly however it is cropped. Each scene part
/// that is an object (not structure such as a wall or floor) and whose bounding sphere spans less than
/// <see cref="CloseUpOptions.MaxApparentFraction"/> of the field of view in every planned view that sees it gets one
/// view framing it, from free space with a clear line of sight, looking at its centre. Parts seen smallest (or not at all)
/// come first. Uses only the mesh's own parts and geometry; deterministic.
/// </summary>
public static class CloseUpPlanner
{
    /// <param name="scene">The scene the views look at.</param>
    /// <param name="caster">A ray caster over the same scene.</param>
    /// <param name="planned">The views already planned; the close-ups take the first one's intrinsics.</param>
    /// <param name="options">Defaults: <see cref="CloseUpOptions.Default"/>.</param>
    /// <returns>The close-up cameras, named <c>closeup_NN</c>; empty when no part needs one or none can be placed.</returns>
    public static IReadOnlyList<Camera> Plan(Scene scene, MeshRayCaster caster, IReadOnlyList<Camera> planned, CloseUpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(caster);
        ArgumentNullException.ThrowIfNull(planned);
        options ??= CloseUpOptions.Default;
        options.Validate();
        if (options.MaxViews == 0 || planned.Count == 0 || scene.TriangleCount == 0) return [];

        var intrinsics = planned[0].Intrinsics;
        float fov = 2 * MathF.Atan(intrinsics.Height / 2f / intrinsics.Fy);
        float structure = options.MaxPartFraction * MathF.Min(scene.Bounds.Size.X, scene.Bounds.Size.Y);
        var wanted = new List<(int Part, float Apparent, Vector3 Toward)>();
        for (int p = 0; p < scene.Parts.Count; p++)
        {
            var part = scene.Parts[p];
            if (part.TriangleCount == 0) continue;
            var size = part.Bounds.Size;
            if (MathF.Max(size.X, MathF.Max(size.Y, size.Z)) > structure) continue;
            var (apparent, toward) = LargestApparentSize(caster, planned, p, part.Bounds, fov);
            if (apparent < options.MaxApparentFraction) wanted.Add((p, apparent, toward ?? scene.Bounds.Center));
        }

        var cameras = new List<Camera>();
        foreach (var (p, _, toward) in wanted.OrderBy(w => w.Apparent).ThenBy(w => w.Part))
        {
            if (cameras.Count == options.MaxViews) break;
            if (Place(caster, p, scene.Parts[p].Bounds, toward, fov, options) is { } pose)
                cameras.Add(new Camera(intrinsics, pose) { Name = $"closeup_{cameras.Count:D2}" });
        }
        return cameras;
    }

    /// <summary>
    /// The largest fraction of the field of view the part's bounding sphere spans in a planned view that sees its centre
    /// (0 when none does), and the position of that view.
    /// </summary>
    private static (float Apparent, Vector3? Toward) LargestApparentSize(MeshRayCaster caster, IReadOnlyList<Camera> planned, int part,
        Bounds bounds, float fov)
    {
        var centre = bounds.Center;
        float radius = bounds.Size.Length() / 2;
        float best = 0;
        Vector3? toward = null;
        foreach (var camera in planned)
        {
            if (!camera.TryProject(centre, out var pixel, out float depth) || depth <= 0) continue;
            if (pixel.X < 0 || pixel.Y < 0 || pixel.X >= camera.Intrinsics.Width || pixel.Y >= camera.Intrinsics.Height) continue;
            if (!Sees(caster, camera.Pose.Position, centre, part)) continue;
            float distance = Vector3.Distance(camera.Pose.Position, centre);
            float apparent = distance > radius ? 2 * MathF.Asin(radius / distance) / fov : 1;
            if (apparent > best)
            {
                best = apparent;
                toward = camera.Pose.Position;
            }
        }
        return (best, toward);
    }

    /// <summary>Whether the first surface on the way from the eye to the part's centre is the part's own (or nothing before the centre).</summary>
    private static bool Sees(MeshRayCaster caster, Vector3 eye, Vector3 centre, int part)
    {
        var d = centre - eye;
        float length = d.Length();
        if (!(length > 1e-4f)) return false;
        return !caster.Intersect(eye, d / length, out var hit, 1e-4f) || hit.PartIndex == part || hit.Distance >= length;
    }

    /// <summary>
    /// The first pose, by elevation then by azimuth starting toward <paramref name="toward"/> and alternating around it,
    /// that has free space around the eye, is not inside a closed object and sees the part; null when none does.
    /// </summary>
    private static CameraPose? Place(MeshRayCaster caster, int part, Bounds bounds, Vector3 toward, float fov, CloseUpOptions options)
    {
        var centre = bounds.Center;
        float radius = MathF.Max(bounds.Size.Length() / 2, 1e-3f);
        float distance = radius / MathF.Tan(options.FillFraction * fov / 2);
        var flat = new Vector2(toward.X - centre.X, toward.Y - centre.Y);
        float baseAzimuth = flat.LengthSquared() > 1e-12f ? MathF.Atan2(flat.Y, flat.X) : 0;
        foreach (float elevationDegrees in options.ElevationsDegrees)
        {
            float elevation = elevationDegrees * MathF.PI / 180;
            for (int k = 0; k < options.Azimuths; k++)
            {
                // 0, +1, −1, +2, −2, …: nearest the direction the best planned view came from first.
                int step = (k + 1) / 2 * (k % 2 == 1 ? 1 : -1);
                float azimuth = baseAzimuth + step * 2 * MathF.PI / options.Azimuths;
                var direction = new Vector3(MathF.Cos(elevation) * MathF.Cos(azimuth), MathF.Cos(elevation) * MathF.Sin(azimuth), MathF.Sin(elevation));
                var eye = centre + direction * distance;
                if (caster.DistanceToSurface(eye, options.Clearance) < options.Clearance) continue;
                if (caster.IsEnclosed(eye)) continue;
                if (!Sees(caster, eye, centre, part)) continue;
                return CameraPose.LookAt(eye, centre);
            }
        }
        return null;
    }
}
