using System.Numerics;
using Clip3D.Fields.Field;

namespace Clip3D.Querying;

/// <summary>
/// The field's features at an index's seen surface points, evaluated once per scale on first use and kept as
/// <see cref="FieldCosines"/> rows, so that a query over the surface is a (K + 1)-value dot product per point rather
/// than a network evaluation, and the rows' cosines with their closest negative, per set of negatives, so that it is one
/// such dot product. Thread-safe: each value is computed by one thread while others wait for it.
/// </summary>
internal sealed class FieldSurfaceCodes
{
    private readonly Lazy<float[]>[] _rows;
    private readonly Lock _gate = new();
    private readonly Dictionary<(int Set, string Negatives), Lazy<float[]>> _closestNegatives = [];

    /// <param name="field">The index's field (owned by the index).</param>
    /// <param name="points">The seen points, increasing indices into the surface points.</param>
    /// <param name="positions">Their positions.</param>
    /// <param name="scales">The scales the field takes (one row set each), or empty for a field without a scale input.</param>
    public FieldSurfaceCodes(FeatureField field, int[] points, Vector3[] positions, IReadOnlyList<float> scales)
    {
        Points = points;
        Scales = scales;
        Width = FieldCosines.RowWidth(field);
        float[] evaluated = scales.Count == 0 ? [0f] : scales.ToArray();
        _rows = evaluated.Select(s => new Lazy<float[]>(() => FieldCosines.Rows(field, positions, s), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray();
    }

    /// <summary>The seen points the rows belong to.</summary>
    public int[] Points { get; }

    /// <summary>The field's scales; empty when it takes none.</summary>
    public IReadOnlyList<float> Scales { get; }

    /// <summary>Values per row.</summary>
    public int Width { get; }

    /// <summary>The rows at scale <paramref name="scaleIndex"/> (0 for a field without scale input).</summary>
    public float[] Rows(int scaleIndex) => _rows[scaleIndex].Value;

    /// <summary>Row sets: the number of scales, or 1.</summary>
    public int RowSets => _rows.Length;

    /// <summary>
    /// The rows' <see cref="FieldCosines.ClosestNegative"/> cosines at scale <paramref name="scaleIndex"/> for the negatives
    /// named by <paramref name="key"/> (made by <paramref name="negatives"/> on first use), kept for later queries: a few
    /// sets of negatives per scale (4 bytes a point each); past that, the cache starts afresh.
    /// </summary>
    public float[] ClosestNegative(int scaleIndex, string key, Func<float[][]> negatives)
    {
        Lazy<float[]>? entry;
        lock (_gate)
        {
            if (!_closestNegatives.TryGetValue((scaleIndex, key), out entry))
            {
                if (_closestNegatives.Count >= 8 * _rows.Length) _closestNegatives.Clear();
                _closestNegatives[(scaleIndex, key)] = entry = new Lazy<float[]>(() => FieldCosines.ClosestNegative(Rows(scaleIndex), Width, negatives()));
            }
        }
        return entry.Value;
    }
}
