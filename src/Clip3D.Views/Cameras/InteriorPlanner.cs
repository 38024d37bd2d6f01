using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Geometry;

namespace Clip3D.Views.Cameras;

/// <summary>
/// Viewpoints inside a room: a grid of candidates at eye height over the scene's footprint; candidates closer
/// than the clearance to any surface, inside an object (most rays leave through back faces) or not above a
/// floor are dropped; the survivors are thinned by farthest-point sampling to the wanted number; each looks
/// around at several yaw angles, tilted down. Deterministic for a seed.
/// </summary>
public static class InteriorPlanner
{
    /// <exception cref="ArgumentException">No candidate has the required free space.</exception>
    public static IReadOnlyList<Camera> Plan(Scene scene, MeshRayCaster caster, InteriorOptions? options = null)
    {
        options ??= InteriorOptions.Default;
        options.Validate();
        if (scene.TriangleCount == 0)
            throw new ArgumentException($"{scene.SourcePath}: the scene has no surfaces to plan interior views in.");
        var bounds = scene.Bounds;
        float z = bounds.Min.Z + options.EyeHeight;
        var random = new DeterministicRandom(options.Seed);

        float width = bounds.Size.X - 2 * options.Clearance, depth = bounds.Size.Y - 2 * options.Clearance;
        if (!(width > 0 && depth > 0))
            throw new ArgumentException($"{scene.SourcePath}: the scene's footprint {bounds.Size.X:0.##}×{bounds.Size.Y:0.##} m is too small for a clearance of {options.Clearance} m.");
        // Aim for about four candidates per wanted position: many are inside furniture or too close to it.
        float spacing = options.GridSpacing > 0 ? options.GridSpacing : MathF.Sqrt(width * depth / (4f * options.Positions));
        float offsetX = random.NextSingle() * spacing, offsetY = random.NextSingle() * spacing;

        var candidates = new List<Vector3>();
        for (float x = bounds.Min.X + options.Clearance + offsetX % spacing; x <= bounds.Max.X - options.Clearance; x += spacing)
            for (float y = bounds.Min.Y + options.Clearance + offsetY % spacing; y <= bounds.Max.Y - options.Clearance; y += spacing)
            {
                var p = new Vector3(x, y, z);
                if (caster.DistanceToSurface(p, options.Clearance) < options.Clearance) continue;
                if (!caster.Intersect(p, -Vector3.UnitZ, out _)) continue; // nothing below: outside the floor
                if (caster.IsEnclosed(p)) continue;
                candidates.Add(p);
            }
        if (candidates.Count == 0)
            throw new ArgumentException(
                $"{scene.SourcePath}: no free viewpoint at {options.EyeHeight} m with {options.Clearance} m clearance; lower the clearance or use the orbit planner.");

        var chosen = FarthestPoints(candidates, options.Positions, bounds.Center with { Z = z });
        var intrinsics = CameraIntrinsics.FromVerticalFov(options.Width, options.Height, options.VerticalFovDegrees);
        float pitch = options.PitchDownDegrees * MathF.PI / 180;
        float yawPhase = random.NextSingle() * 2 * MathF.PI / options.YawsPerPosition;
        var cameras = new List<Camera>(chosen.Count * options.YawsPerPosition);
        for (int i = 0; i < chosen.Count; i++)
            for (int k = 0; k < options.YawsPerPosition; k++)
            {
                float yaw = yawPhase + 2 * MathF.PI * k / options.YawsPerPosition;
                var forward = new Vector3(MathF.Cos(yaw) * MathF.Cos(pitch), MathF.Sin(yaw) * MathF.Cos(pitch), -MathF.Sin(pitch));
                cameras.Add(new Camera(intrinsics, CameraPose.LookAt(chosen[i], chosen[i] + forward)) { Name = $"interior_{i:D2}_{k:D2}" });
            }
        return cameras;
    }

    /// <summary>Greedy farthest-point sampling, starting from the candidate nearest <paramref name="start"/>.</summary>
    private static List<Vector3> FarthestPoints(List<Vector3> candidates, int count, Vector3 start)
    {
        var chosen = new List<Vector3>();
        var distance = new float[candidates.Count];
        int first = 0;
        for (int i = 1; i < candidates.Count; i++)
            if (Vector3.DistanceSquared(candidates[i], start) < Vector3.DistanceSquared(candidates[first], start)) first = i;
        Array.Fill(distance, float.PositiveInfinity);
        int next = first;
        while (chosen.Count < Math.Min(count, candidates.Count))
        {
            chosen.Add(candidates[next]);
            int best = -1;
            for (int i = 0; i < candidates.Count; i++)
            {
                distance[i] = MathF.Min(distance[i], Vector3.DistanceSquared(candidates[i], candidates[next]));
                if (distance[i] > 0 && (best < 0 || distance[i] > distance[best])) best = i;
            }
            if (best < 0) break;
            next = best;
        }
        return chosen;
    }
}
