using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clip3D.Benchmarking;
using Clip3D.Mesh.IO;
using Spectre.Console;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d bench [--json] [--quick] [--out FILE]</c>: measures every stage of the pipeline on generated inputs, each
/// figure beside its same-run baseline (<see cref="PipelineBenchmark"/>). A table, or with <c>--json</c> one JSON
/// document <c>{"machine", "quick", "seconds", "results": [...]}</c>; <c>--out</c> also writes that document to a file.
/// Progress goes to standard error.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliOutput io)
    {
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON document: {\"machine\": {\"cores\", \"os\", \"cpuModel\", \"memoryBytes\", \"dotnetVersion\", \"gpu\", \"accelerator\", \"renderer\"}, " +
                          "\"quick\", \"seconds\", \"results\": [{\"name\", \"stage\", \"value\", \"unit\", \"baseline\", \"baselineName\", \"ratio\", \"direction\", \"p50\", \"p99\", \"notes\", \"memory\"}]}.",
        };
        var quick = new Option<bool>("--quick") { Description = "Every figure on smaller inputs (under 2 minutes on 2 cores); the figures' names carry the sizes." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Also write the JSON document to FILE." };
        var command = new Command("bench", "Measure every pipeline stage (loading, rendering, encoding, features, fusion, field, queries, navigation, build) against its baseline.")
        {
            json, quick, output,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var outPath = result.GetValue(output);
            if (outPath is not null)
            {
                if (string.IsNullOrWhiteSpace(outPath)) throw new CliInputException("--out: the file name is empty");
                if (Directory.Exists(outPath)) throw new CliInputException($"--out: {outPath} is a folder, expected a file");
            }
            var options = PipelineBenchOptions.Default with { Quick = result.GetValue(quick), Log = line => io.Err.WriteLine(line) };
            var report = PipelineBenchmark.Run(options, cancellationToken);
            var document = report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            if (outPath is not null)
                AtomicFile.WriteAllText(outPath, document + "\n");
            if (result.GetValue(json))
                io.Out.WriteLine(document);
            else
                PrintTable(io, report);
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }

    private static void PrintTable(CliOutput io, BenchReport report)
    {
        var m = report.Machine;
        io.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(report.Quick ? "quick" : "full")} run in {report.Seconds:0} s on {m.CpuModel}, {m.Cores} cores, {m.MemoryBytes / 1e9:0.#} GB, {m.Os}, {m.DotnetVersion}"));
        io.Console.WriteLine($"gpu: {m.Gpu ?? "none"}; field accelerators: {string.Join(", ", m.Accelerator)}; renderer: {m.Renderer ?? "none"}");
        var table = new Table().AddColumns("figure", "value", "unit", "p99", "baseline", "ratio", "peak WS MB", "WS Δ MB", "GC alloc MB");
        foreach (var r in report.Results)
        {
            string arrow = r.Direction == BenchDirection.HigherIsBetter ? "↑" : "↓";
            table.AddRow(Markup.Escape(r.Name), Number(r.Value), Markup.Escape(r.Unit + " " + arrow), r.P99 is { } p99 ? Number(p99) : "",
                r.Baseline is { } b ? Markup.Escape($"{Number(b)} ({r.BaselineName})") : "", r.Ratio is { } ratio ? ratio.ToString("0.###", CultureInfo.InvariantCulture) : "",
                r.Memory is { } mem ? Number(mem.PeakWorkingSetMB) : "", r.Memory is { } d ? Number(d.WorkingSetDeltaMB) : "",
                r.Memory is { } g ? Number(g.GcAllocatedMB) : "");
        }
        io.Console.Write(table);
        io.Console.WriteLine("ratio = value ÷ baseline; ↑ higher is better, ↓ lower is better. Memory per stage: peak working set, its rise in the stage, managed bytes allocated.");
    }

    private static string Number(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };
}
