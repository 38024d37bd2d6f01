using System.Numerics;
using Clip3D.Indexing;
using Clip3D.Querying;
using Clip3D.Tests.Indexing;
using Clip3D.Views.Tests.Features;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Tests.Querying;

/// <summary>Text queries with hits on the red/blue boxes (colour-reading fake encoder, fused points and a small field).</summary>
public class SceneIndexQueryTests(ITestOutputHelper output)
{
    private static readonly BuildOptions Options = TestScenes.SmallBuildWithField;

    [SkippableTheory]
    [InlineData(RelevancySource.Fused)]
    [InlineData(RelevancySource.Field)]
    [InlineData(RelevancySource.Ensemble)]
    public void TheBestHitIsTheBoxOfThatColourWithItsCentroidInsideIt(RelevancySource source)
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options);
        var red = index.Query("red", QueryOptions.Default with { Source = source });
        Assert.Equal(source, red.Source);
        Assert.Equal(index.Points.Count, red.Relevancy.Count);
        var best = red.Hits[0];
        Assert.Equal("red box", best.Label);
        // Inside the box or on its faces (a hit of one face has its centroid on it).
        Assert.InRange(best.Position.X, -1.21f, -0.39f);
        Assert.InRange(best.Position.Y, -0.41f, 0.41f);
        Assert.InRange(best.Position.Z, 0f, 0.81f);
        Assert.True(best.Box.Min.X >= -1.25f && best.Box.Max.X <= -0.35f, $"box {best.Box}");
        Assert.Equal(best.Points, best.PointIndices.Count);
        Assert.All(best.PointIndices, i => Assert.True(red.Relevancy[i] >= 0.5f));
        Assert.Equal("blue box", index.Query("blue", QueryOptions.Default with { Source = source }).Hits[0].Label);
    }

    [SkippableFact]
    public void ManyThreadsGetIdenticalAnswers()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options);
        var expected = index.Query("red");
        var answers = new QueryResult[16];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => answers[i] = index.Query(i % 2 == 0 ? "red" : "blue"));
        var blue = index.Query("blue");
        for (int i = 0; i < answers.Length; i++)
        {
            var want = i % 2 == 0 ? expected : blue;
            Assert.Equal(want.Relevancy, answers[i].Relevancy);
            Assert.Equal(want.Hits.Select(h => (h.Label, h.Score, h.Position, h.Points)), answers[i].Hits.Select(h => (h.Label, h.Score, h.Position, h.Points)));
        }
    }

    [SkippableFact]
    public void FirstQueriesFromManyThreadsAgreeWithLaterOnes()
    {
        // No query before the threads start: the field's codes and the text embeddings are made while they race.
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options);
        var sources = new[] { RelevancySource.Fused, RelevancySource.Field, RelevancySource.Ensemble };
        QueryOptions OptionsFor(int i) => QueryOptions.Default with
        {
            Source = sources[i % 3],
            Clustering = i % 2 == 0 ? ClusteringMethod.VoxelComponents : ClusteringMethod.Dbscan,
        };
        var answers = new QueryResult[24];
        Parallel.For(0, answers.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => answers[i] = index.Query("red", OptionsFor(i)));
        for (int i = 0; i < answers.Length; i++)
        {
            var want = index.Query("red", OptionsFor(i));
            Assert.Equal(want.Relevancy, answers[i].Relevancy);
            Assert.Equal(want.Hits.Select(h => (h.Label, h.Score, h.Position, h.Points)), answers[i].Hits.Select(h => (h.Label, h.Score, h.Position, h.Points)));
        }
    }

    [SkippableFact]
    public void ThreadsQueryingOneIndexWhileAnotherLoadsAndQueriesASecondGetTheSingleThreadedAnswers()
    {
        using var folder = new Clip3D.Testing.TempDirectory();
        using var encoder = new ColourEncoder();
        using var first = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options);
        var secondPath = Path.Combine(folder.Path, "second.c3d");
        using (var built = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options with { TrainField = false, Seed = 9 }))
            built.Save(secondPath);
        string[] texts = ["red", "blue", "red box", "blue box"];
        var sources = new[] { RelevancySource.Fused, RelevancySource.Field, RelevancySource.Ensemble };
        QueryOptions OptionsFor(int i) => QueryOptions.Default with { Source = sources[i % sources.Length] };

        // The answers of one thread, and the right ones: the box of the colour asked for is the best hit.
        var expectedFirst = new Dictionary<(string, int), QueryResult>();
        for (int t = 0; t < texts.Length; t++)
            for (int s = 0; s < sources.Length; s++)
                expectedFirst[(texts[t], s)] = first.Query(texts[t], OptionsFor(s));
        Assert.Equal("red box", expectedFirst[("red", 0)].Hits[0].Label);
        Assert.Equal("blue box", expectedFirst[("blue", 1)].Hits[0].Label);
        Dictionary<string, QueryResult> expectedSecond;
        using (var alone = SceneIndex.Load(secondPath, encoder))
            expectedSecond = texts.ToDictionary(t => t, t => alone.Query(t));
        Assert.Equal("red box", expectedSecond["red"].Hits[0].Label);

        const int QueryThreads = 8, QueriesPerThread = 12, Loads = 3;
        var failures = new List<string>();
        using var start = new Barrier(QueryThreads + 1);
        int queries = 0;
        void Check(QueryResult want, QueryResult got, string what)
        {
            Interlocked.Increment(ref queries);
            if (!want.Relevancy.SequenceEqual(got.Relevancy)
                || !want.Hits.Select(h => (h.Label, h.Score, h.Position, h.Points)).SequenceEqual(got.Hits.Select(h => (h.Label, h.Score, h.Position, h.Points))))
                lock (failures) failures.Add(what);
        }
        var workers = Enumerable.Range(0, QueryThreads).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (int q = 0; q < QueriesPerThread; q++)
            {
                var (text, source) = (texts[(w + q) % texts.Length], (w * 5 + q) % sources.Length);
                Check(expectedFirst[(text, source)], first.Query(text, OptionsFor(source)), $"first index, \"{text}\" from {sources[source]}");
            }
        }, TaskCreationOptions.LongRunning)).ToList();
        workers.Add(Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (int load = 0; load < Loads; load++)
            {
                // Each load is a fresh index: its field codes and text embeddings are made while the others query.
                using var second = SceneIndex.Load(secondPath, encoder);
                foreach (var text in texts)
                    Check(expectedSecond[text], second.Query(text), $"second index (load {load}), \"{text}\"");
            }
        }, TaskCreationOptions.LongRunning));
        Task.WaitAll([.. workers]);
        Assert.Empty(failures);
        Assert.Equal(QueryThreads * QueriesPerThread + Loads * texts.Length, queries);
        output.WriteLine($"reliability: {QueryThreads} threads × {QueriesPerThread} queries of one index while a thread loaded a second {Loads} times ({Loads * texts.Length} queries): {queries} answers, all equal to one thread's, lost 0");
    }

    [SkippableFact]
    public void ATextIsEmbeddedOnceAndItsLaterQueriesAnswerTheSame()
    {
        using var encoder = new CountingTextEncoder(new ColourEncoder());
        using var index = Build(encoder, Options with { TrainField = false, SurfacePoints = 1500 });
        int before = encoder.TextCalls;
        var first = index.Query("red");
        int calls = encoder.TextCalls;
        Assert.Equal(before + 2, calls); // the query's prompt ensemble, and the negatives
        var second = index.Query("red");
        Assert.Equal(calls, encoder.TextCalls);
        Assert.Equal(first.Relevancy, second.Relevancy);
        Assert.Equal(first.Relevancy, index.FusedRelevancy("red"));
        Assert.Equal(calls, encoder.TextCalls);
        // Only what is new is embedded: one call for the extra positive, one for the custom negative.
        index.Query("red", QueryOptions.Default with { ExtraPositives = ["crimson"], Negatives = ["object", "floor"] });
        Assert.Equal(calls + 2, encoder.TextCalls);
    }

    [SkippableFact]
    public void DbscanHitsFindTheBoxesToo()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options with { TrainField = false });
        var options = QueryOptions.Default with { Source = RelevancySource.Fused, Clustering = ClusteringMethod.Dbscan };
        var red = index.Query("red", options);
        Assert.Equal("red box", red.Hits[0].Label);
        Assert.True(red.Hits[0].Box.Min.X >= -1.25f && red.Hits[0].Box.Max.X <= -0.35f, $"box {red.Hits[0].Box}");
        Assert.Equal("blue box", index.Query("blue", options).Hits[0].Label);
        Assert.Null(red.Scale);
    }

    [SkippableFact]
    public void AScaleFieldAnswersAtOneOfItsScalesAndReportsIt()
    {
        using var folder = new Clip3D.Testing.TempDirectory();
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options with { FieldScale = true, Fusion = TestScenes.LocalSmoothing });
        Assert.True(index.Field!.Config.ScaleInput);
        // Lite crops (0.3 and 0.6 of the short side), then the part-crop level at 1.
        Assert.Equal(new[] { "scale 0.3", "scale 0.6", "object" }, index.Fused.LevelNames);
        Assert.Equal(new[] { 0.3f, 0.6f, 1f }, index.FieldScales);
        Assert.InRange(index.FieldReport!.Cosine, 0.5, 1);

        var red = index.Query("red", QueryOptions.Default with { Source = RelevancySource.Field });
        Assert.NotNull(red.Scale);
        Assert.Contains(red.Scale!.Value, index.FieldScales);
        Assert.Equal(red.Scale!.Value, Clip3D.Export.HitsJson.Document(red)["scale"]!.GetValue<float>());
        Assert.Equal("red box", red.Hits[0].Label);
        Assert.Equal("blue box", index.Query("blue").Hits[0].Label);
        Assert.NotNull(index.Query("red", QueryOptions.Default with { Source = RelevancySource.Ensemble }).Scale);
        Assert.Null(index.Query("red", QueryOptions.Default with { Source = RelevancySource.Fused }).Scale);

        // The chosen scale is the one whose best point is most relevant (LERF's rule), and FieldRelevancy picks it too.
        var seen = index.Fused.FeaturedPoints();
        var positions = seen.Select(i => index.Points.Positions[i]).ToArray();
        var query = FieldCosines.Project(index.Field, Clip3D.Views.Encoders.PromptEnsemble.Embed(encoder, "red"));
        var negatives = encoder.EmbedTexts(Clip3D.Views.Fusion.FusedQuery.CanonicalNegatives);
        var projected = Enumerable.Range(0, negatives.Count).Select(n => FieldCosines.Project(index.Field, negatives[n])).ToArray();
        var maxima = index.FieldScales.Select(scale =>
            FieldCosines.Relevancy(FieldCosines.Rows(index.Field, positions, scale), FieldCosines.RowWidth(index.Field), query, projected, 10).Max()).ToArray();
        Assert.Equal(maxima.Max(), seen.Max(i => red.Relevancy[i]), 1e-5f);
        Assert.Equal(index.FieldScales[Array.IndexOf(maxima, maxima.Max())], red.Scale);
        Assert.Equal(maxima.Max(), index.FieldRelevancy(positions, "red").Max(), 1e-5f);

        var path = Path.Combine(folder.Path, "scaled.c3d");
        index.Save(path);
        using var loaded = SceneIndex.Load(path, encoder);
        Assert.Equal(index.FieldScales, loaded.FieldScales);
        var again = loaded.Query("red", QueryOptions.Default with { Source = RelevancySource.Field });
        Assert.Equal(red.Scale, again.Scale);
        Assert.Equal(red.Relevancy, again.Relevancy);
    }

    [Fact]
    public void ScaleFieldOptionsAreChecked()
    {
        Assert.Contains("BuildOptions.FieldScale", Assert.Throws<ArgumentException>(() => (BuildOptions.Default with { FieldScale = true, TrainField = false }).Validate()).Message);
        Assert.Contains("StoreLevels", Assert.Throws<ArgumentException>(() =>
            (BuildOptions.Default with { FieldScale = true, Fusion = Clip3D.Views.Fusion.FusionOptions.Default with { StoreLevels = false } }).Validate()).Message);
        Assert.Contains("BuildOptions.FieldScale", Assert.Throws<ArgumentException>(() =>
            (BuildOptions.Default with { Field = Clip3D.Fields.Field.FieldConfig.For(Clip3D.Fields.Field.FieldPreset.Lite) with { ScaleInput = true } }).Validate()).Message);
        Assert.True((BuildOptions.Default with { FieldScale = true }).EffectiveField.ScaleInput);
        Assert.False(BuildOptions.Default.EffectiveField.ScaleInput);
    }

    [SkippableFact]
    public void WithoutAFieldAutoUsesTheFusedPointsAndFieldIsRefused()
    {
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, Options with { TrainField = false, SurfacePoints = 1500 });
        Assert.Equal(RelevancySource.Fused, index.Query("red").Source);
        var e = Assert.Throws<InvalidOperationException>(() => index.Query("red", QueryOptions.Default with { Source = RelevancySource.Field }));
        Assert.Contains("has no neural field", e.Message);
    }

    private static SceneIndex Build(Clip3D.Views.Encoders.IImageTextEncoder encoder, BuildOptions options)
    {
        try
        {
            return SceneIndex.BuildAsync(TestScenes.TwoBoxes(), encoder, options).GetAwaiter().GetResult();
        }
        catch (Clip3D.Views.Rendering.RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }

    [Fact]
    public void BadOptionsAreNamed()
    {
        Assert.Contains("QueryOptions.Negatives", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { Negatives = [] }).Validate()).Message);
        Assert.Contains("QueryOptions.TopFraction", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { TopFraction = 0 }).Validate()).Message);
        Assert.Contains("QueryOptions.MaxHits", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { MaxHits = 0 }).Validate()).Message);
        Assert.Contains("QueryOptions.VoxelSize", Assert.Throws<ArgumentException>(() => (QueryOptions.Default with { VoxelSize = -1 }).Validate()).Message);
    }
}
