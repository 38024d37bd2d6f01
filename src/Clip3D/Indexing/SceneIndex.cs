using System.Diagnostics;
using System.Text.Json.Nodes;
using Clip3D.Encoders;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Encoders;
using Clip3D.Views.Features;
using Clip3D.Querying;
using Clip3D.Views.Fusion;

namespace Clip3D.Indexing;

/// <summary>
/// What Clip3D knows about one scene: its surface points with the encoder's features fused onto them, and the encoder
/// that can turn a text query into the same space. Build it from a mesh or scene file
/// (<see cref="BuildAsync(string, IImageTextEncoder, BuildOptions?, IProgress{BuildProgress}?, CancellationToken)"/>),
/// save it as a <c>.c3d</c> index file (<see cref="Save"/>) and load it again (<see cref="Load"/>). Positions are in
/// Clip3D's world frame (Z up, metres). Queries only read: one index can serve many threads. Dispose it to release an
/// encoder it opened itself.
/// </summary>
public sealed class SceneIndex : IDisposable
{
    private readonly bool _ownsEncoder;
    private readonly TextEmbeddingCache _texts;
    private readonly Lazy<IReadOnlyList<float>> _fieldScales;
    private readonly Lazy<FieldSurfaceCodes?> _fieldCodes;
    private readonly Lazy<Dictionary<string, int>> _partIds;
    private readonly Lock _closestNegativesGate = new();
    private readonly Dictionary<string, Lazy<float[]>> _closestNegatives = new(StringComparer.Ordinal);

    internal SceneIndex(SceneIndexContent content, IImageTextEncoder encoder, bool ownsEncoder, BuildTimings? timings)
    {
        Content = content;
        Encoder = encoder;
        _ownsEncoder = ownsEncoder;
        Timings = timings;
        _texts = new TextEmbeddingCache(encoder);
        _fieldScales = new Lazy<IReadOnlyList<float>>(ReadFieldScales);
        _fieldCodes = new Lazy<FieldSurfaceCodes?>(() =>
        {
            if (Field is null) return null;
            var seen = Fused.FeaturedPoints();
            var positions = new System.Numerics.Vector3[seen.Length];
            for (int j = 0; j < seen.Length; j++) positions[j] = Points.Positions[seen[j]];
            return new FieldSurfaceCodes(Field, seen, positions, FieldScales);
        });
        _partIds = new Lazy<Dictionary<string, int>>(() =>
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int p = 0; p < content.PartNames.Count; p++) ids.TryAdd(content.PartNames[p], p);
            return ids;
        });
    }

    internal SceneIndexContent Content { get; }

    /// <summary>The scene file (or scene name) the index was built from.</summary>
    public string Source => Content.Source;

    /// <summary>
    /// The cameras of the views the index was built from, planned again over <paramref name="scene"/> (the scene it was
    /// built from) with the planner, view count, image size and seed of <see cref="BuildSettings"/>: e.g. to draw them.
    /// </summary>
    /// <exception cref="ArgumentException">The build settings lack a planner, view count, image size or seed.</exception>
    public IReadOnlyList<Clip3D.Views.Cameras.Camera> ViewCameras(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var settings = BuildSettings;
        JsonNode Setting(string key) => settings[key] ?? throw new ArgumentException($"The index's build settings lack '{key}': its views cannot be planned again.", nameof(scene));
        try
        {
            var planner = Enum.Parse<ViewPlanner>(Setting("planner").GetValue<string>(), ignoreCase: true);
            int closeUps = CloseUpViews;
            var options = BuildOptions.Default with
            {
                Views = Setting("views").GetValue<int>() - closeUps,
                CloseUpViews = closeUps,
                ImageWidth = Setting("imageWidth").GetValue<int>(),
                ImageHeight = Setting("imageHeight").GetValue<int>(),
                Seed = ulong.Parse(Setting("seed").GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            };
            return SceneIndexBuilder.PlanViews(scene, planner, options).Cameras;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new ArgumentException($"The index's build settings do not say how its views were planned ({e.Message}).", nameof(scene), e);
        }
    }

    /// <summary>
    /// How many of the index's views were close-ups (<see cref="BuildOptions.CloseUpViews"/>); the build settings' "views"
    /// counts them too. 0 for indexes from before close-ups.
    /// </summary>
    public int CloseUpViews => BuildSettings["closeUpViews"]?.GetValue<int>() ?? 0;

    /// <summary>The scene's <see cref="SceneHash"/>: an index and a scene match when their hashes do.</summary>
    public string SceneHash => Content.SceneHash;

    /// <summary>The scene's bounds in the world frame.</summary>
    public Bounds Bounds => Content.Bounds;

    /// <summary>The scene's part names, indexed by the points' part ids.</summary>
    public IReadOnlyList<string> PartNames => Content.PartNames;

    /// <summary>The part id of the part named <paramref name="name"/> (the first, if several share it), or null.</summary>
    public int? PartId(string name) => _partIds.Value.TryGetValue(name, out int id) ? id : null;

    /// <summary>The surface points the features were fused onto.</summary>
    public SurfacePoints Points => Content.Points;

    /// <summary>The fused features of <see cref="Points"/>, per crop level and pooled.</summary>
    public FusedFeatures Fused => Content.Fused;

    /// <summary>The neural field distilled from <see cref="Fused"/>: features anywhere in space; null when none was trained.</summary>
    public Clip3D.Fields.Field.FeatureField? Field => Content.Field;

    /// <summary>How the field was trained and how faithful it is; null without a field.</summary>
    public FieldReport? FieldReport => Content.FieldReport;

    /// <summary>The encoder of the features, which also embeds the queries.</summary>
    public IImageTextEncoder Encoder { get; }

    /// <summary>How long each stage of the build took; null for a loaded index.</summary>
    public BuildTimings? Timings { get; }

    /// <summary>The build settings, as recorded in the index file.</summary>
    public JsonObject BuildSettings => Content.BuildSettings;

    /// <summary>Builds the index of the scene in <paramref name="path"/> (any format <see cref="SceneReader"/> reads).</summary>
    /// <exception cref="MeshFormatException">
    /// The file cannot be read, or is over a limit of <see cref="BuildOptions.Limits"/> (the message names it and the problem or limit).
    /// </exception>
    /// <exception cref="Clip3D.Views.Rendering.RenderingUnavailableException">No headless OpenGL context here.</exception>
    public static Task<SceneIndex> BuildAsync(string path, IImageTextEncoder encoder, BuildOptions? options = null,
        IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            progress?.Report(new BuildProgress(BuildStage.Load, 0, 1));
            var scene = SceneReader.Load(path, (options ?? BuildOptions.Default).Limits.ApplyTo((ReadOptions?)null));
            double load = clock.Elapsed.TotalSeconds;
            return SceneIndexBuilder.Build(scene, Path.GetFileName(path), encoder, options ?? BuildOptions.Default, progress, cancellationToken, load);
        }, cancellationToken);
    }

    /// <summary>Builds the index of a loaded <paramref name="scene"/>.</summary>
    public static Task<SceneIndex> BuildAsync(Scene scene, IImageTextEncoder encoder, BuildOptions? options = null,
        IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return Task.Run(() => SceneIndexBuilder.Build(scene, Path.GetFileName(scene.SourcePath), encoder, options ?? BuildOptions.Default,
            progress, cancellationToken, 0), cancellationToken);
    }

    /// <summary>Writes the index to <paramref name="path"/> (a <c>.c3d</c> file), atomically: a failed write leaves an older file as it was.</summary>
    /// <exception cref="Clip3D.Fields.Index.IndexFileException">The file cannot be written.</exception>
    public void Save(string path) => SceneIndexFile.Write(path, Content, Encoder.Identity);

    /// <summary>
    /// Loads an index file. Without <paramref name="encoder"/> it reopens the encoder the index was built with (from
    /// the identity in its header) and owns it; a given encoder must be that same encoder.
    /// </summary>
    /// <exception cref="Clip3D.Fields.Index.IndexFileException">The file is missing, damaged, of another format
    /// version, or was built with another encoder than <paramref name="encoder"/>.</exception>
    /// <exception cref="ModelFolderException">The index's encoder cannot be reopened here.</exception>
    public static SceneIndex Load(string path, IImageTextEncoder? encoder = null)
    {
        var content = SceneIndexFile.Read(path, encoder?.Identity);
        if (encoder is not null) return new SceneIndex(content, encoder, ownsEncoder: false, timings: null);
        var opened = EncoderFactory.Open(content.Encoder);
        return new SceneIndex(content, opened, ownsEncoder: true, timings: null);
    }

    /// <summary>
    /// An index file's surface points and fused features alone, without reopening its encoder (which <see cref="Load"/>
    /// needs for queries): for exporting them, or for an index whose model folder is not on this machine. The file is
    /// checked as <see cref="Load"/> checks it.
    /// </summary>
    /// <exception cref="Clip3D.Fields.Index.IndexFileException">The file is missing, damaged or of another format version.</exception>
    public static (SurfacePoints Points, FusedFeatures Fused) LoadPoints(string path)
    {
        var content = SceneIndexFile.Read(path, expectedEncoder: null);
        return (content.Points, content.Fused);
    }

    /// <summary>
    /// LERF relevancy of every surface point to <paramref name="text"/> (its prompt-ensemble embedding) against the
    /// canonical negatives "object", "things", "stuff", "texture": NaN for points no view saw.
    /// </summary>
    public float[] FusedRelevancy(string text, RelevancyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var query = _texts.Ensemble([text], cancellationToken)[0];
        return FusedScores(query, FusedQuery.CanonicalNegatives, _texts.Plain(FusedQuery.CanonicalNegatives, cancellationToken), options ?? RelevancyOptions.Default);
    }

    /// <summary>
    /// The scales the field takes as an input, one per fused level (the pyramid's crop sizes as fractions of the view's
    /// short side, then 1 for the part-crop "object" level; see <see cref="BuildOptions.FieldScale"/>); empty when the
    /// field takes no scale or there is no field.
    /// </summary>
    public IReadOnlyList<float> FieldScales => _fieldScales.Value;

    /// <summary>
    /// LERF relevancy to <paramref name="text"/> of the field's features at <paramref name="positions"/> (anywhere in
    /// space, world frame). A field with a scale input is evaluated at each of <see cref="FieldScales"/> and the scale
    /// whose highest relevancy over the positions is highest is used, as in <see cref="Query"/>. Only
    /// <see cref="RelevancyOptions.Temperature"/> applies (levels belong to the fused points).
    /// </summary>
    /// <exception cref="InvalidOperationException">The index has no field.</exception>
    public float[] FieldRelevancy(ReadOnlySpan<System.Numerics.Vector3> positions, string text, RelevancyOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (Field is null) throw new InvalidOperationException($"{Source}: the index has no neural field (built without one).");
        options ??= RelevancyOptions.Default;
        options.Validate();
        var query = _texts.Ensemble([text], cancellationToken)[0];
        var (vector, negatives) = ProjectToField(query, _texts.Plain(FusedQuery.CanonicalNegatives, cancellationToken));
        var scales = FieldScales.Count == 0 ? [0f] : FieldScales;
        float[]? best = null;
        float bestMax = float.NegativeInfinity;
        foreach (float scale in scales)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = FieldCosines.Rows(Field, positions, scale);
            var relevancy = FieldCosines.Relevancy(rows, FieldCosines.RowWidth(Field), vector, negatives, options.Temperature);
            float max = Max(relevancy);
            if (best is null || max > bestMax) (best, bestMax) = (relevancy, max);
        }
        return best!;
    }

    /// <summary>
    /// Answers a text query: LERF relevancy of every surface point (from the fused features, the field, or both — see
    /// <see cref="QueryOptions.Source"/>) against the negatives, and the hits — clusters of the most relevant points with
    /// centroid, box, score and the label of the part they lie on (<see cref="QueryOptions.Clustering"/>). When the field
    /// takes a scale (<see cref="FieldScales"/>), it is scored at every scale and, as LERF does, the scale whose highest
    /// relevancy over the points is highest (the first of equals) answers; <see cref="QueryResult.Scale"/> reports it.
    /// Thread-safe: one index can answer many queries at once, and they get the same answers as one at a time.
    /// </summary>
    /// <remarks>
    /// Fast after the first use: text embeddings (the prompt ensemble of 80 templates, which dominates otherwise) are
    /// cached per index, the last <see cref="TextCacheCapacity"/> texts; the field's outputs at the seen surface points
    /// are computed once per scale on the first field query and kept as PCA codes, so a point's cosine is a (K + 1)-value
    /// dot product (exact up to float rounding against decoding the features); and every point's cosine with its closest
    /// negative is computed once per set of negatives (and scale) and kept, so a query is one dot product per point —
    /// SIMD half precision for the fused features — over all cores, giving the same numbers as scoring every negative.
    /// On 2 cores a 100k-point query with a cached text takes a few milliseconds from the field and about ten from the
    /// fused points (bench/Clip3D.Bench QueryBenchmarks).
    /// </remarks>
    public QueryResult Query(string text, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        options ??= QueryOptions.Default;
        options.Validate();
        var source = options.Source == RelevancySource.Auto ? (Field is null ? RelevancySource.Fused : RelevancySource.Field) : options.Source;
        if (source != RelevancySource.Fused && Field is null)
            throw new InvalidOperationException($"{Source}: the index has no neural field; query its fused points (RelevancySource.Fused).");

        var positives = _texts.Ensemble([text, .. options.ExtraPositives], cancellationToken);
        var query = new float[Fused.Dimension];
        foreach (var row in positives)
            for (int k = 0; k < query.Length; k++) query[k] += row[k];
        EmbeddingBatch.NormalizeRows(query, query.Length);
        var negatives = _texts.Plain(options.Negatives, cancellationToken);

        float[]? fusedScores = source is RelevancySource.Fused or RelevancySource.Ensemble
            ? FusedScores(query, options.Negatives, negatives, new RelevancyOptions { Temperature = options.Temperature })
            : null;
        cancellationToken.ThrowIfCancellationRequested();
        float[]? fieldScores = null;
        float? scale = null;
        if (source is RelevancySource.Field or RelevancySource.Ensemble)
            (fieldScores, scale) = SurfaceFieldScores(query, options.Negatives, negatives, options.Temperature, cancellationToken);
        var scores = source switch
        {
            RelevancySource.Fused => fusedScores!,
            RelevancySource.Field => fieldScores!,
            _ => Mean(fusedScores!, fieldScores!),
        };
        cancellationToken.ThrowIfCancellationRequested();
        var hits = HitClustering.Cluster(Points, PartNames, scores, Bounds, options);
        return new QueryResult(text, source, scores, hits) { Scale = scale };
    }

    /// <summary>Texts whose embeddings an index keeps for later queries (least recently used go first).</summary>
    public static int TextCacheCapacity => TextEmbeddingCache.DefaultCapacity;

    /// <summary>Field relevancy of every surface point (NaN where unseen) from the cached codes, at the best scale.</summary>
    private (float[] Scores, float? Scale) SurfaceFieldScores(float[] query, IReadOnlyList<string> negativeTexts, float[][] negatives,
        float temperature, CancellationToken cancellationToken)
    {
        var codes = _fieldCodes.Value!;
        var (vector, projected) = ProjectToField(query, negatives);
        string key = string.Join('\u001F', negativeTexts);
        float[]? best = null;
        float bestMax = float.NegativeInfinity;
        int bestSet = 0;
        for (int set = 0; set < codes.RowSets; set++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var closest = codes.ClosestNegative(set, key, () => projected);
            var relevancy = FieldCosines.Relevancy(codes.Rows(set), codes.Width, vector, closest, temperature);
            float max = Max(relevancy);
            if (best is null || max > bestMax) (best, bestMax, bestSet) = (relevancy, max, set);
        }
        var scores = new float[Points.Count];
        Array.Fill(scores, float.NaN);
        for (int j = 0; j < codes.Points.Length; j++) scores[codes.Points[j]] = best![j];
        return (scores, codes.Scales.Count == 0 ? null : codes.Scales[bestSet]);
    }

    private (float[] Query, float[][] Negatives) ProjectToField(float[] query, float[][] negatives)
    {
        var field = Field!;
        var n = new float[negatives.Length][];
        for (int i = 0; i < n.Length; i++)
        {
            var unit = negatives[i].ToArray();
            EmbeddingBatch.NormalizeRows(unit, unit.Length);
            n[i] = FieldCosines.Project(field, unit);
        }
        return (FieldCosines.Project(field, query), n);
    }

    /// <summary>
    /// Fused relevancy through the points' closest-negative cosines, computed once per set of negatives and level and
    /// kept (<see cref="FusedQuery.ClosestNegativeCosines"/>): the same numbers as scoring every negative per query.
    /// </summary>
    private float[] FusedScores(float[] query, IReadOnlyList<string> negativeTexts, float[][] negatives, RelevancyOptions options)
    {
        options.Validate();
        if (options.MaxOverLevels) return FusedQuery.Relevancy(Fused, query, Batch(negatives), options);
        string key = string.Join('\u001F', negativeTexts) + "\u001E" + options.Level;
        Lazy<float[]>? closest;
        lock (_closestNegativesGate)
        {
            if (!_closestNegatives.TryGetValue(key, out closest))
            {
                // A few sets of negatives are kept (4 bytes a point each); past that, start afresh.
                if (_closestNegatives.Count >= 8) _closestNegatives.Clear();
                int? level = options.Level;
                _closestNegatives[key] = closest = new Lazy<float[]>(() => FusedQuery.ClosestNegativeCosines(Fused, Batch(negatives), level));
            }
        }
        return FusedQuery.Relevancy(Fused, query, closest.Value, options);
    }

    private static EmbeddingBatch Batch(float[][] rows)
    {
        int d = rows[0].Length;
        var data = new float[rows.Length * d];
        for (int i = 0; i < rows.Length; i++) rows[i].CopyTo(data, i * d);
        return new EmbeddingBatch(rows.Length, d, data);
    }

    private static float[] Mean(float[] a, float[] b)
    {
        var result = new float[a.Length];
        for (int i = 0; i < result.Length; i++) result[i] = (a[i] + b[i]) / 2;
        return result;
    }

    private static float Max(float[] values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values) if (v > max) max = v;
        return max;
    }

    private IReadOnlyList<float> ReadFieldScales()
    {
        if (Field is not { Config.ScaleInput: true }) return [];
        if (BuildSettings["fieldScales"] is not System.Text.Json.Nodes.JsonArray array || array.Count == 0)
            throw new InvalidOperationException($"{Source}: the field takes a scale, but the index records no \"fieldScales\" among its build settings.");
        return array.Select(v => v!.GetValue<float>()).ToArray();
    }

    public void Dispose()
    {
        if (_ownsEncoder) Encoder.Dispose();
        Content.Field?.Dispose();
    }
}
