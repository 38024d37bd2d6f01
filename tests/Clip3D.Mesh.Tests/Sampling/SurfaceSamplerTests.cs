using System.Numerics;
using Clip3D.Mesh.Sampling;
using Xunit;

namespace Clip3D.Mesh.Tests.Sampling;

public class SurfaceSamplerTests
{
    private static Scene TwoQuads() => TestScenes.Assemble([
        // 1 m² red square at z = 0 and a 3 m² blue rectangle at z = 1.
        TestScenes.Quad("small", Vector3.Zero, Vector3.UnitX, Vector3.UnitY, new Material { Name = "red", BaseColor = new Vector4(1, 0, 0, 1) }),
        TestScenes.Quad("large", Vector3.UnitZ, 3 * Vector3.UnitX, Vector3.UnitY, new Material { Name = "blue", BaseColor = new Vector4(0, 0, 1, 1) }),
    ]);

    [Fact]
    public void PointsAreDistributedByAreaAndLieOnTheirTriangle()
    {
        var scene = TwoQuads();
        var points = SurfaceSampler.Sample(scene, 40_000, seed: 1);
        Assert.Equal(40_000, points.Count);
        int small = 0;
        for (int i = 0; i < points.Count; i++)
        {
            var p = points.Positions[i];
            int part = points.PartIds[i];
            var (partIndex, _) = scene.LocateTriangle(points.TriangleIds[i]);
            Assert.Equal(part, partIndex);
            Assert.True(scene.Parts[part].Bounds.Contains(p, 1e-6f));
            if (part == 0)
            {
                small++;
                Assert.Equal(new Vector4(1, 0, 0, 1), points.Colors[i]);
            }
            else
            {
                Assert.Equal(1f, p.Z, 6);
                Assert.Equal(new Vector4(0, 0, 1, 1), points.Colors[i]);
            }
            Assert.True(Vector3.Distance(points.Normals[i], Vector3.UnitZ) < 1e-5f);
        }
        // Expected share 1/4; binomial standard deviation at n = 40000 is about 0.0022.
        Assert.InRange(small / 40_000.0, 0.24, 0.26);
    }

    [Fact]
    public void SamplesAreUniformWithinATriangle()
    {
        var scene = TestScenes.Assemble([TestScenes.Quad("q", Vector3.Zero, Vector3.UnitX, Vector3.UnitY)]);
        var points = SurfaceSampler.Sample(scene, 40_000, seed: 3);
        var cells = new int[4, 4];
        foreach (var p in points.Positions)
            cells[Math.Min((int)(p.X * 4), 3), Math.Min((int)(p.Y * 4), 3)]++;
        foreach (var n in cells)
            Assert.InRange(n, 2_200, 2_800); // expected 2500 each
    }

    [Fact]
    public void SameSeedSameBytes_DifferentSeedDifferentPoints()
    {
        var scene = TwoQuads();
        var a = SurfaceSampler.Sample(scene, 1000, 5);
        var b = SurfaceSampler.Sample(scene, 1000, 5);
        var c = SurfaceSampler.Sample(scene, 1000, 6);
        Assert.True(a.Positions.SequenceEqual(b.Positions));
        Assert.True(a.TriangleIds.SequenceEqual(b.TriangleIds));
        Assert.False(a.Positions.SequenceEqual(c.Positions));
    }

    [Fact]
    public void TextureColourIsLookedUpWithTheSampler()
    {
        // 2×1 texture: left texel red, right texel green; nearest-texel centres at u = 0.25 and 0.75.
        var texture = new TextureImage("t", 2, 1, [255, 0, 0, 255, 0, 255, 0, 255]);
        var material = new Material { Name = "tex", BaseColor = Vector4.One, Texture = texture };
        var b = TestScenes.Quad("q", Vector3.Zero, Vector3.UnitX, Vector3.UnitY, material);
        b.TexCoords.AddRange([new Vector2(0.25f, 0), new Vector2(0.25f, 0), new Vector2(0.25f, 1), new Vector2(0.25f, 1)]);
        var scene = TestScenes.Assemble([b]);
        var points = SurfaceSampler.Sample(scene, 50, 1);
        Assert.All(points.Colors.ToArray(), c => Assert.True(Vector4.Distance(c, new Vector4(1, 0, 0, 1)) < 1e-6f));

        // u = 1.25 repeats to 0.25 (red); clamped it is the right edge (green).
        Assert.Equal(new Vector4(1, 0, 0, 1), texture.Sample(1.25f, 0.5f, TextureSampler.Default));
        Assert.Equal(new Vector4(0, 1, 0, 1), texture.Sample(1.25f, 0.5f, new TextureSampler(TextureWrap.ClampToEdge, TextureWrap.ClampToEdge)));
        // Halfway between texel centres blends both.
        Assert.True(Vector4.Distance(new Vector4(0.5f, 0.5f, 0, 1), texture.Sample(0.5f, 0.5f, TextureSampler.Default)) < 1e-6f);
    }

    [Fact]
    public void VertexSamplingTakesEverySurfaceVertexAndPoint()
    {
        var cloud = new Clip3D.Mesh.Formats.PartBuilder("cloud", PartKind.Points);
        cloud.Positions.AddRange([new Vector3(5, 5, 5)]);
        cloud.Colors.Add(new Vector4(0, 1, 0, 1));
        var scene = TestScenes.Assemble([TestScenes.Quad("q", Vector3.Zero, Vector3.UnitX, Vector3.UnitY), cloud]);
        var points = SurfaceSampler.SampleVertices(scene);
        Assert.Equal(5, points.Count);
        Assert.Equal(new Vector3(5, 5, 5), points.Positions[4]);
        Assert.Equal(1, points.PartIds[4]);
        Assert.Equal(-1, points.TriangleIds[4]);
        Assert.Equal(new Vector4(0, 0.8f, 0, 1), points.Colors[4]);
    }

    [Fact]
    public void SceneWithoutSurfaceCannotBeSampled()
    {
        var cloud = new Clip3D.Mesh.Formats.PartBuilder("cloud", PartKind.Points);
        cloud.Positions.Add(Vector3.One);
        var e = Assert.Throws<ArgumentException>(() => SurfaceSampler.Sample(TestScenes.Assemble([cloud]), 10, 1));
        Assert.Contains("no surface area", e.Message);
    }

    [Fact]
    public void SmallPartsAreToppedUpToTheFloorAfterTheAreaUniformPoints()
    {
        // A 10 m² floor and a 1 cm² chip: by area the chip gets about 0.001% of the points.
        var scene = TestScenes.Assemble([
            TestScenes.Quad("floor", Vector3.Zero, 10 * Vector3.UnitX, Vector3.UnitY),
            TestScenes.Quad("chip", new Vector3(2, 0.5f, 0.1f), 0.01f * Vector3.UnitX, 0.01f * Vector3.UnitY),
        ]);
        var plain = SurfaceSampler.Sample(scene, 2000, 9);
        var topped = SurfaceSampler.Sample(scene, 2000, 9, minPointsPerPart: 50);
        int chip = scene.IndexOfPart("chip");
        Assert.True(plain.PartIds.ToArray().Count(p => p == chip) < 5);
        Assert.Equal(50, topped.PartIds.ToArray().Count(p => p == chip));
        Assert.Equal(2000 + 50 - plain.PartIds.ToArray().Count(p => p == chip), topped.Count);
        // The first 2,000 are the plain draw, unchanged; the top-ups lie on the chip.
        Assert.Equal(plain.Positions.ToArray(), topped.Positions[..2000].ToArray());
        for (int i = 2000; i < topped.Count; i++)
        {
            Assert.Equal(chip, topped.PartIds[i]);
            var p = topped.Positions[i];
            Assert.InRange(p.X, 2f, 2.01f);
            Assert.InRange(p.Y, 0.5f, 0.51f);
        }
        Assert.Equal(topped.Positions.ToArray(), SurfaceSampler.Sample(scene, 2000, 9, minPointsPerPart: 50).Positions.ToArray());
    }

    [Fact]
    public void TopUpsNeverExceedAQuarterOfTheCount()
    {
        // 40 chips that would each need 100 points: the floor is lowered so that the top-ups fit in 1,000 / 4.
        var parts = new List<Clip3D.Mesh.Formats.PartBuilder> { TestScenes.Quad("floor", Vector3.Zero, 10 * Vector3.UnitX, 10 * Vector3.UnitY) };
        for (int k = 0; k < 40; k++)
            parts.Add(TestScenes.Quad($"chip{k}", new Vector3(k * 0.2f, 1, 0.1f), 0.01f * Vector3.UnitX, 0.01f * Vector3.UnitY));
        var points = SurfaceSampler.Sample(TestScenes.Assemble(parts), 1000, 3, minPointsPerPart: 100);
        Assert.InRange(points.Count, 1001, 1250);
        var chips = points.PartIds.ToArray().Where(p => p > 0).GroupBy(p => p).Select(g => g.Count()).ToArray();
        Assert.Equal(40, chips.Length);
        Assert.True(chips.Min() >= 6, $"the lowered floor should still give every chip its share, got {chips.Min()}");
    }
}
