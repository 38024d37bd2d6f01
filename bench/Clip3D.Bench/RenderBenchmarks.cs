using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Clip3D.Benchmarking.Inputs;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Rendering;

namespace Clip3D.Bench;

/// <summary>
/// Views per second of <see cref="HeadlessRenderer.Render"/> at 512×512 — colour (with or without 4× MSAA), depth,
/// position, normal, part id and triangle id, all read back into arrays — for spheres of about 10k, 100k and 1M
/// triangles (<see cref="RenderBenchmarkScenes"/>), single-sided (back faces culled, as glTF asks) or double-sided.
/// Eight orbit cameras take turns. The scene is uploaded once in the global setup and not timed. Aim: ≥ 10 views/s
/// at 100k triangles on llvmpipe.
/// <para>
/// The renderer's OpenGL context belongs to the thread that created it. BenchmarkDotNet runs a case's global
/// setup and its iterations on one thread, in its own process by default and in-process with <c>--inProcess</c>;
/// a renderer called from another thread would throw, so a run that completes shows the setup held.
/// </para>
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ViewsPerSecondColumn());
    }

    private const int Size = 512;
    private const int Views = 8;
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "clip3d-bench", "render");

    private HeadlessRenderer? _renderer;
    private IReadOnlyList<Camera> _cameras = [];
    private int _next;

    /// <summary>Approximate triangle count; the sphere has <see cref="RenderBenchmarkScenes.TriangleCount"/> exactly.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Triangles { get; set; }

    /// <summary>Double-sided materials are never culled; single-sided ones lose their back faces.</summary>
    [Params(false, true)]
    public bool DoubleSided { get; set; }

    [Params(1, 4)]
    public int Msaa { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scene = SceneReader.Load(RenderBenchmarkScenes.EnsureWritten(Folder, Triangles, DoubleSided));
        if (scene.TriangleCount != RenderBenchmarkScenes.TriangleCount(Triangles))
            throw new InvalidOperationException($"The benchmark sphere has {scene.TriangleCount} triangles, expected {RenderBenchmarkScenes.TriangleCount(Triangles)}.");
        _cameras = OrbitPlanner.Plan(scene, OrbitOptions.Default with { Views = Views, Width = Size, Height = Size });
        _renderer = new HeadlessRenderer(new RenderOptions { Msaa = Msaa, Log = Console.WriteLine });
        _renderer.Upload(scene);
        _next = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _renderer?.Dispose();
        _renderer = null;
    }

    /// <summary>One view with every attachment read back.</summary>
    [Benchmark]
    public RenderedView Render()
    {
        var camera = _cameras[_next];
        _next = (_next + 1) % _cameras.Count;
        return _renderer!.Render(camera);
    }
}

/// <summary>Views per second = 1 ÷ mean time of one <see cref="RenderBenchmarks.Render"/>.</summary>
public sealed class ViewsPerSecondColumn : IColumn
{
    public string Id => nameof(ViewsPerSecondColumn);
    public string ColumnName => "views/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Rendered views (all attachments read back) per second, from the mean time";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } stats
            ? (1e9 / stats.Mean).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
            : "-";
}
