using System.Numerics;
using System.Text.Json;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// The node hierarchy of a glTF file, built from the JSON: parents, children, local transforms and
/// visibility. glTF requires the nodes to form disjoint trees (section 3.5.2); a node with two parents or a
/// cycle is reported as <see cref="MeshDataException"/> here, before anything walks the hierarchy, and
/// every walk is iterative so that a deep hierarchy cannot exhaust the stack.
/// </summary>
internal sealed class GltfNodeGraph
{
    private readonly int[] _parent;
    private readonly int[][] _children;
    private readonly Matrix4x4[] _local;
    private readonly bool[] _hidden;
    private readonly int[] _depth;

    private GltfNodeGraph(int[] parent, int[][] children, Matrix4x4[] local, bool[] hidden, int[] depth)
    {
        _parent = parent;
        _children = children;
        _local = local;
        _hidden = hidden;
        _depth = depth;
    }

    public int Count => _parent.Length;

    /// <summary>Transform from node space to parent space (row-vector convention of System.Numerics).</summary>
    public Matrix4x4 LocalMatrix(int node) => _local[node];

    /// <summary>0 for a node without a parent.</summary>
    public int Depth(int node) => _depth[node];

    /// <summary>Builds the graph from JSON that <see cref="GltfSchemaValidator"/> has checked (child indices are in range).</summary>
    public static GltfNodeGraph Build(ReadContext context, JsonElement root)
    {
        var nodes = GltfJson.Items(root, "nodes").ToArray();
        int n = nodes.Length;
        var parent = new int[n];
        Array.Fill(parent, -1);
        var children = new int[n][];
        var local = new Matrix4x4[n];
        var hidden = new bool[n];
        for (int i = 0; i < n; i++)
        {
            children[i] = GltfJson.Items(nodes[i], "children").Select(c => c.GetInt32()).ToArray();
            foreach (int child in children[i])
            {
                if (parent[child] >= 0 && parent[child] != i)
                    throw context.Data($"nodes[{child}]", $"is a child of both nodes[{parent[child]}] and nodes[{i}]; a glTF node has at most one parent");
                if (parent[child] == i)
                    throw context.Data($"nodes[{i}].children", $"lists nodes[{child}] twice");
                parent[child] = i;
            }
            local[i] = LocalTransform(nodes[i]);
            hidden[i] = nodes[i].TryGetProperty("extensions", out var extensions)
                && extensions.TryGetProperty("KHR_node_visibility", out var visibility)
                && visibility.TryGetProperty("visible", out var visible) && visible.ValueKind == JsonValueKind.False;
        }
        return new GltfNodeGraph(parent, children, local, hidden, Depths(context, parent));
    }

    /// <summary>
    /// Depth of every node, following parent links; a walk that comes back to a node it is still on is a cycle.
    /// Each node is visited once, so this is linear even for a long chain.
    /// </summary>
    private static int[] Depths(ReadContext context, int[] parent)
    {
        const int Unvisited = -1, OnPath = -2;
        int n = parent.Length;
        var depth = new int[n];
        Array.Fill(depth, Unvisited);
        var path = new List<int>();
        for (int start = 0; start < n; start++)
        {
            path.Clear();
            int v = start;
            while (v >= 0 && depth[v] == Unvisited)
            {
                depth[v] = OnPath;
                path.Add(v);
                v = parent[v];
            }
            if (v >= 0 && depth[v] == OnPath)
                throw context.Data($"nodes[{v}]", $"the node hierarchy has a cycle: {DescribeCycle(path, v)}");
            int d = v < 0 ? -1 : depth[v];
            for (int k = path.Count - 1; k >= 0; k--)
                depth[path[k]] = ++d;
        }
        return depth;
    }

    /// <summary>The cycle in parent → child order from <paramref name="repeated"/>, e.g. "nodes[0] → nodes[1] → nodes[0]".</summary>
    private static string DescribeCycle(List<int> childToParentPath, int repeated)
    {
        // The path runs child → parent and ends just before coming back to the repeated node.
        var cycle = childToParentPath.Skip(childToParentPath.IndexOf(repeated) + 1).Reverse().ToList();
        cycle.Insert(0, repeated);
        cycle.Add(repeated);
        return string.Join(" → ", cycle.Select(i => $"nodes[{i}]")) + " (parent → child)";
    }

    /// <summary>
    /// The nodes to read: those of the default scene, of scene 0 when no scene is marked default, or every node
    /// without a parent when the file has no scenes.
    /// </summary>
    public IReadOnlyList<int> SceneRoots(ReadContext context, JsonElement root)
    {
        int sceneCount = GltfJson.Count(root, "scenes");
        if (sceneCount == 0)
            return Enumerable.Range(0, Count).Where(i => _parent[i] < 0).ToArray();
        int scene = GltfJson.Int(root, "scene") ?? 0;
        if (sceneCount > 1)
            context.Warn(null, $"the file has {sceneCount} scenes; only scenes[{scene}] is read");
        var roots = GltfJson.Items(root.GetProperty("scenes")[scene], "nodes").Select(e => e.GetInt32()).ToArray();
        var seen = new HashSet<int>();
        foreach (int node in roots)
        {
            if (!seen.Add(node))
                throw context.Data($"scenes[{scene}].nodes", $"lists nodes[{node}] twice");
            if (_parent[node] >= 0)
                throw context.Data($"scenes[{scene}].nodes", $"lists nodes[{node}] as a root, but it is a child of nodes[{_parent[node]}]");
        }
        return roots;
    }

    /// <summary>
    /// Every visible node under <paramref name="roots"/>, parents before children in document order, with its
    /// world transform. A node hidden by KHR_node_visibility is skipped with its subtree (with a warning).
    /// </summary>
    public IEnumerable<(int Node, Matrix4x4 World)> Walk(ReadContext context, IReadOnlyList<int> roots)
    {
        var stack = new Stack<(int Node, Matrix4x4 ParentWorld)>();
        for (int i = roots.Count - 1; i >= 0; i--)
            stack.Push((roots[i], Matrix4x4.Identity));
        while (stack.Count > 0)
        {
            var (node, parentWorld) = stack.Pop();
            if (_hidden[node])
            {
                context.Warn($"nodes[{node}]", "hidden by KHR_node_visibility; the node and its children are not read");
                continue;
            }
            var world = _local[node] * parentWorld;
            yield return (node, world);
            var children = _children[node];
            for (int i = children.Length - 1; i >= 0; i--)
                stack.Push((children[i], world));
        }
    }

    /// <summary>
    /// A node's local transform: its column-major <c>matrix</c>, or translation × rotation × scale. The
    /// rotation is normalised here, since SharpGLTF's check for it may have been skipped.
    /// </summary>
    private static Matrix4x4 LocalTransform(JsonElement node)
    {
        if (GltfJson.Numbers(node, "matrix", 16) is { } m)
        {
            // glTF's column-major array read row by row is exactly the row-vector matrix System.Numerics uses.
            return new Matrix4x4(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7],
                m[8], m[9], m[10], m[11], m[12], m[13], m[14], m[15]);
        }
        var t = GltfJson.Numbers(node, "translation", 3) is { } tv ? new Vector3(tv[0], tv[1], tv[2]) : Vector3.Zero;
        var r = GltfJson.Numbers(node, "rotation", 4) is { } rv ? new Quaternion(rv[0], rv[1], rv[2], rv[3]) : Quaternion.Identity;
        var s = GltfJson.Numbers(node, "scale", 3) is { } sv ? new Vector3(sv[0], sv[1], sv[2]) : Vector3.One;
        float length = r.Length();
        r = length > 0 && float.IsFinite(length) ? r * (1f / length) : Quaternion.Identity;
        return Matrix4x4.CreateScale(s) * Matrix4x4.CreateFromQuaternion(r) * Matrix4x4.CreateTranslation(t);
    }
}
