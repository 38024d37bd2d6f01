using System.Numerics;
using System.Text;
using Clip3D.Export;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Testing;
using SharpGLTF.Schema2;
using Xunit;

namespace Clip3D.Tests.Export;

public class RelevancyGltfTests
{
    /// <summary>Twelve points spread in all three axes (Z up), with relevancy rising along them; points 3 and 8 unseen, point 10 the hottest (1).</summary>
    private static (SurfacePoints Points, float[] Relevancy) Sample()
    {
        const int n = 12;
        var positions = new Vector3[n];
        var relevancy = new float[n];
        for (int i = 0; i < n; i++)
        {
            positions[i] = new Vector3(0.1f * i - 0.3f, -0.05f * i + 0.2f, 0.5f + 0.02f * i * i);
            relevancy[i] = 0.4f + 0.04f * i;
        }
        relevancy[3] = float.NaN;
        relevancy[8] = float.NaN;
        relevancy[10] = 1f;
        var points = SurfacePoints.Create(positions, Enumerable.Repeat(Vector3.UnitZ, n).ToArray(), new Vector4[n], new int[n], new int[n]);
        return (points, relevancy);
    }

    [Theory]
    [InlineData("heat.glb")]
    [InlineData("heat.gltf")]
    public void SharpGltfReadsBackAPointsPrimitiveWithColoursAndRelevancy(string name)
    {
        using var folder = new TempDirectory();
        var (points, relevancy) = Sample();
        var path = Path.Combine(folder.Path, name);
        Write(path, points, relevancy, "the red mug");

        var model = ModelRoot.Load(path);
        Assert.Equal(RelevancyGltf.Generator, model.Asset.Generator);
        Assert.Equal("the red mug", model.Asset.Extras!["query"]!.GetValue<string>());
        var primitive = Assert.Single(Assert.Single(model.LogicalMeshes).Primitives);
        Assert.Equal(PrimitiveType.POINTS, primitive.DrawPrimitiveType);

        var positions = primitive.GetVertexAccessor("POSITION").AsVector3Array();
        Assert.Equal(points.Count, positions.Count);
        for (int i = 0; i < points.Count; i++)
        {
            var world = points.Positions[i];
            Assert.Equal(new Vector3(world.X, world.Z, -world.Y), positions[i]); // Y up: (x, y, z) → (x, z, −y)
        }

        var colours = primitive.GetVertexAccessor("COLOR_0").AsVector3Array();
        var scalars = primitive.GetVertexAccessor(RelevancyGltf.RelevancyAttribute).AsScalarArray();
        Assert.Equal(points.Count, colours.Count);
        Assert.Equal(points.Count, scalars.Count);
        int hottest = Enumerable.Range(0, points.Count).MaxBy(i => scalars[i]);
        Assert.Equal(10, hottest);
        Assert.Equal(new Vector3(1, 0, 0), colours[hottest]);                  // the map's hot end, red, linear
        Assert.Equal(new Vector3(0, 0, 1), colours[0]);                        // 0.4: at or below 0.5, the cold end
        Assert.Equal(RelevancyGltf.UnseenRelevancy, scalars[3]);
        Assert.Equal(RelevancyGltf.UnseenRelevancy, scalars[8]);
        Assert.Equal(colours[3], colours[8]);
        Assert.InRange(colours[3].X, 0.21f, 0.22f);                            // sRGB grey 128 is linear 0.216
        Assert.Equal(colours[3].X, colours[3].Y);
        for (int i = 0; i < points.Count; i++)
            if (!float.IsNaN(relevancy[i])) Assert.Equal(relevancy[i], scalars[i]);
        Assert.Single(Directory.GetFiles(folder.Path)); // one file: no side .bin, no temporary file left
    }

    [Theory]
    [InlineData("heat.glb")]
    [InlineData("heat.gltf")]
    public void ClipsOwnReaderTakesBackTheWorldPositionsAndTheColourMap(string name)
    {
        using var folder = new TempDirectory();
        var (points, relevancy) = Sample();
        var path = Path.Combine(folder.Path, name);
        Write(path, points, relevancy, "");

        var scene = SceneReader.Load(path);
        var part = Assert.Single(scene.Parts);
        Assert.Equal(PartKind.Points, part.Kind);
        Assert.Equal(points.Count, part.VertexCount);
        for (int i = 0; i < points.Count; i++)
        {
            // The reader's Y-up → Z-up conversion undoes the writer's exactly.
            Assert.Equal(points.Positions[i], part.Positions[i]);
            var (r, g, b) = RelevancyPly.ColourOf(relevancy[i]);
            Assert.Equal(r / 255f, part.Colors[i].X, 1e-4f);
            Assert.Equal(g / 255f, part.Colors[i].Y, 1e-4f);
            Assert.Equal(b / 255f, part.Colors[i].Z, 1e-4f);
        }
    }

    [Fact]
    public void TheTextFileEmbedsItsBufferAsBase64()
    {
        using var folder = new TempDirectory();
        var (points, relevancy) = Sample();
        var path = Path.Combine(folder.Path, "heat.gltf");
        RelevancyGltf.WriteGltf(path, points, relevancy);
        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.StartsWith("{", text);
        Assert.Contains("\"uri\":\"data:application/octet-stream;base64,", text);
        Assert.Contains("\"_RELEVANCY\"", text);
        Assert.Contains("\"mode\":0", text); // POINTS
        Assert.DoesNotContain(".bin", text);
        Assert.Contains("\"extensionsUsed\":[\"KHR_materials_unlit\"]", text);
        Assert.DoesNotContain("extensionsRequired", text); // viewers without the extension still open it
    }

    [Fact]
    public void MismatchedCountsAndEmptyPointSetsAreRefused()
    {
        using var folder = new TempDirectory();
        var (points, _) = Sample();
        var path = Path.Combine(folder.Path, "x.glb");
        var e = Assert.Throws<ArgumentException>(() => RelevancyGltf.WriteGlb(path, points, [0.5f]));
        Assert.Contains("1 relevancy values for 12 points", e.Message);
        var none = SurfacePoints.Create([], [], [], [], []);
        e = Assert.Throws<ArgumentException>(() => RelevancyGltf.WriteGltf(path, none, []));
        Assert.Contains("no points", e.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    private static void Write(string path, SurfacePoints points, float[] relevancy, string query)
    {
        if (path.EndsWith(".glb", StringComparison.Ordinal)) RelevancyGltf.WriteGlb(path, points, relevancy, query);
        else RelevancyGltf.WriteGltf(path, points, relevancy, query);
    }
}
