using System.Numerics;

namespace Clip3D.Mesh;

/// <summary>An axis-aligned box in the world frame (metres, Z up). <see cref="Empty"/> contains nothing.</summary>
public readonly record struct Bounds(Vector3 Min, Vector3 Max)
{
    /// <summary>The box that contains nothing; the identity of <see cref="Union(Bounds)"/>.</summary>
    public static Bounds Empty { get; } = new(new Vector3(float.PositiveInfinity), new Vector3(float.NegativeInfinity));

    public bool IsEmpty => !(Min.X <= Max.X && Min.Y <= Max.Y && Min.Z <= Max.Z);

    public Vector3 Center => (Min + Max) * 0.5f;

    public Vector3 Size => IsEmpty ? Vector3.Zero : Max - Min;

    /// <summary>Length of the box diagonal; the natural "scene size" for tolerances and camera distances.</summary>
    public float Diagonal => Size.Length();

    public Bounds Union(Bounds other) => new(Vector3.Min(Min, other.Min), Vector3.Max(Max, other.Max));

    public Bounds Include(Vector3 point) => new(Vector3.Min(Min, point), Vector3.Max(Max, point));

    public bool Contains(Vector3 p, float tolerance = 0f) =>
        p.X >= Min.X - tolerance && p.Y >= Min.Y - tolerance && p.Z >= Min.Z - tolerance &&
        p.X <= Max.X + tolerance && p.Y <= Max.Y + tolerance && p.Z <= Max.Z + tolerance;

    public static Bounds Of(ReadOnlySpan<Vector3> points)
    {
        var min = new Vector3(float.PositiveInfinity);
        var max = new Vector3(float.NegativeInfinity);
        foreach (var p in points)
        {
            min = Vector3.Min(min, p);
            max = Vector3.Max(max, p);
        }
        return new Bounds(min, max);
    }
}
