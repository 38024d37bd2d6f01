using System.Numerics;
using System.Runtime.CompilerServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Splits an OBJ polygon (a face with more than three corners) into corners − 2 triangles that keep its winding.
/// The polygon is projected onto its best-fit plane, whose normal is Newell's normal (robust for slightly
/// non-planar faces). A convex polygon becomes a fan; a concave one is cut by ear clipping, which also handles
/// the "keyhole" polygons exporters write for faces with holes (a bridge edge walked twice, so some corners
/// repeat: corners at the same position as an ear's corners are not counted as lying inside it).
/// One instance reuses its scratch buffers across faces; not thread-safe.
/// </summary>
internal sealed class ObjPolygonTriangulator
{
    /// <summary>
    /// Point-in-triangle tests one polygon may spend before the rest of it is finished as a fan. Ear clipping is
    /// quadratic (cubic on adversarial input), so this bounds the time a crafted face can take; real faces need
    /// a tiny fraction of it.
    /// </summary>
    public const long MaxPointTests = 1L << 24;

    private double[] _x = new double[16];
    private double[] _y = new double[16];
    private int[] _prev = new int[16];
    private int[] _next = new int[16];

    /// <summary>
    /// Appends the triangles of <paramref name="polygon"/> to <paramref name="triangles"/> as corner indices
    /// (0-based positions in <paramref name="polygon"/>), three per triangle, always <c>polygon.Length − 2</c>
    /// triangles. Returns false when the polygon was too complex for ear clipping within
    /// <see cref="MaxPointTests"/> and its remainder was fanned instead (the caller warns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Triangulate(ReadOnlySpan<Vector3> polygon, List<int> triangles)
    {
        int n = polygon.Length;
        if (n < 3)
            throw new ArgumentException("A polygon needs at least 3 corners.", nameof(polygon));
        if (n == 3)
        {
            triangles.Add(0); triangles.Add(1); triangles.Add(2);
            return true;
        }
        if (!Project(polygon) || IsConvex(n))
        {
            AddFan(triangles, n);
            return true;
        }
        return ClipEars(n, triangles);
    }

    /// <summary>
    /// Fills the 2-D coordinates: the polygon relative to its first corner (for precision far from the origin),
    /// projected along the dominant axis of Newell's normal and mirrored if needed so that it runs
    /// counter-clockwise. Returns false when the normal is zero or not finite (a degenerate polygon).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Project(ReadOnlySpan<Vector3> polygon)
    {
        int n = polygon.Length;
        if (_x.Length < n)
        {
            int size = Math.Max(n, _x.Length * 2);
            _x = new double[size];
            _y = new double[size];
            _prev = new int[size];
            _next = new int[size];
        }
        var origin = polygon[0];
        double nx = 0, ny = 0, nz = 0;
        for (int i = 0; i < n; i++)
        {
            var a = polygon[i] - origin;
            var b = polygon[i + 1 == n ? 0 : i + 1] - origin;
            nx += ((double)a.Y - b.Y) * ((double)a.Z + b.Z);
            ny += ((double)a.Z - b.Z) * ((double)a.X + b.X);
            nz += ((double)a.X - b.X) * ((double)a.Y + b.Y);
        }
        double ax = Math.Abs(nx), ay = Math.Abs(ny), az = Math.Abs(nz);
        if (!(ax + ay + az > 0) || !double.IsFinite(ax + ay + az))
            return false;
        // Dropping axis k keeps the other two in cyclic order (y,z), (z,x), (x,y), whose signed area has the
        // sign of the normal's k component; mirror when that is negative.
        int axis = az >= ax && az >= ay ? 2 : ax >= ay ? 0 : 1;
        double sign = (axis == 0 ? nx : axis == 1 ? ny : nz) < 0 ? -1 : 1;
        for (int i = 0; i < n; i++)
        {
            var p = polygon[i] - origin;
            (double u, double v) = axis switch
            {
                0 => ((double)p.Y, (double)p.Z),
                1 => ((double)p.Z, (double)p.X),
                _ => ((double)p.X, (double)p.Y),
            };
            _x[i] = u * sign;
            _y[i] = v;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsConvex(int n)
    {
        for (int i = 0; i < n; i++)
        {
            int prev = i == 0 ? n - 1 : i - 1;
            int next = i + 1 == n ? 0 : i + 1;
            if (Orient(prev, i, next) < 0)
                return false;
        }
        return true;
    }

    private static void AddFan(List<int> triangles, int n)
    {
        for (int i = 1; i + 1 < n; i++)
        {
            triangles.Add(0); triangles.Add(i); triangles.Add(i + 1);
        }
    }

    // How strict the ear test is. Strict is right for simple polygons; the relaxed levels only come into play
    // after a full round finds no ear (self-touching or self-intersecting input), and guarantee progress.
    private enum EarTest
    {
        NothingInsideOrOnBoundary,
        NothingStrictlyInside,
        AnyConvexCorner,
        AnyCorner,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ClipEars(int n, List<int> triangles)
    {
        for (int i = 0; i < n; i++)
        {
            _prev[i] = i == 0 ? n - 1 : i - 1;
            _next[i] = i + 1 == n ? 0 : i + 1;
        }
        int remaining = n;
        int current = 0;
        int failuresInARow = 0;
        var test = EarTest.NothingInsideOrOnBoundary;
        long budget = MaxPointTests;
        while (remaining > 3)
        {
            if (budget < 0)
            {
                // Fan the rest from the current corner: still remaining − 2 triangles, so counts stay right.
                int a = current, b = _next[a];
                for (int k = 0; k < remaining - 2; k++)
                {
                    int c = _next[b];
                    triangles.Add(a); triangles.Add(b); triangles.Add(c);
                    b = c;
                }
                return false;
            }
            int prev = _prev[current], next = _next[current];
            if (IsEar(prev, current, next, test, ref budget))
            {
                triangles.Add(prev); triangles.Add(current); triangles.Add(next);
                _next[prev] = next;
                _prev[next] = prev;
                remaining--;
                current = next;
                failuresInARow = 0;
                test = EarTest.NothingInsideOrOnBoundary;
                continue;
            }
            current = next;
            if (++failuresInARow >= remaining)
            {
                failuresInARow = 0;
                test++;
            }
        }
        triangles.Add(_prev[current]); triangles.Add(current); triangles.Add(_next[current]);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsEar(int a, int b, int c, EarTest test, ref long budget)
    {
        if (test == EarTest.AnyCorner)
            return true;
        if (!(Orient(a, b, c) > 0))
            return false;
        if (test == EarTest.AnyConvexCorner)
            return true;
        bool strict = test == EarTest.NothingStrictlyInside;
        for (int r = _next[c]; r != a; r = _next[r])
        {
            budget--;
            if (SamePoint(r, a) || SamePoint(r, b) || SamePoint(r, c))
                continue; // a repeated corner of a keyhole bridge is the ear's own corner, not an obstacle
            double ab = Orient(a, b, r), bc = Orient(b, c, r), ca = Orient(c, a, r);
            bool inside = strict ? ab > 0 && bc > 0 && ca > 0 : ab >= 0 && bc >= 0 && ca >= 0;
            if (inside)
                return false;
        }
        return true;
    }

    private bool SamePoint(int i, int j) => _x[i] == _x[j] && _y[i] == _y[j];

    /// <summary>Twice the signed area of triangle (i, j, k): positive when it turns counter-clockwise.</summary>
    private double Orient(int i, int j, int k) =>
        (_x[j] - _x[i]) * (_y[k] - _y[i]) - (_y[j] - _y[i]) * (_x[k] - _x[i]);
}
