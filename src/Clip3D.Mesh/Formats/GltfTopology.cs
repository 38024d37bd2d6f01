using SharpGLTF.Schema2;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Expands the seven glTF primitive modes (glTF 2.0, section 3.7.2.1) into what a part stores: vertex triples
/// for triangles, pairs for lines, the vertex sequence for points. Works on the primitive's vertex sequence
/// (its indices, or 0..n-1 when it has none).
/// </summary>
internal static class GltfTopology
{
    public static PartKind KindOf(PrimitiveType mode) => mode switch
    {
        PrimitiveType.POINTS => PartKind.Points,
        PrimitiveType.LINES or PrimitiveType.LINE_LOOP or PrimitiveType.LINE_STRIP => PartKind.Lines,
        _ => PartKind.Surface,
    };

    public static bool IsDefined(PrimitiveType mode) => mode is >= PrimitiveType.POINTS and <= PrimitiveType.TRIANGLE_FAN;

    /// <summary>How many elements (triangles, segments or points) <paramref name="count"/> vertices make in <paramref name="mode"/>.</summary>
    public static long ElementCount(PrimitiveType mode, long count) => mode switch
    {
        PrimitiveType.POINTS => count,
        PrimitiveType.LINES => count / 2,
        PrimitiveType.LINE_STRIP => Math.Max(count - 1, 0),
        PrimitiveType.LINE_LOOP => count >= 2 ? count : 0,
        PrimitiveType.TRIANGLES => count / 3,
        _ => Math.Max(count - 2, 0), // strips and fans
    };

    /// <summary>How many trailing vertices the mode cannot use (e.g. 2 of 8 for TRIANGLES); they are a warning.</summary>
    public static long LeftOver(PrimitiveType mode, long count) => mode switch
    {
        PrimitiveType.LINES => count % 2,
        PrimitiveType.TRIANGLES => count % 3,
        _ => 0,
    };

    /// <summary>
    /// Appends the element indices of <paramref name="sequence"/> to <paramref name="target"/>, each plus
    /// <paramref name="offset"/>; with <paramref name="flip"/> each triangle's winding is reversed (a mirroring
    /// node transform would otherwise turn the surface inside out).
    /// </summary>
    public static void Append(PrimitiveType mode, IReadOnlyList<int> sequence, int offset, bool flip, List<int> target)
    {
        int n = sequence.Count;
        switch (mode)
        {
            case PrimitiveType.LINES:
                for (int i = 0; i + 1 < n; i += 2)
                    AddSegment(target, sequence[i], sequence[i + 1], offset);
                break;
            case PrimitiveType.LINE_STRIP:
                for (int i = 0; i + 1 < n; i++)
                    AddSegment(target, sequence[i], sequence[i + 1], offset);
                break;
            case PrimitiveType.LINE_LOOP:
                if (n < 2)
                    break;
                for (int i = 0; i + 1 < n; i++)
                    AddSegment(target, sequence[i], sequence[i + 1], offset);
                AddSegment(target, sequence[n - 1], sequence[0], offset);
                break;
            case PrimitiveType.TRIANGLES:
                for (int i = 0; i + 2 < n; i += 3)
                    AddTriangle(target, sequence[i], sequence[i + 1], sequence[i + 2], offset, flip);
                break;
            case PrimitiveType.TRIANGLE_STRIP:
                // The spec's triangle i is (v[i], v[i+1+i%2], v[i+2-i%2]): every other triangle swaps two
                // vertices so that all of them keep the strip's winding.
                for (int i = 0; i + 2 < n; i++)
                {
                    int odd = i % 2;
                    AddTriangle(target, sequence[i], sequence[i + 1 + odd], sequence[i + 2 - odd], offset, flip);
                }
                break;
            case PrimitiveType.TRIANGLE_FAN:
                // The spec's triangle i is (v[i+1], v[i+2], v[0]).
                for (int i = 0; i + 2 < n; i++)
                    AddTriangle(target, sequence[i + 1], sequence[i + 2], sequence[0], offset, flip);
                break;
        }
    }

    private static void AddSegment(List<int> target, int a, int b, int offset)
    {
        target.Add(a + offset);
        target.Add(b + offset);
    }

    private static void AddTriangle(List<int> target, int a, int b, int c, int offset, bool flip)
    {
        target.Add(a + offset);
        target.Add(flip ? c + offset : b + offset);
        target.Add(flip ? b + offset : c + offset);
    }
}
