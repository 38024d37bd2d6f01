using System.Globalization;
using Clip3D.Testing;
using Clip3D.Testing.Fuzzing;

namespace Clip3D.Bench;

/// <summary>
/// The long fuzz run: <c>fuzz [--cases N] [--seed S] [--json FILE] [--only mesh,image,index,model]</c> runs the tests'
/// fuzz harness (<see cref="FuzzRunner"/>) over every reader's targets, N cases in all (default 100,000) spread
/// over them in proportion to the tests' mix, prints the summary, the README table rows and every failure, and
/// writes the JSON report. Exit code 1 when any case failed.
/// </summary>
internal static class FuzzRun
{
    public static int Run(string[] args)
    {
        int cases = 100_000;
        ulong seed = 1;
        string? json = null;
        long? allowance = null;
        var only = new HashSet<string>(["mesh", "image", "index", "model"], StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--cases": cases = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seed": seed = ulong.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--json": json = args[++i]; break;
                case "--allowance-mib": allowance = long.Parse(args[++i], CultureInfo.InvariantCulture) << 20; break;
                case "--only": only = new HashSet<string>(args[++i].Split(','), StringComparer.OrdinalIgnoreCase); break;
                default: throw new ArgumentException($"fuzz: unknown argument '{args[i]}'");
            }
        }
        using var work = new TempDirectory();
        var inputs = Path.Combine(work.Path, "inputs");
        // The mix of the tests (mesh 2,500 : image 600 : index 1,000 : model 300), scaled to the cases asked for.
        var parts = new List<(string Name, double Share, Func<IReadOnlyList<FuzzTarget>> Targets)>
        {
            ("mesh", 0.60, () => MeshFuzzInputs.Targets(Path.Combine(inputs, "mesh"))),
            ("image", 0.12, () => ImageFuzzInputs.Targets(Path.Combine(inputs, "image"))),
            ("index", 0.20, () => IndexFuzzInputs.Targets(Path.Combine(inputs, "index"))),
            ("model", 0.08, () => ModelFolderFuzzInputs.Targets(Path.Combine(inputs, "model"))),
        };
        parts.RemoveAll(p => !only.Contains(p.Name));
        double total = parts.Sum(p => p.Share);
        var reports = new List<FuzzReport>();
        foreach (var (name, share, targets) in parts)
        {
            var report = FuzzRunner.Run(targets(), Path.Combine(work.Path, name),
                FuzzRunOptions.Default with
                {
                    Cases = (int)Math.Round(cases * share / total),
                    Seed = seed,
                    Log = line => Console.Error.WriteLine(line),
                    // A tight allowance (with at most twice the unmutated input's allocations) hunts allocations sized from counts.
                    AllocationAllowance = allowance ?? FuzzRunOptions.Default.AllocationAllowance,
                    AllocationPerBaseline = allowance is null ? FuzzRunOptions.Default.AllocationPerBaseline : 2,
                });
            Console.WriteLine($"{name}: {report.Summary()}");
            reports.Add(report);
        }
        var all = new FuzzReport(seed, reports.SelectMany(r => r.Readers).ToArray(), reports.SelectMany(r => r.Failures).ToArray(),
            reports.Sum(r => r.Seconds), reports.Max(r => r.PeakWorkingSetBytes));
        Console.WriteLine(all.Summary());
        Console.WriteLine(all.MarkdownRows());
        foreach (var failure in all.Failures)
            Console.WriteLine(failure);
        if (json is not null)
            File.WriteAllText(json, all.ToJson());
        return all.Failures.Count == 0 ? 0 : 1;
    }
}
