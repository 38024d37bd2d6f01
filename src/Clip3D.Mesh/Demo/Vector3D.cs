using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// A double-precision 3-vector for building demo geometry. The generator computes every coordinate in doubles
/// with plain scalar arithmetic and rounds to float once, at the end: <see cref="System.Numerics"/> single-precision
/// helpers may use fused multiply-add on some CPUs and not on others, which would make the committed files
/// depend on the machine that wrote them.
/// </summary>
internal readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D Zero { get; } = new(0, 0, 0);
    public static Vector3D UnitX { get; } = new(1, 0, 0);
    public static Vector3D UnitY { get; } = new(0, 1, 0);
    public static Vector3D UnitZ { get; } = new(0, 0, 1);

    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);
    public static Vector3D operator *(Vector3D a, double s) => new(a.X * s, a.Y * s, a.Z * s);
    public static Vector3D operator *(double s, Vector3D a) => new(a.X * s, a.Y * s, a.Z * s);

    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);

    public static double Dot(Vector3D a, Vector3D b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    public static Vector3D Cross(Vector3D a, Vector3D b) =>
        new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    public Vector3D Normalized()
    {
        double length = Length;
        if (!(length > 0))
            throw new InvalidOperationException("Cannot normalise a zero vector (a demo primitive is degenerate).");
        return this * (1.0 / length);
    }

    /// <summary>The nearest single-precision vector (each component rounded once).</summary>
    public Vector3 ToSingle() => new((float)X, (float)Y, (float)Z);
}
