using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Clip3D.Benchmarking.Inputs;
using Clip3D.Encoders;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Encoders;
using Clip3D.Views.Features;
using Clip3D.Views.Fusion;
using Clip3D.Views.Rendering;
using Clip3D.Views.Tests.Features;

namespace Clip3D.Bench;

/// <summary>
/// Dense view features: views/s and crops/s of <see cref="ViewFeatureExtractor.Extract"/> per crop-pyramid preset on
/// 640×480 renders of <see cref="FusionBenchScene"/> (every pixel covered, so every pyramid crop is embedded, plus two
/// part-mask crops for each of the 3 parts). Encoders: "colour", the tests' colour fake (costs next to nothing: measures
/// the pipeline's own cropping, batching and grid building), and "tiny", the tests' tiny ONNX CLIP through
/// <see cref="OnnxClipEncoder"/> (real preprocessing of every crop to 16×16, a trivial model). A real CLIP adds its
/// model time per crop on top.
/// <code>dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*ViewFeatureBenchmarks*' --job short --inProcess</code>
/// </summary>
[Config(typeof(Config))]
public class ViewFeatureBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new RateColumn("views/s", "Views embedded per second, from the mean time", _ => 1));
            AddColumn(new RateColumn("crops/s", "Crops embedded per second (pyramid and part-mask), from the mean time",
                c => CropsPerView((string)c.Parameters["Preset"])));
        }
    }

    private IImageTextEncoder _encoder = null!;
    private ViewFeatureExtractor _extractor = null!;
    private RenderedView[] _views = [];
    private int _next;

    [Params("Lite", "Default", "Big")]
    public string Preset { get; set; } = "Default";

    [Params("colour", "tiny")]
    public string Encoder { get; set; } = "colour";

    public static CropPyramidOptions Options(string preset) => preset switch
    {
        "Lite" => CropPyramidOptions.Lite,
        "Big" => CropPyramidOptions.Big,
        _ => CropPyramidOptions.Default,
    };

    public static int CropsPerView(string preset) =>
        CropPyramid.Plan(FusionBenchScene.Width, FusionBenchScene.Height, Options(preset)).Count + 2 * FusionBenchScene.Parts;

    [GlobalSetup]
    public void Setup()
    {
        _views = FusionBenchScene.Render(FusionBenchScene.Build());
        _encoder = Encoder == "tiny"
            ? OnnxClipEncoder.Open(EncoderBenchmarks.TinyFolder(), OnnxEncoderOptions.Default with { BatchSize = 32 })
            : new ColourEncoder();
        _extractor = new ViewFeatureExtractor(_encoder, Options(Preset));
        // The crops/s column assumes every crop is embedded: check it.
        foreach (var view in _views)
        {
            var features = _extractor.Extract(view);
            if (features.CropCount + features.PartCropCount != CropsPerView(Preset) || features.SkippedCropCount != 0)
                throw new InvalidOperationException($"A benchmark view embedded {features.CropCount} + {features.PartCropCount} crops " +
                    $"({features.SkippedCropCount} skipped); expected {CropsPerView(Preset)}.");
        }
        _next = 0;
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    /// <summary>One view's features.</summary>
    [Benchmark]
    public ViewFeatures Extract()
    {
        var view = _views[_next];
        _next = (_next + 1) % _views.Length;
        return _extractor.Extract(view);
    }
}

/// <summary>
/// Fusion: surface points per second of <see cref="FeatureFusion"/> (visibility of every point in each of 4 views, then
/// the weighted per-level and pooled features in half precision) for 100k points sampled over
/// <see cref="FusionBenchScene"/>, per preset and feature dimension (8, and 512 as CLIP ViT-B). View features come from
/// <see cref="RandomFeatureEncoder"/> and are made once in the setup.
/// <code>dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*FusionBenchmarks*' --job short --inProcess</code>
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class FusionBenchmarks
{
    public const int Points = 100_000;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(new RateColumn("points/s", "Surface points fused (over all views) per second, from the mean time", _ => Points));
        }
    }

    private SurfacePoints _points = null!;
    private (RenderedView View, ViewFeatures Features)[] _views = [];

    [Params("Lite", "Default", "Big")]
    public string Preset { get; set; } = "Default";

    [Params(8, 512)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scene = FusionBenchScene.Build();
        var rendered = FusionBenchScene.Render(scene);
        using var encoder = new RandomFeatureEncoder(Dimension);
        var extractor = new ViewFeatureExtractor(encoder, ViewFeatureBenchmarks.Options(Preset));
        _views = rendered.Select(v => (v, extractor.Extract(v))).ToArray();
        _points = SurfaceSampler.Sample(scene, Points, seed: 1);
        var fused = Fuse();
        Console.WriteLine($"// {Preset}, D={Dimension}: {fused.FeaturedPointCount} of {Points} points featured, " +
            $"{fused.MemoryBytes / 1e6:0.0} MB fused, {_views.Sum(v => v.Features.MemoryBytes) / 1e6:0.0} MB of view features");
    }

    /// <summary>All views added and fused.</summary>
    [Benchmark]
    public FusedFeatures Fuse() => FeatureFusion.Fuse(_points, _views);
}

/// <summary>A per-second rate: units per operation (from the case's parameters) ÷ mean time.</summary>
public sealed class RateColumn(string name, string legend, Func<BenchmarkCase, double> unitsPerOperation) : IColumn
{
    public string Id => nameof(RateColumn) + "." + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats
            ? (unitsPerOperation(benchmarkCase) * 1e9 / stats.Mean).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
            : "-";
}
