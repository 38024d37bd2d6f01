using System.Numerics;
using Clip3D.Mesh;

namespace Clip3D.Views.Cameras;

/// <summary>
/// Cameras around an object, all looking at the centre of its bounds, at the distance where the bounding sphere
/// fits the narrower field of view (times a margin), so the object fills every view. Deterministic for a seed.
/// </summary>
public static class OrbitPlanner
{
    private static readonly float GoldenAngle = MathF.PI * (3 - MathF.Sqrt(5));

    public static IReadOnlyList<Camera> Plan(Bounds bounds, OrbitOptions? options = null)
    {
        options ??= OrbitOptions.Default;
        options.Validate();
        if (bounds.IsEmpty)
            throw new ArgumentException("Cannot plan an orbit around empty bounds.");
        var intrinsics = CameraIntrinsics.FromVerticalFov(options.Width, options.Height, options.VerticalFovDegrees);
        float halfFov = MathF.Min(intrinsics.VerticalFovDegrees, intrinsics.HorizontalFovDegrees) * MathF.PI / 360f;
        float sphereRadius = MathF.Max(bounds.Diagonal / 2, 1e-3f);
        float distance = sphereRadius / MathF.Sin(halfFov) * options.Margin;
        var centre = bounds.Center;
        float azimuthOffset = new DeterministicRandom(options.Seed).NextSingle() * 2 * MathF.PI;

        var cameras = new List<Camera>(options.Views);
        foreach (var (elevation, azimuth) in Directions(options))
        {
            float cosE = MathF.Cos(elevation);
            var direction = new Vector3(cosE * MathF.Cos(azimuth + azimuthOffset), cosE * MathF.Sin(azimuth + azimuthOffset), MathF.Sin(elevation));
            var eye = centre + direction * distance;
            cameras.Add(new Camera(intrinsics, CameraPose.LookAt(eye, centre)) { Name = $"orbit_{cameras.Count:D3}" });
        }
        return cameras;
    }

    /// <summary>Convenience: orbit around a whole scene.</summary>
    public static IReadOnlyList<Camera> Plan(Scene scene, OrbitOptions? options = null) => Plan(scene.Bounds, options);

    private static IEnumerable<(float Elevation, float Azimuth)> Directions(OrbitOptions o)
    {
        float lo = o.MinElevationDegrees * MathF.PI / 180, hi = o.MaxElevationDegrees * MathF.PI / 180;
        int n = o.Views;
        if (o.Layout == OrbitLayout.Fibonacci)
        {
            // Uniform in sin(elevation) = uniform area on the sphere band; azimuth steps by the golden angle.
            float zLo = MathF.Sin(lo), zHi = MathF.Sin(hi);
            for (int i = 0; i < n; i++)
            {
                float z = zLo + (zHi - zLo) * (i + 0.5f) / n;
                yield return (MathF.Asin(Math.Clamp(z, -1f, 1f)), i * GoldenAngle);
            }
            yield break;
        }
        int rings = Math.Max(1, Math.Min(n, (int)MathF.Round(MathF.Sqrt(n / 4f))));
        for (int r = 0; r < rings; r++)
        {
            int inRing = n / rings + (r < n % rings ? 1 : 0);
            float elevation = rings == 1 ? (lo + hi) / 2 : lo + (hi - lo) * r / (rings - 1);
            // Stagger alternate rings by half a step so views do not line up vertically.
            float stagger = r % 2 == 0 ? 0 : MathF.PI / inRing;
            for (int k = 0; k < inRing; k++)
                yield return (elevation, stagger + 2 * MathF.PI * k / inRing);
        }
    }
}
