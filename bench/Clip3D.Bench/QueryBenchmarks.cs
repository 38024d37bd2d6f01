using BenchmarkDotNet.Attributes;
using Clip3D.Benchmarking.Inputs;
using Clip3D.Encoders.Default;
using Clip3D.Indexing;
using Clip3D.Querying;
using Clip3D.Views.Encoders;

namespace Clip3D.Bench;

/// <summary>
/// Query latency of <see cref="SceneIndex.Query(string, QueryOptions?, CancellationToken)"/> on
/// <see cref="QueryBenchIndex"/> (100k and 1M surface points, 384-d features of the default encoder's text space),
/// scoring the fused points or the field, with the default options (LERF relevancy against the four canonical
/// negatives, voxel hits). <c>Query</c> asks a text the index has answered before (its embedding is cached);
/// <c>QueryNewText</c> a text it has never seen, so it includes the prompt ensemble through MiniLM (80 templates).
/// The setup answers one query first, so one-time work per index (the field's codes at the surface points, the
/// negatives' embeddings) is not timed; it prints how long that first query took.
/// <code>dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*QueryBenchmarks*' --job short --inProcess</code>
/// Percentiles over repeated queries: <c>dotnet run -c Release --project bench/Clip3D.Bench -- query-latency</c>.
/// </summary>
public class QueryBenchmarks
{
    private DefaultEncoder _encoder = null!;
    private SceneIndex _index = null!;
    private QueryOptions _options = QueryOptions.Default;
    private int _next;

    [Params(100_000, 1_000_000)]
    public int Points { get; set; }

    [Params("fused", "field")]
    public string Source { get; set; } = "fused";

    [GlobalSetup]
    public void Setup()
    {
        _encoder = DefaultEncoder.Open();
        _index = QueryBenchIndex.Create(Points, _encoder, withField: Source == "field");
        _options = QueryOptions.Default with { Source = Source == "field" ? RelevancySource.Field : RelevancySource.Fused };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = _index.Query("sofa", _options);
        Console.WriteLine($"// {Points:N0} points, {Source}: first query {clock.Elapsed.TotalMilliseconds:0} ms, " +
            $"best hit {first.Hits.FirstOrDefault()?.Label ?? "(none)"} of {first.Hits.Count}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _index.Dispose();
        _encoder.Dispose();
    }

    /// <summary>A text answered before.</summary>
    [Benchmark]
    public QueryResult Query() => _index.Query("sofa", _options);

    /// <summary>A text never asked before: the text embedding is part of the time.</summary>
    [Benchmark]
    public QueryResult QueryNewText() => _index.Query($"{QueryBenchIndex.Objects[_next % QueryBenchIndex.Objects.Length]} {_next++}", _options);
}

/// <summary>
/// The text side of a query alone: the prompt-ensemble embedding of one text (80 templates through the default
/// encoder's MiniLM tower and text head), what a query costs on top of scoring when its text is not cached.
/// <code>dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*QueryTextBenchmarks*' --job short --inProcess</code>
/// </summary>
public class QueryTextBenchmarks
{
    private DefaultEncoder _encoder = null!;

    [GlobalSetup]
    public void Setup() => _encoder = DefaultEncoder.Open();

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    [Benchmark]
    public float[] EmbedQuery() => PromptEnsemble.Embed(_encoder, "sofa");
}
