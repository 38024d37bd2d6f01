using System.Numerics;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Querying;

namespace Clip3D.Navigation;

/// <summary>
/// A top-down grid over a scene's XY bounds for one text query, as VLMaps makes for robots: per cell the highest
/// relevancy of the seen surface points above it, and occupancy from the geometry inside the robot's height band
/// (<see cref="TopDownMapOptions"/>). Cell (column, row) covers X from <c>Origin.X + column · Resolution</c> and Y from
/// <c>Origin.Y + row · Resolution</c>, each one resolution wide: row 0 is the lowest Y (as in ROS's map frame; image
/// writers flip it). World frame: Z up, metres. Immutable; its clearance is computed once, on first use.
/// </summary>
public sealed class TopDownMap
{
    private readonly CellState[] _cells;
    private readonly float[] _relevancy;
    private readonly Lazy<float[]> _clearance;

    private TopDownMap(string query, IReadOnlyList<QueryHit> hits, Vector2 origin, float resolution, int width, int height,
        float floorHeight, CellState[] cells, float[] relevancy)
    {
        Query = query;
        Hits = hits;
        Origin = origin;
        Resolution = resolution;
        Width = width;
        Height = height;
        FloorHeight = floorHeight;
        _cells = cells;
        _relevancy = relevancy;
        _clearance = new Lazy<float[]>(() => ClearanceTransform.Compute(_cells, Width, Height, Resolution));
    }

    /// <summary>The query text the relevancy is for.</summary>
    public string Query { get; }

    /// <summary>The query's hits (best first), which <see cref="GoalPlanner"/> walks to.</summary>
    public IReadOnlyList<QueryHit> Hits { get; }

    /// <summary>World XY of the lower-left corner of cell (0, 0), in metres.</summary>
    public Vector2 Origin { get; }

    /// <summary>Edge of a cell, in metres.</summary>
    public float Resolution { get; }

    /// <summary>Columns (along X).</summary>
    public int Width { get; }

    /// <summary>Rows (along Y).</summary>
    public int Height { get; }

    /// <summary>The floor height the height band was measured from, in metres.</summary>
    public float FloorHeight { get; }

    /// <summary>The state of cell (<paramref name="column"/>, <paramref name="row"/>).</summary>
    public CellState State(int column, int row) => _cells[Index(column, row)];

    /// <summary>The highest relevancy of the seen points in the cell; NaN where the cell holds no seen point.</summary>
    public float Relevancy(int column, int row) => _relevancy[Index(column, row)];

    /// <summary>
    /// How far the robot's centre at the cell's centre is from anything it must not touch, in metres: the distance to the
    /// centre of the nearest occupied or unknown cell (or of a cell just outside the map) less half a cell's diagonal — so
    /// never more than the distance to any point of such a cell. 0 for cells that are not free.
    /// </summary>
    public float Clearance(int column, int row) => _clearance.Value[Index(column, row)];

    /// <summary>World XY of the centre of a cell.</summary>
    public Vector2 CellCentre(int column, int row) =>
        new(Origin.X + (column + 0.5f) * Resolution, Origin.Y + (row + 0.5f) * Resolution);

    /// <summary>The cell holding world point (<paramref name="x"/>, <paramref name="y"/>), or null outside the map.</summary>
    public (int Column, int Row)? CellAt(float x, float y)
    {
        double c = Math.Floor((x - Origin.X) / (double)Resolution);
        double r = Math.Floor((y - Origin.Y) / (double)Resolution);
        if (c < 0 || r < 0 || c >= Width || r >= Height) return null;
        return ((int)c, (int)r);
    }

    /// <summary>Cells in each state: (free, occupied, unknown).</summary>
    public (int Free, int Occupied, int Unknown) Counts()
    {
        int free = 0, occupied = 0;
        foreach (var s in _cells)
        {
            if (s == CellState.Free) free++;
            else if (s == CellState.Occupied) occupied++;
        }
        return (free, occupied, _cells.Length - free - occupied);
    }

    /// <summary>Queries <paramref name="index"/> for <paramref name="text"/> and maps the answer (see <see cref="Build(SceneIndex, QueryResult, TopDownMapOptions?)"/>).</summary>
    /// <exception cref="ArgumentException">An option is out of range, or the map would have more than <see cref="TopDownMapOptions.MaxCells"/> cells.</exception>
    public static TopDownMap Build(SceneIndex index, string text, TopDownMapOptions? options = null, QueryOptions? query = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        (options ?? TopDownMapOptions.Default).Validate();
        return Build(index, index.Query(text, query, cancellationToken), options);
    }

    /// <summary>The map of a query <paramref name="answer"/> over the index's surface points and bounds.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or the map would have more than <see cref="TopDownMapOptions.MaxCells"/> cells.</exception>
    public static TopDownMap Build(SceneIndex index, QueryResult answer, TopDownMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(answer);
        return Build(index.Points, index.Bounds, answer.Relevancy, answer.Hits, answer.Query, options);
    }

    /// <summary>
    /// The map of surface points with their relevancy (NaN where unseen) over the XY extent of <paramref name="bounds"/>.
    /// A cell is occupied when a point lies in it within the height band, free when it holds a floor point (within
    /// <see cref="TopDownMapOptions.FloorTolerance"/> of the floor, normal facing up) and no band point, unknown otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range, the relevancy does not match the points, the bounds
    /// are empty, or the map would have more than <see cref="TopDownMapOptions.MaxCells"/> cells.</exception>
    public static TopDownMap Build(SurfacePoints points, Bounds bounds, IReadOnlyList<float> relevancy, IReadOnlyList<QueryHit> hits,
        string query, TopDownMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(relevancy);
        ArgumentNullException.ThrowIfNull(hits);
        options ??= TopDownMapOptions.Default;
        options.Validate();
        if (relevancy.Count != points.Count)
            throw new ArgumentException($"{relevancy.Count} relevancy values for {points.Count} points.", nameof(relevancy));
        if (bounds.IsEmpty) throw new ArgumentException("The scene's bounds are empty: there is nothing to map.", nameof(bounds));
        float resolution = options.ResolutionFor(points);
        // At least one cell along each axis, so a flat or thin scene still has a map.
        long width = Math.Max(1, (long)Math.Ceiling(bounds.Size.X / resolution - 1e-4));
        long height = Math.Max(1, (long)Math.Ceiling(bounds.Size.Y / resolution - 1e-4));
        if (width * height > options.MaxCells)
            throw new ArgumentException($"TopDownMapOptions.Resolution: {resolution} m over {bounds.Size.X:F2}×{bounds.Size.Y:F2} m makes {width}×{height} cells, more than MaxCells ({options.MaxCells}).");
        int w = (int)width, h = (int)height;
        float floor = options.FloorHeight ?? EstimateFloor(points, bounds, options);
        var origin = new Vector2(bounds.Min.X, bounds.Min.Y);
        var cells = new CellState[w * h];
        var best = new float[w * h];
        Array.Fill(best, float.NaN);
        var hasFloor = new bool[w * h];
        var positions = points.Positions;
        var normals = points.Normals;
        for (int i = 0; i < positions.Length; i++)
        {
            var p = positions[i];
            // Points on the bounds' far edges belong to the last cell.
            int c = Math.Clamp((int)Math.Floor((p.X - origin.X) / resolution), 0, w - 1);
            int r = Math.Clamp((int)Math.Floor((p.Y - origin.Y) / resolution), 0, h - 1);
            int cell = r * w + c;
            float v = relevancy[i];
            if (!float.IsNaN(v) && !(best[cell] >= v)) best[cell] = v;
            float above = p.Z - floor;
            if (above >= options.BandBottom && above <= options.BandTop) cells[cell] = CellState.Occupied;
            else if (MathF.Abs(above) <= options.FloorTolerance && normals[i].Z >= options.MinFloorNormalZ) hasFloor[cell] = true;
        }
        for (int k = 0; k < cells.Length; k++)
            if (cells[k] != CellState.Occupied && hasFloor[k]) cells[k] = CellState.Free;
        return new TopDownMap(query ?? "", hits, origin, resolution, w, h, floor, cells, best);
    }

    /// <summary>The most common height (1 cm bins) of upward-facing points near the bottom of the scene; its lowest Z if none.</summary>
    internal static float EstimateFloor(SurfacePoints points, Bounds bounds, TopDownMapOptions options)
    {
        const float Bin = 0.01f;
        int bins = (int)Math.Floor(options.FloorSearchHeight / Bin) + 1;
        var counts = new int[bins];
        var sums = new double[bins];
        var positions = points.Positions;
        var normals = points.Normals;
        for (int i = 0; i < positions.Length; i++)
        {
            float above = positions[i].Z - bounds.Min.Z;
            if (above < 0 || above > options.FloorSearchHeight || normals[i].Z < options.MinFloorNormalZ) continue;
            int b = Math.Min(bins - 1, (int)(above / Bin));
            counts[b]++;
            sums[b] += positions[i].Z;
        }
        int best = -1;
        for (int b = 0; b < bins; b++)
            if (counts[b] > 0 && (best < 0 || counts[b] > counts[best])) best = b;
        // The mean of the bin's points, not its edge: a floor at exactly a bin boundary stays where it is.
        return best < 0 ? bounds.Min.Z : (float)(sums[best] / counts[best]);
    }

    private int Index(int column, int row)
    {
        if ((uint)column >= (uint)Width) throw new ArgumentOutOfRangeException(nameof(column), column, $"The map has {Width} columns.");
        if ((uint)row >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(row), row, $"The map has {Height} rows.");
        return row * Width + column;
    }
}
