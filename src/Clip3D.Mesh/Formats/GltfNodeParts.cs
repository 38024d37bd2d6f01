using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// The parts one glTF node becomes: all its triangle primitives in one surface part named after the node
/// (several materials stay one part, with a material per triangle), and its line and point primitives in
/// separate parts named "&lt;node&gt; (lines)" and "&lt;node&gt; (points)". Parts are created when first used.
/// </summary>
internal sealed class GltfNodeParts(string name)
{
    private PartBuilder? _surface;
    private PartBuilder? _lines;
    private PartBuilder? _points;

    public PartBuilder For(PartKind kind) => kind switch
    {
        PartKind.Surface => _surface ??= new PartBuilder(name, PartKind.Surface),
        PartKind.Lines => _lines ??= new PartBuilder($"{name} (lines)", PartKind.Lines),
        _ => _points ??= new PartBuilder($"{name} (points)", PartKind.Points),
    };

    /// <summary>The parts created, surface first.</summary>
    public IEnumerable<PartBuilder> Built => new[] { _surface, _lines, _points }.OfType<PartBuilder>();

    /// <summary>
    /// Primitives of one part may differ in which attributes they carry, but a part's attribute lists must be
    /// empty or one per vertex. A list that starts part-way is back-filled, one that stops is padded, with values
    /// that change nothing: zero normals (the assembler computes those), texture coordinate (0, 0), white.
    /// </summary>
    public static void AppendAttribute<T>(List<T> list, int verticesBefore, IReadOnlyList<T>? values, int added, T neutral)
    {
        if (values is not null)
        {
            while (list.Count < verticesBefore)
                list.Add(neutral);
            list.AddRange(values);
        }
        else if (list.Count > 0)
        {
            for (int i = 0; i < added; i++)
                list.Add(neutral);
        }
    }

    public static readonly Vector3 NeutralNormal = Vector3.Zero;
    public static readonly Vector2 NeutralTexCoord = Vector2.Zero;
    public static readonly Vector4 NeutralColor = Vector4.One;
}
