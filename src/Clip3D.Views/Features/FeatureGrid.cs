namespace Clip3D.Views.Features;

/// <summary>
/// One pyramid scale's features over a view: a grid of <see cref="Columns"/>×<see cref="Rows"/> square cells of
/// <see cref="CellSize"/> pixels (the last column and row may reach past the image), each holding the unit-length
/// feature at its centre in half precision, or none (all zeros) where no embedded crop covers it. Immutable.
/// </summary>
public sealed class FeatureGrid
{
    private readonly Half[] _features;
    private readonly bool[] _valid;

    /// <param name="scale">Tile side as a fraction of the short side.</param>
    /// <param name="tileSize">Tile side in pixels.</param>
    /// <param name="cellSize">Cell side in pixels.</param>
    /// <param name="columns">Cells across.</param>
    /// <param name="rows">Cells down.</param>
    /// <param name="dimension">Feature dimension D.</param>
    /// <param name="features">columns·rows·D values, row-major by cell; each row unit length, or all zeros for a cell without a feature.</param>
    /// <exception cref="ArgumentException">Sizes disagree, or a value is not finite.</exception>
    public FeatureGrid(float scale, int tileSize, int cellSize, int columns, int rows, int dimension, Half[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!(scale > 0 && scale <= 1)) throw new ArgumentException($"Scale must be in (0, 1], got {scale}.", nameof(scale));
        if (tileSize <= 0 || cellSize <= 0 || columns <= 0 || rows <= 0 || dimension <= 0)
            throw new ArgumentException($"Grid sizes must be positive, got tile {tileSize}, cell {cellSize}, {columns}×{rows} cells, D={dimension}.");
        if (features.Length != checked(columns * rows * dimension))
            throw new ArgumentException($"Expected {columns}×{rows}×{dimension} feature values, got {features.Length}.", nameof(features));
        _valid = new bool[columns * rows];
        for (int cell = 0; cell < _valid.Length; cell++)
        {
            var row = features.AsSpan(cell * dimension, dimension);
            bool any = false;
            foreach (var v in row)
            {
                if (!Half.IsFinite(v))
                    throw new ArgumentException($"Feature of cell {cell} has a non-finite value ({v}).", nameof(features));
                any |= v != Half.Zero;
            }
            _valid[cell] = any;
        }
        Scale = scale;
        TileSize = tileSize;
        CellSize = cellSize;
        Columns = columns;
        Rows = rows;
        Dimension = dimension;
        _features = features;
    }

    public float Scale { get; }

    public int TileSize { get; }

    public int CellSize { get; }

    public int Columns { get; }

    public int Rows { get; }

    public int Dimension { get; }

    /// <summary>All values, cell-major (<c>(row · Columns + column) · D</c>).</summary>
    public ReadOnlySpan<Half> Features => _features;

    /// <summary>Number of cells that hold a feature.</summary>
    public int ValidCellCount => _valid.Count(v => v);

    /// <summary>The cell holding pixel (x, y) (pixels past the grid's reach fall in the last cell).</summary>
    public int CellOf(int x, int y) => Math.Min(y / CellSize, Rows - 1) * Columns + Math.Min(x / CellSize, Columns - 1);

    /// <summary>Whether cell <paramref name="cell"/> holds a feature.</summary>
    public bool HasFeature(int cell) => _valid[cell];

    /// <summary>The unit feature of cell <paramref name="cell"/>, or an empty span when it has none.</summary>
    public ReadOnlySpan<Half> Feature(int cell) => _valid[cell] ? _features.AsSpan(cell * Dimension, Dimension) : default;

    /// <summary>Bytes held by the features and flags.</summary>
    public long MemoryBytes => (long)_features.Length * sizeof(ushort) + _valid.Length;
}
