using System.Numerics;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Features;
using Clip3D.Views.Rendering;

namespace Clip3D.Views.Fusion;

/// <summary>
/// Fuses per-view features onto surface points. <see cref="AddView"/> each rendered view with its features (the view is
/// needed only during the call: its depth image decides visibility), then <see cref="Fuse()"/>.
/// <para>
/// A point is seen by a view when it projects inside the image with positive depth onto a covered pixel, its depth
/// matches the rendered surface there within <see cref="FusionOptions.AbsoluteDepthTolerance"/> +
/// <see cref="FusionOptions.RelativeDepthTolerance"/> × depth — measured from the tangent plane of the surface seen
/// through the pixel centre (its rendered position and normal), so that surfaces seen at a grazing angle, whose depth
/// changes much within one pixel, still match, while the point must stay within a pixel footprint of where the
/// centre ray lands (one footprint over the cosine of the surface's slant) — its normal faces the camera (cosine to the direction of the camera at least
/// <see cref="FusionOptions.MinFacingCosine"/>) and agrees with the rendered normal at the pixel (cosine at least
/// <see cref="FusionOptions.MinNormalAgreement"/>). The view then weighs <c>cos^AnglePower / depth^DistancePower</c> there.
/// Per level, a point's feature is the weighted mean of the features at its pixel in the views that saw it and have a
/// feature there, scaled to unit length; its pooled feature is <c>normalise(Σ LevelWeights[l] · level feature l)</c>
/// over the levels it has. Points no view saw get no feature (see <see cref="FusedFeatures"/>). Last, every feature is
/// averaged with its neighbours' on the same surface (<see cref="FeatureSmoothing"/>; off with
/// <see cref="FusionOptions.SmoothingSpacings"/> = 0).
/// </para>
/// <para>
/// Memory: a view keeps only its <see cref="ViewFeatures"/> and, per point it sees, one 12-byte observation. Work is
/// spread over points; sums run in a fixed order (views in the order added), so the result does not depend on the
/// thread count. Not thread-safe: call from one thread.
/// </para>
/// </summary>
public sealed class FeatureFusion
{
    private readonly SurfacePoints _points;
    private readonly List<(ViewFeatures Features, Observation[] Seen)> _views = [];

    /// <summary>A point seen by a view: at which pixel, with what weight.</summary>
    private readonly record struct Observation(int Point, int Pixel, float Weight);

    public FeatureFusion(SurfacePoints points, FusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        Options = options ?? FusionOptions.Default;
        Options.Validate();
        _points = points;
    }

    public FusionOptions Options { get; }

    /// <summary>Views added so far.</summary>
    public int ViewCount => _views.Count;

    /// <summary>Feature dimension, fixed by the first view (0 before).</summary>
    public int Dimension => _views.Count == 0 ? 0 : _views[0].Features.Dimension;

    /// <summary>
    /// Finds the points <paramref name="view"/> sees and keeps <paramref name="features"/> for them; returns how many it sees.
    /// </summary>
    /// <exception cref="ArgumentException">The features are of another camera, or their dimension or scales differ from earlier views'.</exception>
    public int AddView(RenderedView view, ViewFeatures features)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(features);
        if (features.Camera.Intrinsics != view.Camera.Intrinsics || features.Camera.Pose != view.Camera.Pose)
            throw new ArgumentException($"The features were made for camera {features.Camera.Pose} ({features.Camera.Intrinsics}), the view is of {view.Camera.Pose} ({view.Camera.Intrinsics}).", nameof(features));
        if (_views.Count > 0)
        {
            var first = _views[0].Features;
            if (features.Dimension != first.Dimension)
                throw new ArgumentException($"The features are {features.Dimension}-d, earlier views' {first.Dimension}-d.", nameof(features));
            if (!features.Scales.SequenceEqual(first.Scales))
                throw new ArgumentException($"The features have scales ({string.Join(", ", features.Scales)}), earlier views ({string.Join(", ", first.Scales)}).", nameof(features));
        }

        int count = _points.Count;
        var pixels = new int[count];
        var weights = new float[count];
        var camera = view.Camera;
        int width = view.Width, height = view.Height;
        var options = Options;
        ForChunks(count, (start, end) =>
        {
            var positions = _points.Positions;
            var normals = _points.Normals;
            var depths = view.Depth;
            var renderedNormals = view.Normal;
            var renderedPositions = view.Position;
            for (int i = start; i < end; i++)
            {
                pixels[i] = -1;
                var position = positions[i];
                if (!camera.TryProject(position, out var pixel, out float depth) || !float.IsFinite(pixel.X) || !float.IsFinite(pixel.Y))
                    continue;
                if (!(pixel.X >= 0 && pixel.Y >= 0 && pixel.X < width && pixel.Y < height))
                    continue;
                int x = (int)pixel.X, y = (int)pixel.Y, index = y * width + x;
                if (!(depths[index] > 0))
                    continue;
                var toCamera = camera.Pose.Position - position;
                float distance = toCamera.Length();
                if (!(distance > 0))
                    continue;
                float cosine = Vector3.Dot(normals[i], toCamera) / distance;
                if (!(cosine >= options.MinFacingCosine))
                    continue;
                var renderedNormal = renderedNormals[index];
                if (options.MinNormalAgreement > -1 && !(Vector3.Dot(normals[i], renderedNormal) >= options.MinNormalAgreement))
                    continue;
                // The surface seen through the pixel centre, extended to the point's sub-pixel position along its
                // tangent plane, must pass within the tolerance of the point; and the point must lie within reach of
                // the pixel's footprint on that surface (a tangent plane is a good stand-in only nearby).
                var offset = position - renderedPositions[index];
                float tolerance = options.AbsoluteDepthTolerance + options.RelativeDepthTolerance * depth;
                if (!(MathF.Abs(Vector3.Dot(offset, renderedNormal)) <= tolerance))
                    continue;
                float footprint = depth / MathF.Min(camera.Intrinsics.Fx, camera.Intrinsics.Fy);
                float renderedCosine = MathF.Abs(Vector3.Dot(renderedNormal, Vector3.Normalize(camera.Pose.Position - renderedPositions[index])));
                // A point inside the pixel is at most ~0.71 footprints from the centre ray's hit, more on a slanted surface.
                if (!(offset.Length() <= tolerance + footprint / MathF.Max(renderedCosine, 0.2f)))
                    continue;
                float weight = MathF.Pow(MathF.Max(cosine, 1e-3f), options.AnglePower) * MathF.Pow(MathF.Max(depth, 1e-3f), -options.DistancePower);
                pixels[i] = index;
                weights[i] = weight;
            }
        });
        int seen = 0;
        foreach (int p in pixels)
            if (p >= 0) seen++;
        var observations = new Observation[seen];
        for (int i = 0, k = 0; i < count; i++)
            if (pixels[i] >= 0)
                observations[k++] = new Observation(i, pixels[i], weights[i]);
        _views.Add((features, observations));
        return seen;
    }

    /// <summary>The fused features of every point from the views added so far.</summary>
    /// <exception cref="InvalidOperationException">No view was added.</exception>
    /// <exception cref="ArgumentException"><see cref="FusionOptions.LevelWeights"/> has the wrong length for the fused levels.</exception>
    public FusedFeatures Fuse()
    {
        if (_views.Count == 0)
            throw new InvalidOperationException("Add at least one view before fusing.");
        var scales = _views[0].Features.Scales;
        bool objectLevel = _views.Any(v => v.Features.Parts is not null);
        int levelCount = scales.Count + (objectLevel ? 1 : 0), dimension = Dimension, count = _points.Count;
        var levelWeights = Options.LevelWeights?.ToArray()
            ?? [.. Enumerable.Repeat(1f, scales.Count), .. objectLevel ? new[] { Options.ObjectLevelWeight } : []];
        if (levelWeights.Length != levelCount)
            throw new ArgumentException($"FusionOptions.LevelWeights has {levelWeights.Length} values, the fused features have {levelCount} levels ({string.Join(", ", FusedFeatures.NamesFor(scales, objectLevel))}).");

        // Observations grouped by point (CSR), views in the order added.
        var viewCounts = new int[count];
        foreach (var (_, seen) in _views)
            foreach (var o in seen)
                viewCounts[o.Point]++;
        var offsets = new int[count + 1];
        for (int i = 0; i < count; i++)
            offsets[i + 1] = offsets[i] + viewCounts[i];
        var byPoint = new (int View, int Pixel, float Weight)[offsets[count]];
        var fill = offsets[..count];
        for (int v = 0; v < _views.Count; v++)
            foreach (var o in _views[v].Seen)
                byPoint[fill[o.Point]++] = (v, o.Pixel, o.Weight);

        var pooled = new Half[(long)count * dimension];
        var levels = Options.StoreLevels ? new Half[(long)count * levelCount * dimension] : null;
        var levelValid = new bool[count * levelCount];
        ForChunks(count, (start, end) =>
        {
            var sum = new float[levelCount * dimension];
            var weightSum = new float[levelCount];
            var pool = new float[dimension];
            for (int point = start; point < end; point++)
            {
                if (offsets[point] == offsets[point + 1])
                    continue;
                Array.Clear(sum);
                Array.Clear(weightSum);
                for (int k = offsets[point]; k < offsets[point + 1]; k++)
                {
                    var (v, pixel, weight) = byPoint[k];
                    var features = _views[v].Features;
                    int x = pixel % features.Width, y = pixel / features.Width;
                    for (int level = 0; level < levelCount; level++)
                    {
                        var feature = features.FeatureAt(x, y, level);
                        if (feature.IsEmpty)
                            continue;
                        weightSum[level] += weight;
                        var target = sum.AsSpan(level * dimension, dimension);
                        for (int d = 0; d < dimension; d++)
                            target[d] += weight * (float)feature[d];
                    }
                }
                Array.Clear(pool);
                for (int level = 0; level < levelCount; level++)
                {
                    var levelSum = sum.AsSpan(level * dimension, dimension);
                    if (!(weightSum[level] > 0) || !FeatureMath.Normalize(levelSum))
                        continue;
                    levelValid[point * levelCount + level] = true;
                    if (levels is not null)
                        for (int d = 0; d < dimension; d++)
                            levels[((long)point * levelCount + level) * dimension + d] = (Half)levelSum[d];
                    for (int d = 0; d < dimension; d++)
                        pool[d] += levelWeights[level] * levelSum[d];
                }
                FeatureMath.NormalizeToHalf(pool, pooled.AsSpan(point * dimension, dimension));
            }
        });
        var fused = new FusedFeatures(dimension, FusedFeatures.NamesFor(scales, objectLevel), pooled, levels, levelValid, viewCounts);
        return FeatureSmoothing.Smooth(_points, fused, Options);
    }

    /// <summary>Adds every view and fuses: the one-call form.</summary>
    public static FusedFeatures Fuse(SurfacePoints points, IEnumerable<(RenderedView View, ViewFeatures Features)> views, FusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(views);
        var fusion = new FeatureFusion(points, options);
        foreach (var (view, features) in views)
            fusion.AddView(view, features);
        return fusion.Fuse();
    }

    /// <summary>Runs <paramref name="body"/> over [0, count) in chunks of 1024, on up to <see cref="FusionOptions.Threads"/> threads.</summary>
    private void ForChunks(int count, Action<int, int> body)
    {
        const int Chunk = 1024;
        int chunks = (count + Chunk - 1) / Chunk;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Threads > 0 ? Options.Threads : -1 };
        Parallel.For(0, chunks, parallel, c => body(c * Chunk, Math.Min(count, (c + 1) * Chunk)));
    }
}
