using System.Text.Json.Nodes;

namespace Clip3D.Benchmarking;

/// <summary>What one <c>clip3d bench</c> run measured, and where.</summary>
/// <param name="Machine">Where it ran.</param>
/// <param name="Results">Every figure, in the order measured.</param>
/// <param name="Quick">Whether the run used the smaller inputs of <see cref="PipelineBenchOptions.Quick"/>.</param>
/// <param name="Seconds">Wall-clock time of the whole run.</param>
public sealed record BenchReport(MachineInfo Machine, IReadOnlyList<BenchResult> Results, bool Quick, double Seconds)
{
    /// <summary>
    /// <c>{"machine": {...}, "quick", "seconds", "results": [{"name", "stage", "value", "unit", "baseline", "baselineName",
    /// "ratio", "direction", "p50", "p99", "notes", "memory": {"peakWorkingSetMB", "workingSetDeltaMB", "gcAllocatedMB",
    /// "gcPeakHeapMB"}}]}</c>; absent figures are null.
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["machine"] = Machine.ToJson(),
        ["quick"] = Quick,
        ["seconds"] = Math.Round(Seconds, 3),
        ["results"] = new JsonArray(Results.Select(r => (JsonNode?)ResultJson(r)).ToArray()),
    };

    private static JsonObject ResultJson(BenchResult r) => new()
    {
        ["name"] = r.Name,
        ["stage"] = r.Stage,
        ["value"] = Round(r.Value),
        ["unit"] = r.Unit,
        ["baseline"] = r.Baseline is { } b ? Round(b) : null,
        ["baselineName"] = r.BaselineName,
        ["ratio"] = r.Ratio is { } ratio ? Math.Round(ratio, 4) : null,
        ["direction"] = r.Direction == BenchDirection.HigherIsBetter ? "higher is better" : "lower is better",
        ["p50"] = r.P50 is { } p50 ? Round(p50) : null,
        ["p99"] = r.P99 is { } p99 ? Round(p99) : null,
        ["notes"] = r.Notes,
        ["memory"] = r.Memory is { } m ? new JsonObject
        {
            ["peakWorkingSetMB"] = Math.Round(m.PeakWorkingSetMB, 1),
            ["workingSetDeltaMB"] = Math.Round(m.WorkingSetDeltaMB, 1),
            ["gcAllocatedMB"] = Math.Round(m.GcAllocatedMB, 1),
            ["gcPeakHeapMB"] = Math.Round(m.GcPeakHeapMB, 1),
        } : null,
    };

    /// <summary>Four significant digits: the runs differ in the second already.</summary>
    private static double Round(double value) =>
        value == 0 || !double.IsFinite(value) ? value : Math.Round(value, Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15));
}
