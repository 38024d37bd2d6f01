using System.Numerics.Tensors;
using Clip3D.Fields.Index;
using Clip3D.Views.Fusion;

namespace Clip3D.Fields.Compression;

/// <summary>
/// Per-scene PCA of fused features (as LangSplat compresses CLIP features before distilling them): a mean and K
/// orthonormal basis rows of dimension D, from the eigen-decomposition in double precision of the features' covariance
/// (deterministic; every basis row's largest component is made positive). <see cref="Compress(ReadOnlySpan{float}, Span{float})"/>
/// is B·(f − mean), <see cref="Decode(ReadOnlySpan{float}, Span{float})"/> is mean + Bᵀ·c: linear, so a field's
/// compressed output decodes with one K×D product. <see cref="Fidelity"/> states what the compression alone loses.
/// Immutable and thread-safe.
/// </summary>
public sealed class FeatureCompression
{
    /// <summary>Default compressed dimension K.</summary>
    public const int DefaultRank = 48;

    /// <summary>Default cap on the features the covariance is computed from (evenly spaced when there are more).</summary>
    public const int DefaultMaxFitPoints = 20_000;

    private readonly float[] _mean;
    private readonly float[] _basis;
    private readonly float[] _frame;

    /// <param name="dimension">Feature dimension D.</param>
    /// <param name="mean">D values.</param>
    /// <param name="basis">K×D values, orthonormal rows.</param>
    /// <param name="explainedVariance">Fraction of the variance the K rows explain, or NaN when unknown.</param>
    public FeatureCompression(int dimension, float[] mean, float[] basis, double explainedVariance = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(basis);
        if (dimension <= 0 || mean.Length != dimension)
            throw new ArgumentException($"mean has {mean.Length} values for dimension {dimension}", nameof(mean));
        if (basis.Length == 0 || basis.Length % dimension != 0 || basis.Length / dimension > dimension)
            throw new ArgumentException($"basis has {basis.Length} values, not K×{dimension} with 1 ≤ K ≤ {dimension}", nameof(basis));
        if (!mean.All(float.IsFinite) || !basis.All(float.IsFinite))
            throw new ArgumentException("mean and basis must be finite", nameof(basis));
        Dimension = dimension;
        Rank = basis.Length / dimension;
        _mean = mean;
        _basis = basis;
        ExplainedVariance = explainedVariance;
        // The decoded feature is mean⊥ + Bᵀ(B·mean + c): in the orthonormal frame {mean⊥/|mean⊥|, rows of B} its
        // coordinates are (|mean⊥|, B·mean + c), so cosines of decoded features are cosines of these K+1 vectors.
        _frame = new float[Rank + 1];
        var perpendicular = mean.Select(v => (double)v).ToArray();
        for (var k = 0; k < Rank; k++)
        {
            var row = basis.AsSpan(k * dimension, dimension);
            double dot = 0;
            for (var i = 0; i < dimension; i++)
                dot += row[i] * (double)mean[i];
            _frame[1 + k] = (float)dot;
            for (var i = 0; i < dimension; i++)
                perpendicular[i] -= dot * row[i];
        }
        _frame[0] = (float)Math.Sqrt(perpendicular.Sum(x => x * x));
    }

    /// <summary>Feature dimension D.</summary>
    public int Dimension { get; }

    /// <summary>Compressed dimension K.</summary>
    public int Rank { get; }

    /// <summary>The mean feature, D values.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>The basis, K×D values, orthonormal rows, by decreasing variance.</summary>
    public ReadOnlySpan<float> Basis => _basis;

    /// <summary>
    /// K+1 values: the length of the mean's part outside the basis span, then the mean's coordinates in the basis.
    /// A code c decodes to a feature whose coordinates in an orthonormal frame are (Frame[0], Frame[1..] + c).
    /// </summary>
    public ReadOnlySpan<float> Frame => _frame;

    /// <summary>Fraction of the fitted features' variance the basis explains (NaN when not known).</summary>
    public double ExplainedVariance { get; }

    /// <summary>
    /// Fits K = <paramref name="rank"/> rows to the features of dimension <paramref name="dimension"/>
    /// (<paramref name="features"/> row-major). At most <paramref name="maxFitPoints"/> evenly spaced rows are used.
    /// </summary>
    public static FeatureCompression Fit(ReadOnlySpan<float> features, int dimension, int rank = DefaultRank, int maxFitPoints = DefaultMaxFitPoints)
    {
        if (dimension <= 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "must be positive");
        if (features.Length % dimension != 0)
            throw new ArgumentException($"{features.Length} values are not rows of {dimension}", nameof(features));
        if (rank < 1 || rank > dimension)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"must be in 1…{dimension}");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFitPoints);
        var count = features.Length / dimension;
        if (count == 0)
            throw new ArgumentException("no features to fit", nameof(features));
        var used = Math.Min(count, maxFitPoints);
        // Column-major, centred, double: covariance entries are dot products of columns.
        var mean = new double[dimension];
        for (var r = 0; r < used; r++)
        {
            var row = features.Slice(RowOf(r, used, count) * dimension, dimension);
            for (var i = 0; i < dimension; i++)
                mean[i] += row[i];
        }
        for (var i = 0; i < dimension; i++)
            mean[i] /= used;
        var columns = new double[dimension * used];
        for (var r = 0; r < used; r++)
        {
            var row = features.Slice(RowOf(r, used, count) * dimension, dimension);
            if (!TensorPrimitives.IsFiniteAll(row))
                throw new ArgumentException($"feature {RowOf(r, used, count)} has a non-finite value", nameof(features));
            for (var i = 0; i < dimension; i++)
                columns[i * used + r] = row[i] - mean[i];
        }
        var covariance = new double[dimension * dimension];
        Parallel.For(0, dimension, i =>
        {
            var ci = columns.AsSpan(i * used, used);
            for (var j = i; j < dimension; j++)
            {
                var value = TensorPrimitives.Dot<double>(ci, columns.AsSpan(j * used, used)) / used;
                covariance[i * dimension + j] = value;
                covariance[j * dimension + i] = value;
            }
        });
        var (values, vectors) = SymmetricEigen.Decompose(covariance, dimension);
        var basis = new float[rank * dimension];
        for (var k = 0; k < rank; k++)
        {
            var row = vectors.AsSpan(k * dimension, dimension);
            var largest = 0;
            for (var i = 1; i < dimension; i++)
                if (Math.Abs(row[i]) > Math.Abs(row[largest]))
                    largest = i;
            var sign = row[largest] < 0 ? -1.0 : 1.0;
            for (var i = 0; i < dimension; i++)
                basis[k * dimension + i] = (float)(sign * row[i]);
        }
        var total = values.Sum(v => Math.Max(v, 0));
        var explained = total > 0 ? values.Take(rank).Sum(v => Math.Max(v, 0)) / total : 1;
        return new FeatureCompression(dimension, mean.Select(v => (float)v).ToArray(), basis, explained);
    }

    /// <summary>
    /// Fits to the pooled features (or level <paramref name="level"/>'s, which then must have been kept) of the points
    /// of <paramref name="fused"/> that have one.
    /// </summary>
    public static FeatureCompression Fit(FusedFeatures fused, int rank = DefaultRank, int? level = null, int maxFitPoints = DefaultMaxFitPoints)
    {
        ArgumentNullException.ThrowIfNull(fused);
        var rows = new List<float>();
        for (var p = 0; p < fused.PointCount; p++)
        {
            var feature = fused.Feature(p, level);
            foreach (var v in feature)
                rows.Add((float)v);
        }
        if (rows.Count == 0)
            throw new ArgumentException("no point has a feature", nameof(fused));
        return Fit(rows.ToArray(), fused.Dimension, Math.Min(rank, fused.Dimension), maxFitPoints);
    }

    private static int RowOf(int r, int used, int count) => used == count ? r : (int)((long)r * count / used);

    /// <summary>The code of one feature: B·(f − mean), K values.</summary>
    public void Compress(ReadOnlySpan<float> feature, Span<float> code)
    {
        CheckLength(feature, Dimension, nameof(feature));
        CheckLength(code, Rank, nameof(code));
        Span<float> centred = Dimension <= 2048 ? stackalloc float[Dimension] : new float[Dimension];
        TensorPrimitives.Subtract(feature, _mean, centred);
        for (var k = 0; k < Rank; k++)
            code[k] = TensorPrimitives.Dot(_basis.AsSpan(k * Dimension, Dimension), centred);
    }

    /// <summary>The codes of many features (row-major n×D in, n×K out).</summary>
    public float[] Compress(ReadOnlySpan<float> features)
    {
        if (features.Length % Dimension != 0)
            throw new ArgumentException($"{features.Length} values are not rows of {Dimension}", nameof(features));
        var count = features.Length / Dimension;
        var codes = new float[count * Rank];
        for (var p = 0; p < count; p++)
            Compress(features.Slice(p * Dimension, Dimension), codes.AsSpan(p * Rank, Rank));
        return codes;
    }

    /// <summary>The feature of one code, mean + Bᵀ·c (not normalised), D values.</summary>
    public void Decode(ReadOnlySpan<float> code, Span<float> feature)
    {
        CheckLength(code, Rank, nameof(code));
        CheckLength(feature, Dimension, nameof(feature));
        _mean.CopyTo(feature);
        for (var k = 0; k < Rank; k++)
            TensorPrimitives.MultiplyAdd(_basis.AsSpan(k * Dimension, Dimension), code[k], feature, feature);
    }

    /// <summary>The unit feature of one code: <see cref="Decode(ReadOnlySpan{float}, Span{float})"/> normalised (zero stays zero).</summary>
    public void DecodeUnit(ReadOnlySpan<float> code, Span<float> feature)
    {
        Decode(code, feature);
        var norm = TensorPrimitives.Norm((ReadOnlySpan<float>)feature);
        if (norm > 0)
            TensorPrimitives.Divide(feature, norm, feature);
    }

    /// <summary>
    /// Mean cosine between each feature (row-major n×D) and its compressed-then-decoded version: the fidelity the
    /// compression alone keeps (1 = lossless). Zero rows (points without a feature) are skipped.
    /// </summary>
    public double Fidelity(ReadOnlySpan<float> features)
    {
        if (features.Length % Dimension != 0)
            throw new ArgumentException($"{features.Length} values are not rows of {Dimension}", nameof(features));
        var code = new float[Rank];
        var decoded = new float[Dimension];
        double sum = 0;
        var counted = 0;
        for (var p = 0; p < features.Length / Dimension; p++)
        {
            var row = features.Slice(p * Dimension, Dimension);
            if (!row.ContainsAnyExcept(0f))
                continue;
            Compress(row, code);
            Decode(code, decoded);
            sum += TensorPrimitives.CosineSimilarity(row, decoded);
            counted++;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }

    /// <summary>Sections <c>{prefix}.mean</c> [D] and <c>{prefix}.basis</c> [K×D] (Float32).</summary>
    public IReadOnlyList<IndexSection> ToSections(string prefix = "compression") =>
    [
        IndexSection.FromFloats(prefix + ".mean", _mean, Dimension),
        IndexSection.FromFloats(prefix + ".basis", _basis, Rank, Dimension),
    ];

    /// <summary>The compression stored by <see cref="ToSections"/>.</summary>
    /// <exception cref="IndexFileException">A section is missing or has the wrong type or shape.</exception>
    public static FeatureCompression FromSections(IEnumerable<IndexSection> sections, string prefix = "compression")
    {
        var byName = sections.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var mean = Get(byName, prefix + ".mean");
        var basis = Get(byName, prefix + ".basis");
        if (mean.Shape.Count != 1 || basis.Shape.Count != 2 || basis.Shape[1] != mean.Shape[0] || basis.Shape[0] < 1 || basis.Shape[0] > mean.Shape[0])
            throw new IndexFileException(mean.SourcePath ?? "(unsaved index)",
                $"sections \"{mean.Name}\" {IndexSection.FormatShape(mean.Shape)} and \"{basis.Name}\" {IndexSection.FormatShape(basis.Shape)} are not [D] and [K×D]");
        try { return new FeatureCompression(mean.Shape[0], mean.AsFloats().ToArray(), basis.AsFloats().ToArray()); }
        catch (ArgumentException e) { throw new IndexFileException(mean.SourcePath ?? "(unsaved index)", $"compression sections: {e.Message}"); }
    }

    internal static IndexSection Get(Dictionary<string, IndexSection> byName, string name) =>
        byName.TryGetValue(name, out var section) ? section
            : throw new IndexFileException(byName.Values.FirstOrDefault()?.SourcePath ?? "(unsaved index)", $"no section \"{name}\"");

    private static void CheckLength(ReadOnlySpan<float> span, int expected, string name)
    {
        if (span.Length != expected)
            throw new ArgumentException($"expected {expected} values, got {span.Length}", name);
    }
}
