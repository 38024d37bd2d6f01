using Clip3D.Fields.Field;
using Clip3D.Views.Features;
using Clip3D.Views.Fusion;

namespace Clip3D.Indexing;

/// <summary>How <see cref="SceneIndex.BuildAsync(string, Clip3D.Views.Encoders.IImageTextEncoder, BuildOptions?, IProgress{BuildProgress}?, CancellationToken)"/>
/// builds an index. Every property has a documented default; null ones take the <see cref="Preset"/>'s.</summary>
public sealed record BuildOptions
{
    public static BuildOptions Default { get; } = new();

    /// <summary>The preset the null properties follow; default <see cref="BuildPreset.Default"/>.</summary>
    public BuildPreset Preset { get; init; } = BuildPreset.Default;

    /// <summary>Where the cameras go; default <see cref="ViewPlanner.Auto"/>.</summary>
    public ViewPlanner Planner { get; init; } = ViewPlanner.Auto;

    /// <summary>Views to render; default null = 12 (lite), 24 (default) or 48 (big).</summary>
    public int? Views { get; init; }

    /// <summary>
    /// Most close-up views added for objects the planned views see only small (<see cref="Clip3D.Views.Cameras.CloseUpPlanner"/>:
    /// a scene part spanning under a quarter of every planned view gets one view framing it); default null = half of
    /// <see cref="Views"/>. 0 adds none. Close-ups use only the mesh's own parts, so a single-part scan gets none.
    /// </summary>
    public int? CloseUpViews { get; init; }

    /// <summary>
    /// Width of each view in pixels; default 1024. Crops are fractions of the view and every crop is resized to the
    /// encoder's input, so a larger view costs rendering time but no extra crops, and gives small objects' crops
    /// (and part crops) real detail: at 512×384 a can on a table was a blur of 20 pixels.
    /// </summary>
    public int ImageWidth { get; init; } = 1024;

    /// <summary>Height of each view in pixels; default 768.</summary>
    public int ImageHeight { get; init; } = 768;

    /// <summary>Surface points the features are fused onto (area-uniform samples); default 40,000.</summary>
    public int SurfacePoints { get; init; } = 40_000;

    /// <summary>
    /// Fewest surface points a part gets: parts that area-uniform sampling gives fewer are topped up with points of
    /// their own (at most a quarter of <see cref="SurfacePoints"/> in all; <see cref="Clip3D.Mesh.Sampling.SurfaceSampler"/>);
    /// default 100. By area a mug in a room demo gets 7 of 40,000 points, fewer than a query's smallest hit
    /// (<see cref="Querying.QueryOptions.MinHitPoints"/>) even when it is the most relevant thing in the room. 0 turns it off.
    /// </summary>
    public int MinPointsPerPart { get; init; } = 100;

    /// <summary>The crop pyramid of every view; default null = the preset's (<see cref="CropPyramidOptions.Lite"/>, <see cref="CropPyramidOptions.Default"/> or <see cref="CropPyramidOptions.Big"/>).</summary>
    public CropPyramidOptions? Pyramid { get; init; }

    /// <summary>
    /// Visibility and weighting of the fusion; default <see cref="FusionOptions.Default"/>; its
    /// <see cref="FusionOptions.ObjectLevelWeight"/> is replaced by <see cref="ObjectLevelWeight"/>.
    /// </summary>
    public FusionOptions Fusion { get; init; } = FusionOptions.Default;

    /// <summary>
    /// Weight of the part-crop ("object") level in each point's pooled feature, against 1 per pyramid scale; default 4.
    /// Part crops frame exactly one object, as the pictures the encoders learned from do, so they name it best (on the
    /// tabletop with the default encoder: mean label precision 49% with equal weights, 75% with 4).
    /// </summary>
    public float ObjectLevelWeight { get; init; } = 4f;

    /// <summary>
    /// Whether to distil the fused features into a neural field (hash grid + MLP, trained with ILGPU); default true.
    /// Without it the index answers on the fused points only.
    /// </summary>
    public bool TrainField { get; init; } = true;

    /// <summary>
    /// The field's configuration; default null = the preset's (<see cref="FieldConfig.For"/>) with
    /// <see cref="FieldSteps"/> steps.
    /// </summary>
    public FieldConfig? Field { get; init; }

    /// <summary>
    /// Training steps of the preset's field when <see cref="Field"/> is null; default null = 300 (lite), 1,000 (default) or
    /// 2,000 (big). On the room demo 1,000 steps bring the field's top-relevancy regions to IoU 0.83 with the fused
    /// points' (35 s on two cores with the SIMD trainer); with the earlier 8-spacing fusion smoothing, 2,000 or 3,000 steps
    /// gained nothing measurable there (0.764–0.766 against 0.762).
    /// </summary>
    public int? FieldSteps { get; init; }

    /// <summary>
    /// Which implementation trains the field; default <see cref="Clip3D.Fields.Field.FieldBackend.Auto"/> (ILGPU kernels on
    /// CUDA when present, the SIMD C# trainer on CPUs, where it is about ten times faster than ILGPU's CPU accelerator).
    /// </summary>
    public FieldBackend FieldBackend { get; init; } = FieldBackend.Auto;

    /// <summary>
    /// Whether the field takes the crop scale as an input, as LERF's does; default false (the field learns the pooled
    /// features). When true it trains on every fused level's features, each with its level's scale: a pyramid level's
    /// crop size as a fraction of the view's short side (0.2, 0.4, 0.8 for the default pyramid), 1 for the part-crop
    /// ("object") level, which frames whole objects; the index records them (<see cref="SceneIndex.FieldScales"/>) and
    /// queries search them (<see cref="SceneIndex.Query"/>). The field's <see cref="FieldReport"/> then measures every
    /// held-out point on every level it has, at that level's scale. Needs <see cref="TrainField"/> and the per-level
    /// features (<see cref="FusionOptions.StoreLevels"/>); sets the field config's
    /// <see cref="FieldConfig.ScaleInput"/>. Training samples grow by the number of levels, so steps cost the same but
    /// each point is seen less often.
    /// </summary>
    public bool FieldScale { get; init; }

    /// <summary>Share of the seen points kept out of field training to measure its fidelity; default 0.1 (every tenth).</summary>
    public double FieldHoldOut { get; init; } = 0.1;

    /// <summary>
    /// Folder of the per-view feature cache (keyed by scene, encoder, camera and pyramid, so rebuilding with other
    /// settings re-embeds only what changed); default null = <c>views/</c> under the Clip3D cache folder
    /// (<c>$XDG_CACHE_HOME/clip3d</c> or <c>~/.cache/clip3d</c>). Empty string: no cache.
    /// </summary>
    public string? FeatureCacheDirectory { get; init; }

    /// <summary>Seeds the surface samples and the camera layout; default 0. Same scene, encoder and seed → same index.</summary>
    public ulong Seed { get; init; }

    /// <summary>Receives one line per notable event (cache problems, memory-limit warnings); default none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Limits on what the build reads (mesh bytes and triangles, texture pixels, model file sizes) and on its memory
    /// (<see cref="ResourceLimits.MaxMemoryBytes"/>: degrade instead of failing); default <see cref="ResourceLimits.Default"/>.
    /// </summary>
    public ResourceLimits Limits { get; init; } = ResourceLimits.Default;

    internal int EffectiveViews => Views ?? Preset switch { BuildPreset.Lite => 12, BuildPreset.Big => 48, _ => 24 };

    internal int EffectiveCloseUpViews => CloseUpViews ?? EffectiveViews / 2;

    internal FieldConfig EffectiveField => (Field ?? FieldConfig.For(Preset switch
    {
        BuildPreset.Lite => FieldPreset.Lite,
        BuildPreset.Big => FieldPreset.Big,
        _ => FieldPreset.Default,
    }) with { Steps = FieldSteps ?? Preset switch { BuildPreset.Lite => 300, BuildPreset.Big => 2000, _ => 1000 }, Seed = 1 + Seed }) with { ScaleInput = FieldScale };

    internal CropPyramidOptions EffectivePyramid => Pyramid ?? Preset switch
    {
        BuildPreset.Lite => CropPyramidOptions.Lite,
        BuildPreset.Big => CropPyramidOptions.Big,
        _ => CropPyramidOptions.Default,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Preset)) throw new ArgumentException($"BuildOptions.Preset: unknown preset {(int)Preset}.");
        if (!Enum.IsDefined(Planner)) throw new ArgumentException($"BuildOptions.Planner: unknown planner {(int)Planner}.");
        if (Views is < 1 or > 10_000) throw new ArgumentException($"BuildOptions.Views must be in 1..10000, got {Views}.");
        if (CloseUpViews is < 0 or > 10_000) throw new ArgumentException($"BuildOptions.CloseUpViews must be in 0..10000, got {CloseUpViews}.");
        if (MinPointsPerPart is < 0 or > 1_000_000) throw new ArgumentException($"BuildOptions.MinPointsPerPart must be in 0..1000000, got {MinPointsPerPart}.");
        if (ImageWidth is < 32 or > 4096) throw new ArgumentException($"BuildOptions.ImageWidth must be in 32..4096, got {ImageWidth}.");
        if (ImageHeight is < 32 or > 4096) throw new ArgumentException($"BuildOptions.ImageHeight must be in 32..4096, got {ImageHeight}.");
        if (SurfacePoints is < 1 or > 20_000_000) throw new ArgumentException($"BuildOptions.SurfacePoints must be in 1..20000000, got {SurfacePoints}.");
        if (!(ObjectLevelWeight >= 0 && float.IsFinite(ObjectLevelWeight)))
            throw new ArgumentException($"BuildOptions.ObjectLevelWeight must be non-negative and finite, got {ObjectLevelWeight}.");
        if (FieldSteps is < 1) throw new ArgumentException($"BuildOptions.FieldSteps must be at least 1, got {FieldSteps}.");
        if (!(FieldHoldOut >= 0 && FieldHoldOut <= 0.5)) throw new ArgumentException($"BuildOptions.FieldHoldOut must be in [0, 0.5], got {FieldHoldOut}.");
        if (FieldScale && !TrainField) throw new ArgumentException("BuildOptions.FieldScale needs a field (BuildOptions.TrainField).");
        if (Field is { ScaleInput: true } && !FieldScale)
            throw new ArgumentException("BuildOptions.Field takes a scale input (scaleInput): set BuildOptions.FieldScale to train it on the per-level features with their scales.");
        if (FieldScale && Fusion is { StoreLevels: false })
            throw new ArgumentException("BuildOptions.FieldScale needs the per-level features: BuildOptions.Fusion.StoreLevels must be true.");
        if (TrainField) EffectiveField.Validate();
        ArgumentNullException.ThrowIfNull(Fusion);
        Fusion.Validate();
        ArgumentNullException.ThrowIfNull(Limits);
        Limits.Validate();
        EffectivePyramid.Validate();
    }
}
