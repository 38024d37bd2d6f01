using System.Text.Json.Nodes;
using Xunit;

namespace Clip3D.Benchmarking.Tests;

public class BenchReportTests
{
    private static readonly MachineInfo Machine = new(2, "Linux", "Test CPU", 8_000_000_000, ".NET 10.0.0", null, ["ILGPU CPU (2 threads)"], "llvmpipe");

    [Fact]
    public void JsonHasTheMachineAndOneObjectPerResultWithValueBaselineAndRatio()
    {
        var results = new[]
        {
            new BenchResult
            {
                Name = "load.obj", Stage = "loading", Value = 50, Unit = "MB/s", Baseline = 200, BaselineName = "reading the file's bytes",
                Memory = new StageMemory(300, 20, 15, 100),
            },
            new BenchResult { Name = "query.fused.100k", Stage = "query", Value = 12.3456789, Unit = "ms", Direction = BenchDirection.LowerIsBetter, P50 = 12.3456789, P99 = 20 },
        };
        var json = new BenchReport(Machine, results, Quick: true, Seconds: 61.23456).ToJson();

        var machine = json["machine"]!.AsObject();
        Assert.Equal(2, (int)machine["cores"]!);
        Assert.Equal("Test CPU", (string)machine["cpuModel"]!);
        Assert.Equal(8_000_000_000, (long)machine["memoryBytes"]!);
        Assert.Null(machine["gpu"]);
        Assert.Equal("ILGPU CPU (2 threads)", (string)machine["accelerator"]![0]!);
        Assert.True((bool)json["quick"]!);

        var items = json["results"]!.AsArray();
        Assert.Equal(2, items.Count);
        var load = items[0]!.AsObject();
        Assert.Equal("load.obj", (string)load["name"]!);
        Assert.Equal(50, (double)load["value"]!);
        Assert.Equal("MB/s", (string)load["unit"]!);
        Assert.Equal(200, (double)load["baseline"]!);
        Assert.Equal(0.25, (double)load["ratio"]!);
        Assert.Equal("higher is better", (string)load["direction"]!);
        Assert.Equal(20, (double)load["memory"]!["workingSetDeltaMB"]!);

        var query = items[1]!.AsObject();
        Assert.Equal(12.35, (double)query["value"]!); // four significant digits
        Assert.Null(query["baseline"]);
        Assert.Null(query["ratio"]);
        Assert.Equal("lower is better", (string)query["direction"]!);
        Assert.Equal(20, (double)query["p99"]!);
        Assert.Null(query["memory"]);
        Assert.True(JsonNode.Parse(json.ToJsonString()) is JsonObject);
    }

    [Theory]
    [InlineData(10, 40, 0.25)]
    [InlineData(30, 10, 3.0)]
    public void RatioIsValueOverBaseline(double value, double baseline, double ratio) =>
        Assert.Equal(ratio, new BenchResult { Name = "x", Value = value, Unit = "u", Baseline = baseline }.Ratio!.Value, 12);

    [Fact]
    public void NoBaselineOrAZeroOneGivesNoRatio()
    {
        Assert.Null(new BenchResult { Name = "x", Value = 1, Unit = "u" }.Ratio);
        Assert.Null(new BenchResult { Name = "x", Value = 1, Unit = "u", Baseline = 0 }.Ratio);
    }
}
