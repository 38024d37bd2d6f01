using System.Text.Json.Nodes;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary><c>clip3d bench</c>: option validation, and the quick run CI uses as a smoke test.</summary>
public class BenchCommandTests
{
    /// <summary>Every figure a quick run reports (a CUDA machine adds its own ILGPU CUDA figures).</summary>
    public static readonly string[] QuickFigures =
    [
        "bound.memory_scan", "bound.dot_flops",
        "load.obj", "load.glb", "load.stl", "load.ply",
        "render.1k", "render.10k", "render.50k",
        "encode.images", "encode.texts", "features.dense.quick", "fusion.5k",
        "field.train.simd", "field.fidelity90.simd", "field.train.ilgpu_cpu", "field.fidelity90.ilgpu_cpu", "field.eval.cpu",
        "query.fused.10k", "query.field.10k", "nav.map_goal.10k", "query.fused.50k", "query.field.50k", "nav.map_goal.50k",
        "build.tabletop_reduced",
    ];

    /// <summary>The figures that must come with a same-run baseline, and so a ratio.</summary>
    private static readonly string[] WithBaseline =
    [
        "load.obj", "load.glb", "load.stl", "load.ply", "render.1k", "render.10k", "render.50k", "encode.images", "features.dense.quick",
        "field.train.simd", "field.train.ilgpu_cpu", "field.fidelity90.ilgpu_cpu", "field.eval.cpu",
        "query.fused.10k", "query.field.10k", "query.fused.50k", "query.field.50k",
    ];

    [Fact]
    public void OutThatIsAFolderIsAnInputErrorBeforeAnythingRuns()
    {
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = CliRunner.Run("bench", "--quick", "--out", dir.Path);
        Assert.Equal(CliApp.ExitInputError, code);
        Assert.Equal("", stdout);
        Assert.Contains("error: --out: ", stderr);
        Assert.Contains("is a folder, expected a file", stderr);
        Assert.DoesNotContain("bounds", stderr); // no stage started
    }

    [Fact]
    public void EmptyOutIsAnInputError()
    {
        var (code, _, stderr) = CliRunner.Run("bench", "--out", " ");
        Assert.Equal(CliApp.ExitInputError, code);
        Assert.Contains("error: --out: the file name is empty", stderr);
    }

    [Fact]
    public void UnknownOptionIsAUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("bench", "--fast");
        Assert.Equal(CliApp.ExitUsage, code);
        Assert.Contains("--fast", stderr);
    }

    /// <summary>The CI smoke test: every figure present, finite and positive; no thresholds.</summary>
    [SkippableFact]
    [Trait("Category", "Slow")]
    public void QuickJsonRunReportsEveryFigureWithItsMachine()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "bench", "quick.json");
        var (code, stdout, stderr) = CliRunner.Run("bench", "--quick", "--json", "--out", file);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        var doc = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(stdout.Trim(), File.ReadAllText(file).Trim());

        var machine = doc["machine"]!.AsObject();
        foreach (var key in new[] { "cores", "os", "cpuModel", "memoryBytes", "dotnetVersion", "gpu", "accelerator", "renderer" })
            Assert.True(machine.ContainsKey(key), $"machine has no {key}");
        Assert.True((int)machine["cores"]! >= 1);
        Assert.Contains(machine["accelerator"]!.AsArray(), a => ((string)a!).StartsWith("ILGPU", StringComparison.Ordinal));
        Assert.True((bool)doc["quick"]!);

        var results = doc["results"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["name"]!);
        foreach (var name in QuickFigures)
        {
            Assert.True(results.TryGetValue(name, out var result), $"no figure {name}; got {string.Join(", ", results.Keys)}");
            double value = (double)result["value"]!;
            Assert.True(double.IsFinite(value) && value > 0, $"{name} = {value}");
            Assert.False(string.IsNullOrEmpty((string?)result["unit"]), $"{name} has no unit");
            Assert.True((double)result["memory"]!["peakWorkingSetMB"]! > 0, $"{name} has no peak working set");
        }
        foreach (var name in WithBaseline)
        {
            double value = (double)results[name]["value"]!, baseline = (double)results[name]["baseline"]!, ratio = (double)results[name]["ratio"]!;
            Assert.True(double.IsFinite(baseline) && baseline > 0, $"{name} baseline = {baseline}");
            Assert.Equal(value / baseline, ratio, 0.01 * ratio); // both rounded to 4 significant digits
        }
        foreach (var name in new[] { "query.fused.10k", "query.field.50k" })
            Assert.True((double)results[name]["p99"]! >= (double)results[name]["p50"]!, $"{name}: p99 below p50");
    }
}
