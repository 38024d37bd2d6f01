using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Reads Wavefront OBJ (with its MTL material libraries) into parts, in the file's own frame and units.
/// The bytes are parsed in place, line by line, without per-line strings; numbers go through
/// <see cref="FastFloatParser"/>.
/// <list type="bullet">
/// <item><b>Parts.</b> A part is one named object. <c>o</c> and <c>g</c> both start a part, named by the latest
/// such statement (<c>g a b</c>, several group names, gives "a b"); naming a part seen before continues it.
/// Elements before any <c>o</c>/<c>g</c>, and an <c>o</c>/<c>g</c> without a name, belong to a part named after the
/// file (its name without extension). <c>usemtl</c> switches the material inside a part: one part may hold
/// several materials, with a material per element. Faces make a <see cref="PartKind.Surface"/> part; <c>l</c>
/// (polylines, split into segments) and <c>p</c> (points) make separate <see cref="PartKind.Lines"/> and
/// <see cref="PartKind.Points"/> parts of the same name. Parts without elements are left out.</item>
/// <item><b>Vertices.</b> OBJ indexes positions, texture coordinates and normals separately; each part gets
/// one vertex per distinct <c>v/vt/vn</c> triple it uses (<see cref="ObjVertexIndexer"/>), and only those.
/// Indices may be negative (counting back from the latest definition). <c>v x y z w</c> ignores w;
/// <c>v x y z r g b [a]</c> carries a vertex colour in [0, 1] (vertices without one, in a file that has some,
/// are white). <c>vt u [v [w]]</c> flips v to the top-left origin (1 − v) and ignores w. Lines and points
/// keep positions and colours only.</item>
/// <item><b>Polygons</b> are triangulated by <see cref="ObjPolygonTriangulator"/>: convex ones as fans, concave
/// ones by ear clipping in the plane of Newell's normal.</item>
/// <item><b>Point clouds.</b> A file with vertices but no faces, lines or points (as MeshLab writes point
/// clouds) becomes one points part of all vertices, with normals when there is one <c>vn</c> per <c>v</c>;
/// a warning says so. A file without vertices is a <see cref="MeshDataException"/> ("no geometry").</item>
/// <item><b>Errors</b> name the line: a malformed number or vertex reference, a statement with too few or too
/// many values, or a face of fewer than 3 vertices is a <see cref="MeshSyntaxException"/>; index 0 and
/// indices beyond what is defined so far are a <see cref="MeshDataException"/>.</item>
/// <item><b>Ignored statements.</b> Smoothing groups (<c>s</c>), merging groups, level of detail and the like
/// are ignored silently; free-form geometry (<c>cstype</c>, <c>curv</c>, <c>surf</c> …) and unknown statements
/// are ignored with one warning each. A line ending in a backslash continues on the next line.</item>
/// </list>
/// </summary>
internal sealed class ObjReader
{
    /// <summary>Reads an OBJ file's bytes; <paramref name="context"/> gives its path (for MTL files and messages).</summary>
    public static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data) => new ObjReader(context).Parse(data);

    private static readonly HashSet<string> SilentlyIgnored = new(StringComparer.Ordinal)
    {
        "s", "vp", "mg", "lod", "bevel", "c_interp", "d_interp", "maplib", "usemap", "shadow_obj", "trace_obj",
        "ctech", "stech", "call", "csh",
    };

    private static readonly HashSet<string> FreeFormStatements = new(StringComparer.Ordinal)
    {
        "cstype", "deg", "bmat", "step", "curv", "curv2", "surf", "parm", "trim", "hole", "scrv", "sp", "end", "con",
    };

    private static readonly Vector4 White = Vector4.One;

    private readonly ReadContext _context;
    private readonly string _fileStem;
    private readonly ObjMaterialLibrary _library;
    private readonly ObjVertexIndexer _indexer = new();
    private readonly ObjPolygonTriangulator _triangulator = new();

    // The file's attribute lists, 0-based in order of definition. _colors stays empty until the first coloured
    // vertex and is as long as _positions from then on.
    private readonly List<Vector3> _positions = [];
    private readonly List<Vector2> _texCoords = [];
    private readonly List<Vector3> _normals = [];
    private readonly List<Vector4> _colors = [];

    private readonly List<ObjPartAccumulator> _parts = [];
    private readonly Dictionary<(string Name, PartKind Kind), ObjPartAccumulator> _partsByName = [];
    private string _objectName;
    // Objects named by o/g that had statements of their own (vertices, elements, usemtl) before the next o/g, with the
    // line that named them: if such an object ends up without elements, its faces were lost and a warning says so.
    // An "o name" directly followed by "g group" is only a header and is not reported.
    private readonly Dictionary<string, int> _namedObjects = [];
    private int _objectNameLine;
    private bool _objectHadStatements;
    private string? _pointCloudName;
    private ObjPartAccumulator? _surface;
    private ObjPartAccumulator? _lines;
    private ObjPartAccumulator? _points;

    // Material names in order of first usemtl, with that line for the warning when no library defines one.
    private readonly List<string> _materialNames = [];
    private readonly List<int> _materialFirstUse = [];
    private readonly Dictionary<string, int> _materialIds = new(StringComparer.Ordinal);
    private int _materialId = -1;

    private readonly HashSet<string> _reportedStatements = new(StringComparer.Ordinal);
    private bool _reportedFreeForm;
    private bool _reportedComplexPolygon;
    private long _triangleCount;
    private int _lineNumber;

    // Sizes for the first surface part, from ReserveCapacity: most large files are one object, and the parts
    // of a file with several cannot hold more than the whole file.
    private int _expectedVertices;
    private int _expectedIndices;
    private bool _reservedFirstSurface;

    // Scratch for one face.
    private ObjVertexRef[] _corners = new ObjVertexRef[16];
    private int[] _cornerLocals = new int[16];
    private Vector3[] _polygon = new Vector3[16];
    private readonly List<int> _polygonTriangles = [];

    private ObjReader(ReadContext context)
    {
        _context = context;
        _fileStem = Path.GetFileNameWithoutExtension(context.FilePath);
        _objectName = _fileStem;
        _library = new ObjMaterialLibrary(context);
    }

    private string Location => $"line {_lineNumber}";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private IReadOnlyList<PartBuilder> Parse(byte[] bytes)
    {
        var data = ObjText.SkipByteOrderMark(bytes);
        ReserveCapacity(data);
        List<byte>? joined = null;
        int pos = 0;
        while (pos < data.Length)
        {
            _lineNumber++;
            int newline = data[pos..].IndexOf((byte)'\n');
            int end = newline < 0 ? data.Length : pos + newline;
            var line = data[pos..end];
            pos = end + 1;
            if (!EndsWithContinuation(line))
            {
                ParseStatement(line);
                continue;
            }
            // Rare: glue continued lines into one statement; messages name its first line.
            joined ??= [];
            joined.Clear();
            int extraLines = 0;
            while (true)
            {
                var trimmed = ObjText.Trim(line);
                bool continues = EndsWithContinuation(line);
                joined.AddRange(continues ? trimmed[..^1] : trimmed);
                joined.Add((byte)' ');
                if (!continues || pos >= data.Length)
                    break;
                newline = data[pos..].IndexOf((byte)'\n');
                end = newline < 0 ? data.Length : pos + newline;
                line = data[pos..end];
                pos = end + 1;
                extraLines++;
            }
            ParseStatement(CollectionsMarshal.AsSpan(joined));
            _lineNumber += extraLines;
        }
        return Finish();
    }

    /// <summary>
    /// Sizes the attribute lists from a quick count of the <c>v</c>, <c>vt</c>, <c>vn</c> and <c>f</c> lines, so that
    /// a large file does not regrow (and copy) them a dozen times: fresh memory is a good part of the cost of
    /// reading. The counts come from lines actually present, so they are bounded by the file size.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReserveCapacity(ReadOnlySpan<byte> data)
    {
        int positions = 0, texCoords = 0, normals = 0, faces = 0;
        int pos = 0;
        while (pos + 2 < data.Length)
        {
            byte first = data[pos], second = data[pos + 1];
            if (first == (byte)'v')
            {
                if (second == (byte)' ' || second == (byte)'\t') positions++;
                else if (second == (byte)'t') texCoords++;
                else if (second == (byte)'n') normals++;
            }
            else if (first == (byte)'f' && (second == (byte)' ' || second == (byte)'\t'))
            {
                faces++;
            }
            int newline = data[pos..].IndexOf((byte)'\n');
            if (newline < 0) break;
            pos += newline + 1;
        }
        // A line counted here need not be valid; cap each count by the shortest valid statement ("v 0 0 0\n",
        // "vt 0\n", "vn 0 0 0\n", "f 1 2 3\n") so that lines like "v\n" cannot make the reservation outgrow the file.
        positions = Math.Min(positions, data.Length / 8);
        texCoords = Math.Min(texCoords, data.Length / 5);
        normals = Math.Min(normals, data.Length / 9);
        faces = Math.Min(faces, data.Length / 8);
        _positions.Capacity = positions;
        _texCoords.Capacity = texCoords;
        _normals.Capacity = normals;
        _indexer.Reserve(positions);
        _expectedVertices = positions;
        _expectedIndices = 3 * faces;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndsWithContinuation(ReadOnlySpan<byte> line)
    {
        int end = line.Length;
        while (end > 0 && ObjText.IsSpace(line[end - 1]))
            end--;
        if (end == 0 || line[end - 1] != (byte)'\\')
            return false;
        // A comment ending in a backslash (a Windows folder) must not swallow the next statement.
        int start = ObjText.SkipSpaces(line, 0);
        return line[start] != (byte)'#';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ParseStatement(ReadOnlySpan<byte> line)
    {
        int start = ObjText.SkipSpaces(line, 0);
        if (start >= line.Length || line[start] == (byte)'#')
            return;
        int keywordEnd = ObjText.SkipToken(line, start);
        var keyword = line[start..keywordEnd];
        var arguments = line[keywordEnd..];
        // Geometry and material statements count; headers such as mtllib or s do not.
        _objectHadStatements |= keyword[0] is (byte)'v' or (byte)'f' or (byte)'l' or (byte)'p' || keyword.SequenceEqual("usemtl"u8);
        if (keyword.Length == 1)
        {
            switch (keyword[0])
            {
                case (byte)'v': ReadPosition(arguments); return;
                case (byte)'f': ReadFace(arguments); return;
                case (byte)'l': ReadPolyline(arguments); return;
                case (byte)'p': ReadPoints(arguments); return;
                case (byte)'o':
                case (byte)'g': StartObject(arguments); return;
                case (byte)'s': return;
            }
        }
        else if (keyword.Length == 2 && keyword[0] == (byte)'v')
        {
            switch (keyword[1])
            {
                case (byte)'t': ReadTexCoord(arguments); return;
                case (byte)'n': ReadNormal(arguments); return;
                case (byte)'p': return;
            }
        }
        if (keyword.SequenceEqual("usemtl"u8))
            UseMaterial(arguments);
        else if (keyword.SequenceEqual("mtllib"u8))
            _library.AddLibraries(arguments, Location);
        else
            IgnoreStatement(ObjText.Decode(keyword));
    }

    private void IgnoreStatement(string keyword)
    {
        if (SilentlyIgnored.Contains(keyword))
            return;
        if (FreeFormStatements.Contains(keyword))
        {
            if (!_reportedFreeForm)
                _context.Warn(Location, $"free-form curves and surfaces ('{keyword}' and the like) are not supported and are ignored");
            _reportedFreeForm = true;
            return;
        }
        if (_reportedStatements.Add(keyword))
            _context.Warn(Location, $"unknown statement '{keyword}' ignored (later ones are not reported)");
    }

    // ---- Vertex data ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadPosition(ReadOnlySpan<byte> arguments)
    {
        Span<float> values = stackalloc float[7];
        int count = ReadNumbers(arguments, values, "v");
        if (count is < 3 or 5)
            throw _context.Syntax(Location, $"'v' needs x y z, x y z w, or x y z r g b [a]; found {count} numbers");
        if (_positions.Count == 0)
            _pointCloudName = _objectName;
        _positions.Add(new Vector3(values[0], values[1], values[2]));
        if (count >= 6)
        {
            if (_colors.Count == 0)
            {
                // The first coloured vertex: every vertex before it is white.
                _colors.Capacity = Math.Max(_colors.Capacity, _positions.Capacity);
                for (int i = 1; i < _positions.Count; i++)
                    _colors.Add(White);
            }
            _colors.Add(new Vector4(values[3], values[4], values[5], count == 7 ? values[6] : 1f));
        }
        else if (_colors.Count > 0)
        {
            _colors.Add(White);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadTexCoord(ReadOnlySpan<byte> arguments)
    {
        Span<float> values = stackalloc float[3];
        int count = ReadNumbers(arguments, values, "vt");
        if (count == 0)
            throw _context.Syntax(Location, "'vt' needs u [v [w]]; found no numbers");
        // OBJ puts (0,0) at the bottom-left of the image; the scene model uses the top-left.
        _texCoords.Add(new Vector2(values[0], 1f - (count > 1 ? values[1] : 0f)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadNormal(ReadOnlySpan<byte> arguments)
    {
        Span<float> values = stackalloc float[3];
        int count = ReadNumbers(arguments, values, "vn");
        if (count != 3)
            throw _context.Syntax(Location, $"'vn' needs x y z; found {count} numbers");
        _normals.Add(new Vector3(values[0], values[1], values[2]));
    }

    /// <summary>Reads the numbers of a statement into <paramref name="values"/>; more than it holds is an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadNumbers(ReadOnlySpan<byte> s, Span<float> values, string statement)
    {
        int count = 0;
        int i = 0;
        while (true)
        {
            i = ObjText.SkipSpaces(s, i);
            if (i >= s.Length || s[i] == (byte)'#')
                return count;
            if (count == values.Length)
                throw _context.Syntax(Location, $"'{statement}' takes at most {values.Length} numbers");
            int used = FastFloatParser.ParsePrefix(s[i..], out float value);
            int end = i + used;
            if (used == 0 || (end < s.Length && !ObjText.IsSpace(s[end])))
            {
                end = ObjText.SkipToken(s, i);
                if (!FastFloatParser.TryParseToken(s[i..end], out value))
                    throw _context.Syntax(Location, $"{ObjText.Quote(s[i..end])} is not a number");
            }
            values[count++] = value;
            i = end;
        }
    }

    // ---- Elements ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadFace(ReadOnlySpan<byte> arguments)
    {
        int n = ReadCorners(arguments);
        if (n < 3)
            throw _context.Syntax(Location, $"a face needs at least 3 vertices, found {n}");
        _triangleCount += n - 2;
        if (_triangleCount > _context.Options.MaxTriangles)
            throw new MeshLimitExceededException(_context.FilePath, Location,
                $"more than {_context.Options.MaxTriangles} triangles (ReadOptions.MaxTriangles)");
        var part = _surface ??= PartFor(PartKind.Surface);
        int slot = part.MaterialSlot(_materialId);
        var corners = _corners.AsSpan(0, n);
        if (n == 3)
        {
            int a = _indexer.IndexOf(part, corners[0]);
            int b = _indexer.IndexOf(part, corners[1]);
            int c = _indexer.IndexOf(part, corners[2]);
            part.AddTriangle(a, b, c, slot);
            return;
        }
        if (_polygon.Length < n)
        {
            Array.Resize(ref _polygon, _corners.Length);
            Array.Resize(ref _cornerLocals, _corners.Length);
        }
        var positions = CollectionsMarshal.AsSpan(_positions);
        for (int k = 0; k < n; k++)
        {
            _cornerLocals[k] = _indexer.IndexOf(part, corners[k]);
            _polygon[k] = positions[corners[k].Position];
        }
        _polygonTriangles.Clear();
        if (!_triangulator.Triangulate(_polygon.AsSpan(0, n), _polygonTriangles) && !_reportedComplexPolygon)
        {
            _reportedComplexPolygon = true;
            _context.Warn(Location, $"a face of {n} vertices is too complex to triangulate exactly in reasonable time; part of it was triangulated as a fan (later ones are not reported)");
        }
        var triangles = CollectionsMarshal.AsSpan(_polygonTriangles);
        for (int t = 0; t < triangles.Length; t += 3)
            part.AddTriangle(_cornerLocals[triangles[t]], _cornerLocals[triangles[t + 1]], _cornerLocals[triangles[t + 2]], slot);
    }

    private void ReadPolyline(ReadOnlySpan<byte> arguments)
    {
        int n = ReadCorners(arguments);
        if (n < 2)
            throw _context.Syntax(Location, $"a line needs at least 2 vertices, found {n}");
        var part = _lines ??= PartFor(PartKind.Lines);
        int slot = part.MaterialSlot(_materialId);
        int previous = _indexer.IndexOf(part, PositionOnly(_corners[0]));
        for (int k = 1; k < n; k++)
        {
            int current = _indexer.IndexOf(part, PositionOnly(_corners[k]));
            part.AddSegment(previous, current, slot);
            previous = current;
        }
    }

    private void ReadPoints(ReadOnlySpan<byte> arguments)
    {
        int n = ReadCorners(arguments);
        if (n < 1)
            throw _context.Syntax(Location, "'p' needs at least 1 vertex");
        var part = _points ??= PartFor(PartKind.Points);
        int slot = part.MaterialSlot(_materialId);
        for (int k = 0; k < n; k++)
            part.AddPoint(_indexer.IndexOf(part, PositionOnly(_corners[k])), slot);
    }

    private static ObjVertexRef PositionOnly(ObjVertexRef corner) => new(corner.Position, -1, -1);

    /// <summary>Reads the vertex references of an element into <see cref="_corners"/>; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadCorners(ReadOnlySpan<byte> s)
    {
        int n = 0;
        int i = 0;
        while (true)
        {
            i = ObjText.SkipSpaces(s, i);
            if (i >= s.Length || s[i] == (byte)'#')
                return n;
            if (n == _corners.Length)
                Array.Resize(ref _corners, n * 2);
            _corners[n++] = ReadCorner(s, ref i);
        }
    }

    /// <summary>One <c>v</c>, <c>v/vt</c>, <c>v//vn</c> or <c>v/vt/vn</c> reference, resolved to 0-based indices.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ObjVertexRef ReadCorner(ReadOnlySpan<byte> s, ref int i)
    {
        int start = i;
        int position = ReadIndex(s, ref i, _positions.Count, IndexKind.Vertex, start);
        int texCoord = -1, normal = -1;
        if (i < s.Length && s[i] == (byte)'/')
        {
            i++;
            if (i < s.Length && s[i] != (byte)'/' && !ObjText.IsSpace(s[i]))
                texCoord = ReadIndex(s, ref i, _texCoords.Count, IndexKind.TexCoord, start);
            if (i < s.Length && s[i] == (byte)'/')
            {
                i++;
                if (i < s.Length && !ObjText.IsSpace(s[i]))
                    normal = ReadIndex(s, ref i, _normals.Count, IndexKind.Normal, start);
            }
        }
        if (i < s.Length && !ObjText.IsSpace(s[i]))
            throw MalformedReference(s, start);
        return new ObjVertexRef(position, texCoord, normal);
    }

    private enum IndexKind
    {
        Vertex,
        TexCoord,
        Normal,
    }

    /// <summary>
    /// Reads a 1-based index, or a negative one counting back from the last of the <paramref name="defined"/>
    /// items defined so far, and returns it 0-based.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReadIndex(ReadOnlySpan<byte> s, ref int i, int defined, IndexKind kind, int cornerStart)
    {
        int signStart = i;
        bool negative = i < s.Length && s[i] == (byte)'-';
        if (negative)
            i++;
        int digitsStart = i;
        long value = 0;
        while (i < s.Length)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            if (value <= int.MaxValue)
                value = value * 10 + d;
            i++;
        }
        if (i == digitsStart)
            throw MalformedReference(s, cornerStart);
        if (value == 0)
            throw _context.Data(Location, $"{Noun(kind, false)} index 0 in {ObjText.Quote(Token(s, cornerStart))}: OBJ indices start at 1 (negative ones count back from the latest definition)");
        if (value > defined)
            throw _context.Data(Location,
                $"{Noun(kind, false)} index {ObjText.Decode(s[signStart..i])} is out of range: {defined} {Noun(kind, defined != 1)} defined before this line");
        return negative ? defined - (int)value : (int)value - 1;
    }

    private MeshSyntaxException MalformedReference(ReadOnlySpan<byte> s, int cornerStart) =>
        _context.Syntax(Location, $"malformed vertex reference {ObjText.Quote(Token(s, cornerStart))} (expected v, v/vt, v//vn or v/vt/vn with integer indices)");

    private static ReadOnlySpan<byte> Token(ReadOnlySpan<byte> s, int start) => s[start..ObjText.SkipToken(s, start)];

    private static string Noun(IndexKind kind, bool plural) => kind switch
    {
        IndexKind.Vertex => plural ? "vertices" : "vertex",
        IndexKind.TexCoord => plural ? "texture coordinates" : "texture coordinate",
        _ => plural ? "normals" : "normal",
    };

    // ---- Grouping and materials ----

    private void StartObject(ReadOnlySpan<byte> arguments)
    {
        var name = ObjText.Name(arguments);
        NoteNamedObject();
        _objectName = name.Length > 0 ? name : _fileStem;
        // A bare "g" (exporters put vertex blocks under one) names nothing the user would miss.
        _objectNameLine = name.Length > 0 ? _lineNumber : 0;
        _objectHadStatements = false;
        _surface = _lines = _points = null;
    }

    private void NoteNamedObject()
    {
        if (_objectNameLine > 0 && _objectHadStatements)
            _namedObjects.TryAdd(_objectName, _objectNameLine);
    }

    private ObjPartAccumulator PartFor(PartKind kind)
    {
        if (!_partsByName.TryGetValue((_objectName, kind), out var part))
        {
            part = new ObjPartAccumulator(_objectName, kind);
            if (kind == PartKind.Surface && !_reservedFirstSurface)
            {
                part.Reserve(_expectedVertices, _expectedIndices);
                _reservedFirstSurface = true;
            }
            _partsByName.Add((_objectName, kind), part);
            _parts.Add(part);
        }
        return part;
    }

    private void UseMaterial(ReadOnlySpan<byte> arguments)
    {
        var name = ObjText.Name(arguments);
        if (name.Length == 0)
        {
            _materialId = -1; // a bare usemtl returns to the default material
            return;
        }
        if (!_materialIds.TryGetValue(name, out int id))
        {
            id = _materialNames.Count;
            _materialIds.Add(name, id);
            _materialNames.Add(name);
            _materialFirstUse.Add(_lineNumber);
        }
        _materialId = id;
    }

    // ---- Result ----

    private IReadOnlyList<PartBuilder> Finish()
    {
        if (_parts.Count == 0)
        {
            if (_positions.Count == 0)
                throw _context.Data(null, "no geometry: the file defines no vertices, faces, lines or points");
            return [PointCloud()];
        }
        var resolved = new Material?[_materialNames.Count];
        Material MaterialOf(int id) => id < 0
            ? Material.Default
            : resolved[id] ??= _library.Resolve(_materialNames[id], $"line {_materialFirstUse[id]}");

        var positions = CollectionsMarshal.AsSpan(_positions);
        var texCoords = CollectionsMarshal.AsSpan(_texCoords);
        var normals = CollectionsMarshal.AsSpan(_normals);
        var colors = CollectionsMarshal.AsSpan(_colors);
        var parts = new List<PartBuilder>(_parts.Count);
        foreach (var part in _parts)
            if (part.ElementCount > 0)
                parts.Add(part.Build(positions, texCoords, normals, colors, MaterialOf));
        // A named object without elements is left out; say so, since it is usually a label the user expects.
        NoteNamedObject();
        foreach (var (name, line) in _namedObjects)
            if (!parts.Any(p => p.Name == name))
                _context.Warn($"line {line}", $"object '{name}' has no faces, lines or points; left out");
        return parts;
    }

    private PartBuilder PointCloud()
    {
        _context.Warn(null, $"the file has no faces, lines or points; its {_positions.Count} vertices are read as a point cloud");
        var part = new PartBuilder(_pointCloudName ?? _fileStem, PartKind.Points);
        part.Positions.AddRange(_positions);
        if (_normals.Count == _positions.Count)
            part.Normals.AddRange(_normals);
        part.Colors.AddRange(_colors);
        part.Materials.Add(Material.Default);
        return part;
    }
}
