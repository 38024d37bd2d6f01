using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Clip3D.Encoders.Default.Training;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Cameras;
using Clip3D.Views.Encoders;
using Clip3D.Views.Features;
using Clip3D.Views.Fusion;
using Clip3D.Views.Geometry;
using Clip3D.Views.Rendering;

namespace Clip3D.Indexing;

/// <summary>
/// The build pipeline: sample the surface, plan cameras, then per view render → crop pyramid and part crops through
/// the encoder (or the feature cache) → visibility against the surface points; finally fuse. Runs on one thread, which
/// owns the renderer's GL context; the encoder parallelises inside.
/// </summary>
internal static class SceneIndexBuilder
{
    /// <summary>Horizontal extent and height from which <see cref="ViewPlanner.Auto"/> treats a scene as a room.</summary>
    private const float RoomMinWidth = 3f, RoomMinHeight = 1.8f;

    public static SceneIndex Build(Scene scene, string source, IImageTextEncoder encoder, BuildOptions options,
        IProgress<BuildProgress>? progress, CancellationToken cancellationToken, double loadSeconds)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        options.Validate();
        options = BuildMemoryBudget.Fit(options, encoder.Dimension, options.Log);
        if (scene.TriangleCount == 0)
            throw new ArgumentException($"{scene.SourcePath}: the scene has no surfaces to index.");
        var clock = Stopwatch.StartNew();

        progress?.Report(new BuildProgress(BuildStage.Plan, 0, 1));
        var points = SurfaceSampler.Sample(scene, options.SurfacePoints, options.Seed, options.MinPointsPerPart);
        var planner = options.Planner == ViewPlanner.Auto ? ChoosePlanner(scene.Bounds) : options.Planner;
        var (cameras, closeUps) = PlanViews(scene, planner, options);
        string sceneHash = Clip3D.Views.Features.SceneHash.Compute(scene);
        double plan = clock.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();
        // The views stage starts here, as its timing does: the renderer's and the cache's setup count as views.
        progress?.Report(new BuildProgress(BuildStage.Views, 0, cameras.Length));

        var pyramid = options.EffectivePyramid;
        var extractor = new ViewFeatureExtractor(encoder, pyramid);
        var cache = options.FeatureCacheDirectory switch
        {
            "" => null,
            null => new ViewFeatureCache(Path.Combine(NpmPackageCache.DefaultCacheRoot(), "views"), options.Log),
            var folder => new ViewFeatureCache(folder, options.Log),
        };
        var fusion = new FeatureFusion(points, options.Fusion with { ObjectLevelWeight = options.ObjectLevelWeight });
        int crops = 0;
        using (var renderer = new HeadlessRenderer(new RenderOptions()))
        {
            renderer.Upload(scene);
            for (int v = 0; v < cameras.Length; v++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new BuildProgress(BuildStage.Views, v, cameras.Length));
                var view = renderer.Render(cameras[v]);
                int hitsBefore = cache?.Hits ?? 0;
                var features = cache is null ? extractor.Extract(view, cancellationToken) : cache.GetOrCompute(sceneHash, extractor, view, cancellationToken);
                if ((cache?.Hits ?? 0) == hitsBefore) crops += features.CropCount + features.PartCropCount;
                fusion.AddView(view, features);
            }
            progress?.Report(new BuildProgress(BuildStage.Views, cameras.Length, cameras.Length));
        }
        double views = clock.Elapsed.TotalSeconds - plan;

        progress?.Report(new BuildProgress(BuildStage.Fuse, 0, 1));
        var fused = fusion.Fuse();
        progress?.Report(new BuildProgress(BuildStage.Fuse, 1, 1));
        double fuse = clock.Elapsed.TotalSeconds - plan - views;

        FieldOutcome? field = null;
        // A scale field's scales, one per fused level: the pyramid's crop fractions, then 1 for the part-crop level.
        float[]? fieldScales = options.TrainField && options.FieldScale
            ? pyramid.Scales.Concat(Enumerable.Repeat(1f, fused.LevelCount - pyramid.Scales.Count)).ToArray()
            : null;
        if (options.TrainField)
        {
            field = FieldDistillation.Train(points, fused, scene.Bounds, options.EffectiveField, options.FieldBackend, options.FieldHoldOut,
                options.Log, progress, cancellationToken, fieldScales);
        }
        double fieldSeconds = clock.Elapsed.TotalSeconds - plan - views - fuse;

        var settings = new JsonObject
        {
            ["preset"] = options.Preset.ToString().ToLowerInvariant(),
            ["planner"] = planner.ToString().ToLowerInvariant(),
            ["views"] = cameras.Length,
            ["closeUpViews"] = closeUps,
            ["imageWidth"] = options.ImageWidth,
            ["imageHeight"] = options.ImageHeight,
            ["surfacePoints"] = options.SurfacePoints,
            ["minPointsPerPart"] = options.MinPointsPerPart,
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["pyramid"] = pyramid.CacheKey(),
        };
        // Where the scene was read from, so that a viewer can find it again from another folder (checked by scene hash there).
        if (File.Exists(scene.SourcePath))
            settings["sourcePath"] = Path.GetFullPath(scene.SourcePath);
        if (fieldScales is not null)
            settings["fieldScales"] = new JsonArray(fieldScales.Select(v => (JsonNode)v).ToArray());
        var content = new SceneIndexContent(source, sceneHash, scene.Bounds, scene.Parts.Select(p => p.Name).ToArray(), points, fused,
            encoder.Identity, settings) { Field = field?.Field, FieldReport = field?.Report };
        var timings = new BuildTimings
        {
            LoadSeconds = loadSeconds,
            PlanSeconds = plan,
            ViewSeconds = views,
            FuseSeconds = fuse,
            FieldSeconds = fieldSeconds,
            TotalSeconds = loadSeconds + clock.Elapsed.TotalSeconds,
            Views = cameras.Length,
            Crops = crops,
            CachedViews = cache?.Hits ?? 0,
        };
        return new SceneIndex(content, encoder, ownsEncoder: false, timings);
    }

    internal static ViewPlanner ChoosePlanner(Bounds bounds) =>
        Math.Min(bounds.Size.X, bounds.Size.Y) >= RoomMinWidth && bounds.Size.Z >= RoomMinHeight ? ViewPlanner.Interior : ViewPlanner.Orbit;

    /// <summary>The views of a build: the planner's, then the close-ups (<see cref="CloseUpPlanner"/>), and how many of them are close-ups.</summary>
    internal static (Camera[] Cameras, int CloseUps) PlanViews(Scene scene, ViewPlanner planner, BuildOptions options)
    {
        var caster = new MeshRayCaster(scene);
        var planned = PlanCameras(scene, caster, planner, options);
        var closeUps = CloseUpPlanner.Plan(scene, caster, planned, CloseUpOptions.Default with { MaxViews = options.EffectiveCloseUpViews });
        return (planned.Concat(closeUps).ToArray(), closeUps.Count);
    }

    private static IReadOnlyList<Camera> PlanCameras(Scene scene, MeshRayCaster caster, ViewPlanner planner, BuildOptions options)
    {
        int views = options.EffectiveViews;
        if (planner == ViewPlanner.Interior)
        {
            int yaws = InteriorOptions.Default.YawsPerPosition;
            var interior = InteriorOptions.Default with
            {
                Positions = (views + yaws - 1) / yaws,
                Width = options.ImageWidth,
                Height = options.ImageHeight,
                Seed = options.Seed,
            };
            return InteriorPlanner.Plan(scene, caster, interior).Take(views).ToArray();
        }
        return OrbitPlanner.Plan(scene.Bounds, OrbitOptions.Default with
        {
            Views = views,
            Width = options.ImageWidth,
            Height = options.ImageHeight,
            // From above the horizon: what a robot's or a person's eye sees of a tabletop or an object on the floor.
            MinElevationDegrees = 10,
            MaxElevationDegrees = 65,
            Seed = options.Seed,
        });
    }
}
