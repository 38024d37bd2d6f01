namespace Clip3D.Benchmarking;

/// <summary>The inputs and repetitions of a full and of a quick run; names of figures carry the sizes.</summary>
internal sealed record BenchSizes
{
    public static BenchSizes Full { get; } = new();

    public static BenchSizes Quick { get; } = new()
    {
        ScanFloats = 16 << 20,
        MeshQuadsX = 200, MeshQuadsY = 100, LoadRuns = 3,
        RenderTriangles = [1_000, 10_000, 50_000], RenderRuns = 4,
        EncodeImages = 4, EncodeTexts = 16, EncodeRuns = 1,
        DenseQuick = true, DenseViews = 1,
        FusionPoints = 5_000, FusionRuns = 2,
        FieldPoints = 8_000, FieldSteps = 100, FieldBatch = 256, FieldLogEvery = 4,
        EvalPoints = 20_000, EvalRuns = 3,
        QueryPoints = [10_000, 50_000], QueryRuns = 12, QueryNames = 3,
        MapRuns = 10,
        ReducedBuild = true,
    };

    /// <summary>Floats of the memory-bandwidth scan (default 64M = 256 MB, far beyond any cache).</summary>
    public int ScanFloats { get; init; } = 64 << 20;

    /// <summary>The loading height field's quads (default 1000 × 500 = 1M triangles).</summary>
    public int MeshQuadsX { get; init; } = 1000;

    public int MeshQuadsY { get; init; } = 500;

    public int LoadRuns { get; init; } = 3;

    /// <summary>Approximate triangles of the rendered spheres.</summary>
    public int[] RenderTriangles { get; init; } = [10_000, 100_000, 1_000_000];

    public int RenderRuns { get; init; } = 16;

    public int EncodeImages { get; init; } = 32;

    public int EncodeTexts { get; init; } = 128;

    public int EncodeRuns { get; init; } = 3;

    /// <summary>One crop scale (0.8: two crops, plus the part crops) instead of the default pyramid, for the dense features, the fusion and the build.</summary>
    public bool DenseQuick { get; init; }

    public int DenseViews { get; init; } = 4;

    public int FusionPoints { get; init; } = 100_000;

    public int FusionRuns { get; init; } = 3;

    public int FieldPoints { get; init; } = 20_000;

    public int FieldSteps { get; init; } = 400;

    public int FieldBatch { get; init; } = 2048;

    public int FieldLogEvery { get; init; } = 10;

    public int EvalPoints { get; init; } = 200_000;

    public int EvalRuns { get; init; } = 3;

    public int[] QueryPoints { get; init; } = [100_000, 1_000_000];

    public int QueryRuns { get; init; } = 60;

    /// <summary>Object names the timed queries take in turn (each first asked once, so its text is cached).</summary>
    public int QueryNames { get; init; } = 8;

    public int MapRuns { get; init; } = 20;

    /// <summary>A reduced build of the tabletop instead of the room demo's default build.</summary>
    public bool ReducedBuild { get; init; }
}
