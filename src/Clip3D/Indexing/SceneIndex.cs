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
    private readonly Lazy<EmbeddingBatch> _negatives;
    private readonly Lazy<Dictionary<string, int>> _partIds;

    internal SceneIndex(SceneIndexContent content, IImageTextEncoder encoder, bool ownsEncoder, BuildTimings? timings)
    {
        Content = content;
        Encoder = encoder;
        _ownsEncoder = ownsEncoder;
        Timings = timings;
        _negatives = new Lazy<EmbeddingBatch>(() => FusedQuery.EmbedCanonicalNegatives(Encoder));
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
    /// <exception cref="MeshFormatException">The file cannot be read (the message names it and the problem).</exception>
    /// <exception cref="Clip3D.Views.Rendering.RenderingUnavailableException">No headless OpenGL context here.</exception>
    public static Task<SceneIndex> BuildAsync(string path, IImageTextEncoder encoder, BuildOptions? options = null,
        IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Task.Run(() =>
        {
            var clock = Stopwatch.StartNew();
            progress?.Report(new BuildProgress(BuildStage.Load, 0, 1));
            var scene = SceneReader.Load(path);
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
    /// LERF relevancy of every surface point to <paramref name="text"/> (its prompt-ensemble embedding) against the
    /// canonical negatives "object", "things", "stuff", "texture": NaN for points no view saw.
    /// </summary>
    public float[] FusedRelevancy(string text, RelevancyOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var query = PromptEnsemble.Embed(Encoder, text, cancellationToken: cancellationToken);
        return FusedQuery.Relevancy(Fused, query, _negatives.Value, options);
    }

    /// <summary>
    /// LERF relevancy to <paramref name="text"/> of the field's features at <paramref name="positions"/> (anywhere in
    /// space, world frame).
    /// </summary>
    /// <exception cref="InvalidOperationException">The index has no field.</exception>
    public float[] FieldRelevancy(ReadOnlySpan<System.Numerics.Vector3> positions, string text, RelevancyOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (Field is null) throw new InvalidOperationException($"{Source}: the index has no neural field (built without one).");
        options ??= RelevancyOptions.Default;
        options.Validate();
        var query = PromptEnsemble.Embed(Encoder, text, cancellationToken: cancellationToken);
        return FieldScores(positions, query, _negatives.Value, options.Temperature);
    }

    /// <summary>
    /// Answers a text query: LERF relevancy of every surface point (from the fused features, the field, or both — see
    /// <see cref="QueryOptions.Source"/>) against the negatives, and the hits — clusters of the most relevant points with
    /// centroid, box, score and the label of the part they lie on. Thread-safe: one index can answer many queries at once.
    /// </summary>
    public QueryResult Query(string text, QueryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        options ??= QueryOptions.Default;
        options.Validate();
        var source = options.Source == RelevancySource.Auto ? (Field is null ? RelevancySource.Fused : RelevancySource.Field) : options.Source;
        if (source != RelevancySource.Fused && Field is null)
            throw new InvalidOperationException($"{Source}: the index has no neural field; query its fused points (RelevancySource.Fused).");

        var queries = PromptEnsemble.EmbedAll(Encoder, [text, .. options.ExtraPositives], cancellationToken: cancellationToken);
        var query = new float[queries.Dimension];
        for (int q = 0; q < queries.Count; q++)
            for (int k = 0; k < query.Length; k++) query[k] += queries[q][k];
        EmbeddingBatch.NormalizeRows(query, query.Length);
        var negatives = ReferenceEquals(options.Negatives, FusedQuery.CanonicalNegatives)
            ? _negatives.Value
            : Encoder.EmbedTexts(options.Negatives, cancellationToken);
        var relevancyOptions = new RelevancyOptions { Temperature = options.Temperature };

        float[]? fusedScores = source is RelevancySource.Fused or RelevancySource.Ensemble
            ? FusedQuery.Relevancy(Fused, query, negatives, relevancyOptions)
            : null;
        float[]? fieldScores = null;
        if (source is RelevancySource.Field or RelevancySource.Ensemble)
        {
            var seen = Fused.FeaturedPoints();
            var atSeen = FieldScores(seen.Select(i => Points.Positions[i]).ToArray(), query, negatives, options.Temperature);
            fieldScores = new float[Points.Count];
            Array.Fill(fieldScores, float.NaN);
            for (int j = 0; j < seen.Length; j++) fieldScores[seen[j]] = atSeen[j];
        }
        var scores = source switch
        {
            RelevancySource.Fused => fusedScores!,
            RelevancySource.Field => fieldScores!,
            _ => fusedScores!.Zip(fieldScores!, (a, b) => (a + b) / 2).ToArray(),
        };
        cancellationToken.ThrowIfCancellationRequested();
        var hits = HitClustering.Cluster(Points, PartNames, scores, Bounds, options);
        return new QueryResult(text, source, scores, hits);
    }

    private float[] FieldScores(ReadOnlySpan<System.Numerics.Vector3> positions, float[] query, EmbeddingBatch negatives, float temperature)
    {
        var field = Field!;
        var features = field.Evaluate(positions);
        int d = field.Dimension;
        var result = new float[positions.Length];
        for (int p = 0; p < result.Length; p++)
        {
            var f = features.AsSpan(p * d, d);
            float positive = EmbeddingBatch.Dot(f, query), relevancy = 1;
            for (int n = 0; n < negatives.Count; n++)
                relevancy = MathF.Min(relevancy, FusedQuery.PairwiseRelevancy(positive, EmbeddingBatch.Dot(f, negatives[n]), temperature));
            result[p] = relevancy;
        }
        return result;
    }

    public void Dispose()
    {
        if (_ownsEncoder) Encoder.Dispose();
        Content.Field?.Dispose();
    }
}
