using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Walks the elements of a PLY body in header order and fills a part: the <c>vertex</c> element gives the
/// vertex attributes (<see cref="PlyVertexLayout"/>), the <c>face</c> element polygons (fan-triangulated, the
/// usual convex assumption for PLY) and <c>tristrips</c> triangle strips (with -1 restarts); every other element
/// and property is skipped by its size or its list counts. Generic over the encoding so that the per-value calls
/// are direct.
/// </summary>
internal sealed class PlyBodyReader
{
    /// <summary>The names under which PLY writers store a face's vertex indices.</summary>
    public static readonly string[] IndexListNames = ["vertex_indices", "vertex_index"];

    /// <summary>MeshLab's per-corner texture coordinates: a list of 2 floats per face corner.</summary>
    public const string WedgeTexCoordName = "texcoord";

    private readonly ReadContext _context;
    private readonly PartBuilder _part;
    private readonly long _vertexCount;
    private readonly bool _wantWedgeTexCoords;
    private int[] _polygon = new int[16];
    private float[] _wedge = new float[32];
    private int _shortFaces;
    private int _badWedges;

    private PlyBodyReader(ReadContext context, PartBuilder part, long vertexCount, bool wantWedgeTexCoords)
    {
        _context = context;
        _part = part;
        _vertexCount = vertexCount;
        _wantWedgeTexCoords = wantWedgeTexCoords;
    }

    /// <summary>Per index of <see cref="PartBuilder.Indices"/>, the corner's texture coordinate, when the faces carry them.</summary>
    public List<Vector2> WedgeTexCoords { get; } = [];

    /// <summary>
    /// Reads the body into <paramref name="part"/>: the attributes of <paramref name="vertex"/>, the polygons of
    /// <paramref name="faces"/> (a <c>face</c> or <c>tristrips</c> element, or null for a point cloud); every
    /// other element is skipped. With <paramref name="wantWedgeTexCoords"/>, face <c>texcoord</c> lists are
    /// collected into <see cref="WedgeTexCoords"/>.
    /// </summary>
    public static PlyBodyReader Read<TSource>(ReadContext context, PlyHeader header, PlyElement vertex, PlyVertexLayout layout,
        PlyElement? faces, PartBuilder part, bool wantWedgeTexCoords, ref TSource source)
        where TSource : struct, IPlyValueSource
    {
        var reader = new PlyBodyReader(context, part, vertex.Count, wantWedgeTexCoords);
        foreach (var element in header.Elements)
        {
            if (ReferenceEquals(element, vertex))
                reader.ReadVertices(element, layout, ref source);
            else if (ReferenceEquals(element, faces))
                reader.ReadPolygons(element, element.Name == "tristrips", ref source);
            else
            {
                // The chosen elements are the first ones; another with geometry is worth a word.
                bool moreGeometry = element.Count > 0 &&
                    (element.Name == "vertex" || (element.Name is "face" or "tristrips" && IndexListOf(element) >= 0));
                if (moreGeometry)
                    context.Warn($"header line {element.HeaderLine}", $"another '{element.Name}' element is ignored; only the first is read");
                source.SkipElement(element);
            }
        }
        source.Finish();
        if (reader._shortFaces > 0)
            context.Warn(null, $"skipped {reader._shortFaces} faces with fewer than 3 vertices");
        if (reader._badWedges > 0)
            context.Warn(null, $"{reader._badWedges} faces have a texcoord list that is not 2 values per corner; their texture coordinates are set to (0, 0)");
        return reader;
    }

    /// <summary>Index of the vertex index list among the properties of a face element, or -1.</summary>
    public static int IndexListOf(PlyElement element) =>
        element.Properties.FindIndex(p => p.IsList && IndexListNames.Contains(p.Name));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops of a once-per-file call: skip the slow first tier
    private void ReadVertices<TSource>(PlyElement element, PlyVertexLayout layout, ref TSource source) where TSource : struct, IPlyValueSource
    {
        if (element.Count > Array.MaxLength)
            throw _context.Data($"header line {element.HeaderLine}", $"{element.Count} vertices are more than one part can hold");
        int n = (int)element.Count;
        var positions = Resize(_part.Positions, n);
        var normals = layout.HasNormals ? Resize(_part.Normals, n) : [];
        var colors = layout.HasColors ? Resize(_part.Colors, n) : [];
        var texCoords = layout.HasTexCoords ? Resize(_part.TexCoords, n) : [];
        var roles = layout.Roles;
        var scales = layout.Scales;
        var properties = element.Properties;
        Span<float> row = stackalloc float[PlyVertexLayout.RoleCount];
        for (int i = 0; i < n; i++)
        {
            source.BeginRow(element, i);
            for (int k = 0; k < roles.Length; k++)
            {
                var property = properties[k];
                if (property.IsList)
                    source.SkipItems(property.Type, source.ReadListCount(property));
                else if (roles[k] == PlyVertexLayout.None)
                    source.SkipScalar(property.Type);
                else
                    row[roles[k]] = (float)(source.ReadScalar(property.Type) * scales[k]);
            }
            positions[i] = new Vector3(row[PlyVertexLayout.X], row[PlyVertexLayout.Y], row[PlyVertexLayout.Z]);
            if (layout.HasNormals)
                normals[i] = new Vector3(row[PlyVertexLayout.NX], row[PlyVertexLayout.NY], row[PlyVertexLayout.NZ]);
            if (layout.HasColors)
                colors[i] = new Vector4(row[PlyVertexLayout.Red], row[PlyVertexLayout.Green], row[PlyVertexLayout.Blue],
                    layout.HasAlpha ? row[PlyVertexLayout.Alpha] : 1f);
            if (layout.HasTexCoords)
                // PLY's texture origin is the bottom-left of the image; the scene model's is the top-left.
                texCoords[i] = new Vector2(row[PlyVertexLayout.U], 1f - row[PlyVertexLayout.V]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loops of a once-per-file call: skip the slow first tier
    private void ReadPolygons<TSource>(PlyElement element, bool strips, ref TSource source) where TSource : struct, IPlyValueSource
    {
        int indexList = IndexListOf(element);
        int wedgeList = _wantWedgeTexCoords && !strips
            ? element.Properties.FindIndex(p => p.IsList && p.Name == WedgeTexCoordName)
            : -1;
        var properties = element.Properties;
        var indices = _part.Indices;
        long maxTriangles = _context.Options.MaxTriangles;
        for (long f = 0; f < element.Count; f++)
        {
            source.BeginRow(element, f);
            int corners = 0, wedgeValues = -1;
            for (int k = 0; k < properties.Count; k++)
            {
                var property = properties[k];
                if (k == indexList)
                    corners = ReadIndices(property, strips, ref source);
                else if (k == wedgeList)
                    wedgeValues = ReadWedges(property, ref source);
                else if (property.IsList)
                    source.SkipItems(property.Type, source.ReadListCount(property));
                else
                    source.SkipScalar(property.Type);
            }

            int before = indices.Count;
            if (strips)
                AddStrip(corners);
            else if (corners < 3)
                _shortFaces++;
            else
                for (int c = 1; c + 1 < corners; c++)
                {
                    indices.Add(_polygon[0]);
                    indices.Add(_polygon[c]);
                    indices.Add(_polygon[c + 1]);
                }
            if (wedgeList >= 0)
                AddWedges(before, corners, wedgeValues);
            if (indices.Count / 3 > maxTriangles)
                throw new MeshLimitExceededException(_context.FilePath, source.Location,
                    $"more than {maxTriangles} triangles (ReadOptions.MaxTriangles)");
        }
    }

    /// <summary>Reads one index list into <see cref="_polygon"/>; every index must name a vertex (-1 separates strips).</summary>
    private int ReadIndices<TSource>(PlyProperty list, bool strips, ref TSource source) where TSource : struct, IPlyValueSource
    {
        int count = source.ReadListCount(list);
        if (count > _polygon.Length)
            _polygon = new int[Math.Max(count, _polygon.Length * 2)];
        for (int j = 0; j < count; j++)
        {
            double value = source.ReadScalar(list.Type);
            if (strips && value == -1)
            {
                _polygon[j] = -1;
                continue;
            }
            if (!(value >= 0 && value < _vertexCount) || value != Math.Floor(value))
                throw _context.Data(source.Location,
                    $"vertex index {value} is out of range (the file has {_vertexCount} vertices)");
            _polygon[j] = (int)value;
        }
        return count;
    }

    private int ReadWedges<TSource>(PlyProperty list, ref TSource source) where TSource : struct, IPlyValueSource
    {
        int count = source.ReadListCount(list);
        if (count > _wedge.Length)
            _wedge = new float[Math.Max(count, _wedge.Length * 2)];
        for (int j = 0; j < count; j++)
            _wedge[j] = (float)source.ReadScalar(list.Type);
        return count;
    }

    /// <summary>Triangles of a strip: every run of 3 consecutive indices, winding alternating, -1 restarting.</summary>
    private void AddStrip(int count)
    {
        int runStart = 0;
        for (int j = 0; j < count; j++)
        {
            if (_polygon[j] < 0)
            {
                runStart = j + 1;
                continue;
            }
            int position = j - runStart;
            if (position < 2)
                continue;
            int a = _polygon[j - 2], b = _polygon[j - 1], c = _polygon[j];
            if (position % 2 == 0)
                _part.Indices.AddRange([a, b, c]);
            else
                _part.Indices.AddRange([b, a, c]);
        }
    }

    /// <summary>The corner texture coordinates of the triangles just added from one polygon (fan order).</summary>
    private void AddWedges(int firstIndex, int corners, int wedgeValues)
    {
        bool valid = wedgeValues == 2 * corners;
        if (!valid && corners >= 3)
            _badWedges++;
        var indices = _part.Indices;
        for (int i = firstIndex; i < indices.Count; i += 3)
        {
            int triangle = (i - firstIndex) / 3;
            AddWedge(valid, 0);
            AddWedge(valid, triangle + 1);
            AddWedge(valid, triangle + 2);
        }
    }

    private void AddWedge(bool valid, int corner) =>
        WedgeTexCoords.Add(valid ? new Vector2(_wedge[2 * corner], 1f - _wedge[2 * corner + 1]) : Vector2.Zero);

    private static Span<T> Resize<T>(List<T> list, int count)
    {
        list.Capacity = count;
        CollectionsMarshal.SetCount(list, count);
        return CollectionsMarshal.AsSpan(list);
    }
}
