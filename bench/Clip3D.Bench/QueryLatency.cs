using Clip3D.Benchmarking.Inputs;
using Clip3D.Encoders.Default;
using Clip3D.Querying;
using Clip3D.Views.Encoders;
using System.Diagnostics;
using System.Globalization;

namespace Clip3D.Bench;

/// <summary>
/// Percentiles of query latency over repeated queries, beside BenchmarkDotNet's means:
/// <c>dotnet run -c Release --project bench/Clip3D.Bench -- query-latency [--runs N] [--source fused|field] [POINTS…]</c> (default 200 runs,
/// 100000 and 1000000 points). Per point count and source (fused points, field): the first query (one-time work per
/// index included), p50/p99 of N queries over the eight object names once each has been asked (text embeddings
/// cached), p50/p99 of N/10 (at least 4) texts never asked before, and first the prompt-ensemble text embedding alone.
/// </summary>
internal static class QueryLatency
{
    public static void Run(string[] args)
    {
        int runs = 200;
        RelevancySource[] sources = [RelevancySource.Fused, RelevancySource.Field];
        while (args.Length >= 2 && args[0].StartsWith("--", StringComparison.Ordinal))
        {
            if (args[0] == "--runs") runs = int.Parse(args[1], CultureInfo.InvariantCulture);
            else if (args[0] == "--source") sources = [Enum.Parse<RelevancySource>(args[1], ignoreCase: true)];
            else throw new ArgumentException($"query-latency: unknown option {args[0]}");
            args = args[2..];
        }
        var counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000, 1_000_000];
        using var encoder = DefaultEncoder.Open();
        var embed = Measure(12, i => PromptEnsemble.Embed(encoder, "embedding " + i));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"text embedding (80 prompts through MiniLM): p50 {Percentile(embed, 0.5):0.0} ms, p99 {Percentile(embed, 0.99):0.0} ms; {Environment.ProcessorCount} cores"));
        foreach (int count in counts)
            foreach (var source in sources)
            {
                using var index = QueryBenchIndex.Create(count, encoder, withField: source == RelevancySource.Field);
                var options = QueryOptions.Default with { Source = source };
                var clock = Stopwatch.StartNew();
                index.Query("sofa", options);
                double first = clock.Elapsed.TotalMilliseconds;
                // Every name once (their embeddings cached), then enough queries for the JIT's optimised code.
                foreach (var name in QueryBenchIndex.Objects) index.Query(name, options);
                Measure(Math.Max(40, runs / 4), i => index.Query(QueryBenchIndex.Objects[i % QueryBenchIndex.Objects.Length], options));
                var cached = Measure(runs, i => index.Query(QueryBenchIndex.Objects[i % QueryBenchIndex.Objects.Length], options));
                var scores = index.Query("sofa", options).Relevancy.ToArray();
                var clustering = Measure(runs, _ => HitClustering.Cluster(index.Points, index.PartNames, scores, index.Bounds, options));
                var fresh = Measure(Math.Max(4, runs / 10), i => index.Query($"{QueryBenchIndex.Objects[i % QueryBenchIndex.Objects.Length]} {i}", options));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{count,9:N0} points, {source,-5}: first {first,7:0.0} ms; cached text p50 {Percentile(cached, 0.5),6:0.0} ms p99 {Percentile(cached, 0.99),6:0.0} ms; " +
                    $"new text p50 {Percentile(fresh, 0.5),6:0.0} ms p99 {Percentile(fresh, 0.99),6:0.0} ms; of which hits p50 {Percentile(clustering, 0.5):0.0} ms"));
            }
    }

    private static double[] Measure(int runs, Action<int> body)
    {
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            body(i);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
