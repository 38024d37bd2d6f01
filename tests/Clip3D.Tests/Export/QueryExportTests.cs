using System.Text.Json;
using Clip3D.Export;
using Clip3D.Mesh;
using Clip3D.Mesh.IO;
using Clip3D.Querying;
using Clip3D.Testing;
using Clip3D.Tests.Indexing;
using Clip3D.Views.Tests.Features;
using SharpGLTF.Schema2;
using Xunit;

namespace Clip3D.Tests.Export;

public class QueryExportTests
{
    [Theory]
    [InlineData("a.xyz", "'.xyz'")]
    [InlineData("noextension", "a file without an extension")]
    [InlineData("a.ply.gz", "'.gz'")]
    public void UnknownExtensionsAreNamedWithTheAcceptedOnes(string name, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => QueryExport.CheckExtension(name));
        Assert.Contains(named, e.Message);
        Assert.Contains("expected .ply, .glb, .gltf, .json, .npy", e.Message);
    }

    [Theory]
    [InlineData("a.PLY")]
    [InlineData("out/b.Glb")]
    [InlineData("c.gltf")]
    [InlineData("d.json")]
    [InlineData("e.npy")]
    public void KnownExtensionsPassInAnyCase(string name) => QueryExport.CheckExtension(name);

    /// <summary>A real query on the two-boxes scene, written in every format: they agree with the answer and each other.</summary>
    [SkippableFact]
    public void EveryFormatCarriesTheSameAnswer()
    {
        using var folder = new TempDirectory();
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, TestScenes.SmallBuild with { Views = 4, SurfacePoints = 1000, Fusion = TestScenes.LocalSmoothing });
        // The top tenth of the points (100) rather than the default 2%, so that the red box forms a hit.
        var answer = index.Query("red", QueryOptions.Default with { TopFraction = 0.1 });
        Assert.NotEmpty(answer.Hits);
        foreach (var name in new[] { "red.ply", "red.glb", "red.gltf", "red.json", "red.npy" })
            QueryExport.Write(Path.Combine(folder.Path, name), index, answer);
        Assert.Equal(5, Directory.GetFiles(folder.Path).Length); // no temporary file left

        var (relevancy, shape) = NpyFile.ReadSingle(Path.Combine(folder.Path, "red.npy"));
        Assert.Equal([1000], shape);
        Assert.Equal(answer.Relevancy, relevancy);

        // The hottest point lies on the red box and is the warmest colour in the glTF: the most red, the least blue.
        var primitive = ModelRoot.Load(Path.Combine(folder.Path, "red.glb")).LogicalMeshes[0].Primitives[0];
        var scalars = primitive.GetVertexAccessor(RelevancyGltf.RelevancyAttribute).AsScalarArray();
        var colours = primitive.GetVertexAccessor("COLOR_0").AsVector3Array();
        int hottest = Enumerable.Range(0, 1000).MaxBy(i => scalars[i]);
        Assert.Equal(relevancy.Where(v => !float.IsNaN(v)).Max(), scalars[hottest]);
        Assert.Equal("red box", index.PartNames[index.Points.PartIds[hottest]]);
        Assert.Equal(RelevancyGltf.LinearColourOf(scalars[hottest]), colours[hottest]);
        // Among the seen points (unseen ones are grey).
        var seen = Enumerable.Range(0, 1000).Where(i => !float.IsNaN(relevancy[i])).ToArray();
        Assert.Equal(seen.Max(i => colours[i].X), colours[hottest].X);
        Assert.Equal(seen.Min(i => colours[i].Z), colours[hottest].Z);
        Assert.True(scalars[hottest] > 0.5f, $"the red box should beat the negatives, hottest relevancy {scalars[hottest]}");

        // The .gltf and the .glb are the same points; Clip3D reads both back at the index's positions.
        foreach (var name in new[] { "red.glb", "red.gltf" })
        {
            var part = Assert.Single(SceneReader.Load(Path.Combine(folder.Path, name)).Parts);
            Assert.Equal(index.Points.Positions.ToArray(), part.Positions.ToArray());
        }

        using var hits = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "red.json")));
        Assert.Equal("red", hits.RootElement.GetProperty("query").GetString());
        Assert.Equal(answer.Hits.Count, hits.RootElement.GetProperty("hits").GetArrayLength());
        Assert.Equal("red box", hits.RootElement.GetProperty("hits")[0].GetProperty("label").GetString());
    }
}
