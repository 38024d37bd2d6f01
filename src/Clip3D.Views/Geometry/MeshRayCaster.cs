using System.Numerics;
using Clip3D.Mesh;

namespace Clip3D.Views.Geometry;

/// <summary>
/// CPU ray casting and distance queries against a scene's surface triangles through a bounding volume hierarchy
/// (median split on the longest centroid axis, up to 4 triangles a leaf). Both faces of every triangle are hit.
/// Used as the independent reference for rendered views, for visibility, and by camera planners to keep
/// viewpoints out of geometry. Immutable after construction; safe to query from many threads.
/// </summary>
public sealed class MeshRayCaster
{
    private const int LeafSize = 4;

    // Triangles flattened in scene-wide id order; _order permutes them into BVH leaf order.
    private readonly Vector3[] _a, _b, _c;
    private readonly int[] _partOfTriangle;
    private readonly int[] _order;
    private readonly Node[] _nodes;

    private struct Node
    {
        public Vector3 Min, Max;
        public int Start, Count; // leaf: triangles _order[Start..Start+Count); inner: Count = 0, children Start and Start+1.
    }

    public MeshRayCaster(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        Scene = scene;
        int n = scene.TriangleCount;
        _a = new Vector3[n];
        _b = new Vector3[n];
        _c = new Vector3[n];
        _partOfTriangle = new int[n];
        for (int p = 0; p < scene.Parts.Count; p++)
        {
            var part = scene.Parts[p];
            int offset = scene.TriangleOffset(p);
            for (int t = 0; t < part.TriangleCount; t++)
            {
                var (ia, ib, ic) = part.Triangle(t);
                _a[offset + t] = part.Positions[ia];
                _b[offset + t] = part.Positions[ib];
                _c[offset + t] = part.Positions[ic];
                _partOfTriangle[offset + t] = p;
            }
        }
        _order = new int[n];
        for (int i = 0; i < n; i++) _order[i] = i;
        var nodes = new List<Node>(Math.Max(1, 2 * n / LeafSize));
        var centroids = new Vector3[n];
        for (int i = 0; i < n; i++) centroids[i] = (_a[i] + _b[i] + _c[i]) / 3f;
        nodes.Add(default);
        if (n > 0) Build(nodes, 0, 0, n, centroids);
        _nodes = nodes.ToArray();
    }

    public Scene Scene { get; }

    public int TriangleCount => _a.Length;

    /// <summary>The nearest hit along a ray with distance in (<paramref name="minDistance"/>, <paramref name="maxDistance"/>).</summary>
    public bool Intersect(Vector3 origin, Vector3 direction, out RayHit hit, float minDistance = 0f, float maxDistance = float.PositiveInfinity)
    {
        hit = default;
        if (_a.Length == 0) return false;
        direction = Vector3.Normalize(direction);
        var inverse = new Vector3(1f / direction.X, 1f / direction.Y, 1f / direction.Z);
        float best = maxDistance;
        int bestTriangle = -1;
        Vector2 bestUv = default;
        Span<int> stack = stackalloc int[128];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly var node = ref _nodes[stack[--top]];
            if (!RayBox(origin, inverse, node.Min, node.Max, best, out _)) continue;
            if (node.Count > 0)
            {
                for (int i = node.Start; i < node.Start + node.Count; i++)
                {
                    int t = _order[i];
                    if (RayTriangle(origin, direction, _a[t], _b[t], _c[t], out float d, out var uv) && d > minDistance && d < best)
                    {
                        best = d;
                        bestTriangle = t;
                        bestUv = uv;
                    }
                }
            }
            else
            {
                // Visit the nearer child first so far subtrees are pruned by a good best distance.
                int left = node.Start, right = node.Start + 1;
                bool hitLeft = RayBox(origin, inverse, _nodes[left].Min, _nodes[left].Max, best, out float dl);
                bool hitRight = RayBox(origin, inverse, _nodes[right].Min, _nodes[right].Max, best, out float dr);
                if (hitLeft && hitRight)
                {
                    if (dl < dr) { stack[top++] = right; stack[top++] = left; }
                    else { stack[top++] = left; stack[top++] = right; }
                }
                else if (hitLeft) stack[top++] = left;
                else if (hitRight) stack[top++] = right;
            }
        }
        if (bestTriangle < 0) return false;
        var bary = new Vector3(1 - bestUv.X - bestUv.Y, bestUv.X, bestUv.Y);
        hit = new RayHit(best, _partOfTriangle[bestTriangle], bestTriangle, bary, origin + direction * best);
        return true;
    }

    /// <summary>Unit normal of a triangle (by its winding: counter-clockwise seen from the front).</summary>
    public Vector3 FaceNormal(int triangleId) =>
        Vector3.Normalize(Vector3.Cross(_b[triangleId] - _a[triangleId], _c[triangleId] - _a[triangleId]));

    /// <summary>
    /// Whether <paramref name="point"/> lies inside a closed object (or outside a closed room): most of eight rays around
    /// it that hit anything leave through the back of a face.
    /// </summary>
    public bool IsEnclosed(Vector3 point)
    {
        const int probes = 8;
        int hits = 0, backFaces = 0;
        for (int k = 0; k < probes; k++)
        {
            float a = 2 * MathF.PI * k / probes;
            // Alternate slightly up and down so rays do not all run along one horizontal seam.
            var direction = Vector3.Normalize(new Vector3(MathF.Cos(a), MathF.Sin(a), k % 2 == 0 ? 0.3f : -0.3f));
            if (!Intersect(point, direction, out var hit)) continue;
            hits++;
            if (Vector3.Dot(FaceNormal(hit.TriangleId), direction) > 0) backFaces++;
        }
        return hits > 0 && backFaces * 2 > hits;
    }

    /// <summary>Whether anything lies on the segment from <paramref name="from"/> to <paramref name="to"/> (ends excluded by <paramref name="epsilon"/>).</summary>
    public bool IsOccluded(Vector3 from, Vector3 to, float epsilon = 1e-4f)
    {
        var d = to - from;
        float length = d.Length();
        if (!(length > 2 * epsilon)) return false;
        return Intersect(from, d / length, out _, epsilon, length - epsilon);
    }

    /// <summary>
    /// Distance from <paramref name="point"/> to the nearest surface, or +∞ when none is within
    /// <paramref name="maxDistance"/>.
    /// </summary>
    public float DistanceToSurface(Vector3 point, float maxDistance = float.PositiveInfinity)
    {
        if (_a.Length == 0) return float.PositiveInfinity;
        float best2 = maxDistance * maxDistance;
        bool found = false;
        Span<int> stack = stackalloc int[128];
        int top = 0;
        stack[top++] = 0;
        while (top > 0)
        {
            ref readonly var node = ref _nodes[stack[--top]];
            if (BoxDistanceSquared(point, node.Min, node.Max) > best2) continue;
            if (node.Count > 0)
            {
                for (int i = node.Start; i < node.Start + node.Count; i++)
                {
                    int t = _order[i];
                    float d2 = Vector3.DistanceSquared(point, ClosestPointOnTriangle(point, _a[t], _b[t], _c[t]));
                    if (d2 <= best2) { best2 = d2; found = true; }
                }
            }
            else
            {
                stack[top++] = node.Start;
                stack[top++] = node.Start + 1;
            }
        }
        return found ? MathF.Sqrt(best2) : float.PositiveInfinity;
    }

    private void Build(List<Node> nodes, int index, int start, int count, Vector3[] centroids)
    {
        var min = new Vector3(float.PositiveInfinity);
        var max = new Vector3(float.NegativeInfinity);
        var cmin = min;
        var cmax = max;
        for (int i = start; i < start + count; i++)
        {
            int t = _order[i];
            min = Vector3.Min(min, Vector3.Min(_a[t], Vector3.Min(_b[t], _c[t])));
            max = Vector3.Max(max, Vector3.Max(_a[t], Vector3.Max(_b[t], _c[t])));
            cmin = Vector3.Min(cmin, centroids[t]);
            cmax = Vector3.Max(cmax, centroids[t]);
        }
        var extent = cmax - cmin;
        if (count <= LeafSize || extent == Vector3.Zero)
        {
            nodes[index] = new Node { Min = min, Max = max, Start = start, Count = count };
            return;
        }
        int axis = extent.X >= extent.Y && extent.X >= extent.Z ? 0 : extent.Y >= extent.Z ? 1 : 2;
        int half = count / 2;
        // Partial sort around the median on the chosen axis: O(n) per level.
        var keys = new float[count];
        for (int i = 0; i < count; i++) keys[i] = Component(centroids[_order[start + i]], axis);
        var segment = new Span<int>(_order, start, count);
        SelectNth(keys, segment, half);
        int left = nodes.Count;
        nodes.Add(default);
        nodes.Add(default);
        nodes[index] = new Node { Min = min, Max = max, Start = left, Count = 0 };
        Build(nodes, left, start, half, centroids);
        Build(nodes, left + 1, start + half, count - half, centroids);
    }

    /// <summary>Quickselect: afterwards keys[..nth] ≤ keys[nth] ≤ keys[nth..], with items permuted alongside.</summary>
    private static void SelectNth(float[] keys, Span<int> items, int nth)
    {
        int lo = 0, hi = keys.Length - 1;
        while (lo < hi)
        {
            float pivot = keys[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    (items[i], items[j]) = (items[j], items[i]);
                    i++;
                    j--;
                }
            }
            if (nth <= j) hi = j;
            else if (nth >= i) lo = i;
            else break;
        }
    }

    private static float Component(Vector3 v, int axis) => axis == 0 ? v.X : axis == 1 ? v.Y : v.Z;

    private static bool RayBox(Vector3 origin, Vector3 inverse, Vector3 min, Vector3 max, float maxT, out float tEnter)
    {
        var t1 = (min - origin) * inverse;
        var t2 = (max - origin) * inverse;
        var tNear = Vector3.Min(t1, t2);
        var tFar = Vector3.Max(t1, t2);
        // NaN (0 × ∞ for rays in a box face plane) must not reject: MathF.Max/Min ignore one NaN operand poorly, so use comparisons.
        float enter = MaxIgnoringNaN(MaxIgnoringNaN(tNear.X, tNear.Y), MaxIgnoringNaN(tNear.Z, 0f));
        float exit = MinIgnoringNaN(MinIgnoringNaN(tFar.X, tFar.Y), MinIgnoringNaN(tFar.Z, maxT));
        tEnter = enter;
        return enter <= exit;
    }

    private static float MaxIgnoringNaN(float a, float b) => float.IsNaN(a) ? b : float.IsNaN(b) ? a : Math.Max(a, b);

    private static float MinIgnoringNaN(float a, float b) => float.IsNaN(a) ? b : float.IsNaN(b) ? a : Math.Min(a, b);

    /// <summary>Möller–Trumbore, both faces. uv are the weights of B and C.</summary>
    private static bool RayTriangle(Vector3 origin, Vector3 direction, Vector3 a, Vector3 b, Vector3 c, out float t, out Vector2 uv)
    {
        t = 0;
        uv = default;
        var e1 = b - a;
        var e2 = c - a;
        var p = Vector3.Cross(direction, e2);
        float det = Vector3.Dot(e1, p);
        if (MathF.Abs(det) < 1e-12f) return false;
        float inv = 1f / det;
        var s = origin - a;
        float u = Vector3.Dot(s, p) * inv;
        if (u < 0 || u > 1) return false;
        var q = Vector3.Cross(s, e1);
        float v = Vector3.Dot(direction, q) * inv;
        if (v < 0 || u + v > 1) return false;
        t = Vector3.Dot(e2, q) * inv;
        uv = new Vector2(u, v);
        return t > 0;
    }

    private static float BoxDistanceSquared(Vector3 p, Vector3 min, Vector3 max)
    {
        var d = Vector3.Max(Vector3.Max(min - p, Vector3.Zero), p - max);
        return d.LengthSquared();
    }

    /// <summary>Closest point on triangle ABC to P (Ericson, Real-Time Collision Detection, 5.1.5).</summary>
    private static Vector3 ClosestPointOnTriangle(Vector3 p, Vector3 a, Vector3 b, Vector3 c)
    {
        var ab = b - a;
        var ac = c - a;
        var ap = p - a;
        float d1 = Vector3.Dot(ab, ap), d2 = Vector3.Dot(ac, ap);
        if (d1 <= 0 && d2 <= 0) return a;
        var bp = p - b;
        float d3 = Vector3.Dot(ab, bp), d4 = Vector3.Dot(ac, bp);
        if (d3 >= 0 && d4 <= d3) return b;
        float vc = d1 * d4 - d3 * d2;
        if (vc <= 0 && d1 >= 0 && d3 <= 0) return a + d1 / (d1 - d3) * ab;
        var cp = p - c;
        float d5 = Vector3.Dot(ab, cp), d6 = Vector3.Dot(ac, cp);
        if (d6 >= 0 && d5 <= d6) return c;
        float vb = d5 * d2 - d1 * d6;
        if (vb <= 0 && d2 >= 0 && d6 <= 0) return a + d2 / (d2 - d6) * ac;
        float va = d3 * d6 - d5 * d4;
        if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) return b + (d4 - d3) / (d4 - d3 + (d5 - d6)) * (c - b);
        float denom = 1f / (va + vb + vc);
        return a + ab * (vb * denom) + ac * (vc * denom);
    }
}
