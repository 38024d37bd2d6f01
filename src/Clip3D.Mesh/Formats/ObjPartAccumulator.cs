using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// One OBJ part while the file is read: its distinct <c>v/vt/vn</c> triples (the part's vertices, in order of
/// first use), its elements as part-local indices, and the materials its elements use. Attributes are looked up
/// only at the end (<see cref="Build"/>), so that only referenced vertices reach the part.
/// </summary>
internal sealed class ObjPartAccumulator(string name, PartKind kind)
{
    private ObjVertexRef[] _vertices = new ObjVertexRef[64];
    private int[] _nextWithSamePosition = new int[64];
    private int _vertexCount;
    private readonly List<int> _materialIds = []; // slot → material id of the reader (−1: no usemtl)
    private int _lastMaterialId = int.MinValue;
    private int _lastSlot;

    // Part-local vertex indices: 3 per triangle, 2 per segment, none for points.
    private int[] _indices = new int[192];
    private int _indexCount;

    // Material slot per element, recorded only once a second slot is used (until then every element has slot 0).
    private List<int>? _elementSlots;

    public string Name { get; } = name;

    public PartKind Kind { get; } = kind;

    /// <summary>Elements (triangles, segments or points) added so far.</summary>
    public int ElementCount { get; private set; }

    /// <summary>
    /// Position → newest vertex of that position, for the positions whose <see cref="ObjVertexIndexer"/> entry
    /// another part has taken over since; null while there are none.
    /// </summary>
    public Dictionary<int, int>? SpilledHeads { get; private set; }

    public int VertexCount => _vertexCount;

    public bool HasTexCoords { get; private set; }

    public bool HasNormals { get; private set; }

    /// <summary>Sizes the (still empty) part for <paramref name="vertices"/> vertices and <paramref name="indices"/> indices.</summary>
    public void Reserve(int vertices, int indices)
    {
        if (vertices > _vertices.Length && _vertexCount == 0)
        {
            _vertices = new ObjVertexRef[vertices];
            _nextWithSamePosition = new int[vertices];
        }
        if (indices > _indices.Length && _indexCount == 0)
            _indices = new int[indices];
    }

    public ObjVertexRef Vertex(int local) => _vertices[local];

    /// <summary>The previous vertex of this part with the same position as <paramref name="local"/>, or −1.</summary>
    public int NextWithSamePosition(int local) => _nextWithSamePosition[local];

    /// <summary>Adds a vertex, chained to <paramref name="samePosition"/> (the part's newest vertex of its position, or −1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AddVertex(ObjVertexRef vertex, int samePosition)
    {
        if (_vertexCount == _vertices.Length)
        {
            int size = (int)Math.Min(Array.MaxLength, _vertices.Length * 2L);
            Array.Resize(ref _vertices, size);
            Array.Resize(ref _nextWithSamePosition, size);
        }
        HasTexCoords |= vertex.TexCoord >= 0;
        HasNormals |= vertex.Normal >= 0;
        _vertices[_vertexCount] = vertex;
        _nextWithSamePosition[_vertexCount] = samePosition;
        return _vertexCount++;
    }

    /// <summary>Remembers the part's newest vertex of <paramref name="position"/> when the indexer's entry goes to another part.</summary>
    public void SpillHead(int position, int head) => (SpilledHeads ??= [])[position] = head;

    /// <summary>The part's slot for the reader's material id, added when the part first uses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int MaterialSlot(int materialId)
    {
        if (materialId == _lastMaterialId)
            return _lastSlot;
        int slot = _materialIds.IndexOf(materialId);
        if (slot < 0)
        {
            slot = _materialIds.Count;
            _materialIds.Add(materialId);
        }
        _lastMaterialId = materialId;
        _lastSlot = slot;
        return slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTriangle(int a, int b, int c, int slot)
    {
        if (_indexCount + 3 > _indices.Length)
            GrowIndices();
        _indices[_indexCount] = a;
        _indices[_indexCount + 1] = b;
        _indices[_indexCount + 2] = c;
        _indexCount += 3;
        AddElement(slot);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddSegment(int a, int b, int slot)
    {
        if (_indexCount + 2 > _indices.Length)
            GrowIndices();
        _indices[_indexCount] = a;
        _indices[_indexCount + 1] = b;
        _indexCount += 2;
        AddElement(slot);
    }

    /// <summary>Records the material of a point; a vertex listed by several <c>p</c> statements stays one point.</summary>
    public void AddPoint(int local, int slot)
    {
        if (local == ElementCount)
            AddElement(slot);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddElement(int slot)
    {
        if (slot != 0 && _elementSlots is null)
        {
            _elementSlots = new List<int>(Math.Max(16, ElementCount * 2));
            CollectionsMarshal.SetCount(_elementSlots, ElementCount); // the elements so far all have slot 0
        }
        _elementSlots?.Add(slot);
        ElementCount++;
    }

    private void GrowIndices() =>
        Array.Resize(ref _indices, (int)Math.Min(Array.MaxLength, _indices.Length * 2L));

    /// <summary>
    /// The finished part: attributes gathered from the file's lists through each vertex's triple. Within a part
    /// where only some corners name a texture coordinate or normal, the others get (0, 0) and a zero normal
    /// (which <see cref="SceneAssembler"/> replaces with a computed one). Colours come with positions.
    /// </summary>
    public PartBuilder Build(
        ReadOnlySpan<Vector3> positions,
        ReadOnlySpan<Vector2> texCoords,
        ReadOnlySpan<Vector3> normals,
        ReadOnlySpan<Vector4> colors,
        Func<int, Material> material)
    {
        var part = new PartBuilder(Name, Kind);
        int n = _vertexCount;
        var vertices = _vertices.AsSpan(0, n);

        var outPositions = Allocate(part.Positions, n);
        for (int i = 0; i < n; i++)
            outPositions[i] = positions[vertices[i].Position];
        if (HasTexCoords)
        {
            var outTexCoords = Allocate(part.TexCoords, n);
            for (int i = 0; i < n; i++)
                outTexCoords[i] = vertices[i].TexCoord >= 0 ? texCoords[vertices[i].TexCoord] : Vector2.Zero;
        }
        if (HasNormals)
        {
            var outNormals = Allocate(part.Normals, n);
            for (int i = 0; i < n; i++)
                outNormals[i] = vertices[i].Normal >= 0 ? normals[vertices[i].Normal] : Vector3.Zero;
        }
        if (colors.Length > 0)
        {
            var outColors = Allocate(part.Colors, n);
            for (int i = 0; i < n; i++)
                outColors[i] = colors[vertices[i].Position];
        }
        part.Indices.AddRange(_indices.AsSpan(0, _indexCount));

        if (_materialIds.Count == 0)
        {
            part.Materials.Add(Material.Default);
            return part;
        }
        var slotToMaterial = new int[_materialIds.Count];
        for (int s = 0; s < slotToMaterial.Length; s++)
            slotToMaterial[s] = part.MaterialIndex(material(_materialIds[s]));
        if (part.Materials.Count > 1)
        {
            var outSlots = Allocate(part.ElementMaterials, ElementCount);
            if (_elementSlots is null)
            {
                outSlots.Fill(slotToMaterial[0]); // a later slot was named but no element kept it (a repeated point)
            }
            else
            {
                var slots = CollectionsMarshal.AsSpan(_elementSlots);
                for (int e = 0; e < slots.Length; e++)
                    outSlots[e] = slotToMaterial[slots[e]];
            }
        }
        return part;
    }

    private static Span<T> Allocate<T>(List<T> list, int count)
    {
        list.Capacity = count;
        CollectionsMarshal.SetCount(list, count);
        return CollectionsMarshal.AsSpan(list);
    }
}
