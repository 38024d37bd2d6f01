using System.Text;
using Clip3D.Export;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Tests.Indexing;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Tests.Export;

public class RelevancyPlyTests
{
    [SkippableFact]
    public void TheQueryHeatmapIsAPointCloudThatReadsBack()
    {
        using var folder = new TempDirectory();
        using var encoder = new ColourEncoder();
        using var index = SceneIndexTests.Build(TestScenes.TwoBoxes(), encoder, TestScenes.SmallBuild with { Views = 4, SurfacePoints = 1000 });
        var answer = index.Query("red");
        var path = Path.Combine(folder.Path, "red.ply");
        RelevancyPly.Write(path, index.Points, answer.Relevancy, "query: red");

        var text = Encoding.ASCII.GetString(File.ReadAllBytes(path).AsSpan(0, 400));
        Assert.StartsWith("ply\nformat binary_little_endian 1.0\n", text);
        Assert.Contains("comment query: red\n", text);
        Assert.Contains("element vertex 1000\n", text);
        Assert.Contains("property float relevancy\n", text);

        // Clip3D's own PLY reader (Z up) takes it back as 1,000 coloured points at the same places.
        var scene = SceneReader.Load(path, ReadOptions.Default with { UpAxis = UpAxis.Z });
        var part = Assert.Single(scene.Parts);
        Assert.Equal(1000, part.VertexCount);
        Assert.Equal(index.Points.Positions[7], part.Positions[7]);
        Assert.Single(Directory.GetFiles(folder.Path)); // no temporary file left
    }

    [Theory]
    [InlineData(float.NaN, 128, 128, 128)]
    [InlineData(0.2f, 0, 0, 255)]
    [InlineData(0.5f, 0, 0, 255)]
    [InlineData(1f, 255, 0, 0)]
    [InlineData(0.75f, 128, 255, 128)]
    public void TheColourMapRunsFromBlueToRed(float relevancy, byte r, byte g, byte b) =>
        Assert.Equal((r, g, b), RelevancyPly.ColourOf(relevancy));

    [Fact]
    public void MismatchedCountsAreRefused()
    {
        var points = Clip3D.Mesh.Sampling.SurfacePoints.Create([default], [default], [default], [0], [0]);
        var e = Assert.Throws<ArgumentException>(() => RelevancyPly.Write("x.ply", points, [0.5f, 0.6f]));
        Assert.Contains("2 relevancy values for 1 points", e.Message);
    }
}
