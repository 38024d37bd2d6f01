using System.Numerics;
using Clip3D.Navigation;
using Clip3D.Testing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Tests.Navigation;

/// <summary>The top-down map of synthetic surface points: cell states, relevancy, clearance, and its files.</summary>
public class TopDownMapTests
{
    private static TopDownMap Map(TopDownMapOptions? options = null)
    {
        var (points, bounds, relevancy, hits) = SyntheticRoom.Make();
        return TopDownMap.Build(points, bounds, relevancy, hits, "crate", options ?? new TopDownMapOptions { Resolution = 0.1f });
    }

    private static CellState StateAt(TopDownMap map, float x, float y)
    {
        var (c, r) = map.CellAt(x, y)!.Value;
        return map.State(c, r);
    }

    [Fact]
    public void TheAutomaticResolutionIsThreePointSpacingsAndNotBelowFiveCentimetres()
    {
        // The synthetic room's floor points lie 2.5 cm apart: three spacings are 7.5 cm, and every floor cell has points.
        var (points, bounds, relevancy, hits) = SyntheticRoom.Make();
        var map = TopDownMap.Build(points, bounds, relevancy, hits, "crate", TopDownMapOptions.Default);
        Assert.Equal(0.075f, map.Resolution, 4);
        Assert.Equal(CellState.Free, StateAt(map, 0.5f, 2.5f));
        Assert.Equal(0.05f, (TopDownMapOptions.Default with { PointsPerCellEdge = 1 }).ResolutionFor(points));
        Assert.Equal(0.3f, (TopDownMapOptions.Default with { Resolution = 0.3f }).ResolutionFor(points));
        var e = Assert.Throws<ArgumentException>(() => (TopDownMapOptions.Default with { PointsPerCellEdge = 0 }).Validate());
        Assert.Contains("PointsPerCellEdge", e.Message);
    }

    [Fact]
    public void CellsAreFreeOnFloorOccupiedUnderTheCrateAndUnknownWithoutFloor()
    {
        var map = Map();
        Assert.Equal((40, 30), (map.Width, map.Height));
        Assert.Equal(new Vector2(0, 0), map.Origin);
        Assert.Equal(0f, map.FloorHeight);
        Assert.Equal(CellState.Free, StateAt(map, 0.55f, 0.55f));
        Assert.Equal(CellState.Occupied, StateAt(map, 2.05f, 1.55f));
        Assert.Equal(CellState.Unknown, StateAt(map, 3.85f, 1.55f));
        // The 3 cm mat is below the band: the robot drives over it.
        Assert.Equal(CellState.Free, StateAt(map, 0.25f, 0.75f));
        var (free, occupied, unknown) = map.Counts();
        Assert.Equal(40 * 30, free + occupied + unknown);
        Assert.Equal(4 * 30, unknown);
        Assert.InRange(occupied, 100, 121); // the crate's 1 m² and its edges
    }

    [Fact]
    public void CellsKeepTheHighestSeenRelevancyAndNaNWhereNothingWasSeen()
    {
        var map = Map();
        var (c, r) = map.CellAt(2.05f, 1.55f)!.Value;
        Assert.Equal(0.9f, map.Relevancy(c, r));
        (c, r) = map.CellAt(0.55f, 0.55f)!.Value;
        Assert.Equal(0.4f, map.Relevancy(c, r));
        (c, r) = map.CellAt(0.55f, 0.05f)!.Value;
        Assert.True(float.IsNaN(map.Relevancy(c, r)));
        (c, r) = map.CellAt(3.85f, 1.55f)!.Value;
        Assert.True(float.IsNaN(map.Relevancy(c, r)));
    }

    [Fact]
    public void ARaisedFloorHeightMovesTheBandUp()
    {
        // With the floor at 0.5 m the crate's top (0.6 m) is below the band and no floor point is near 0.5 m.
        var map = Map(new TopDownMapOptions { Resolution = 0.1f, FloorHeight = 0.5f, BandBottom = 0.2f });
        Assert.Equal(CellState.Unknown, StateAt(map, 2.05f, 1.55f));
        Assert.Equal(CellState.Unknown, StateAt(map, 0.55f, 0.55f));
    }

    [Fact]
    public void TheFloorOfASlabIsItsTopNotTheBoundsLowestZ()
    {
        // The floor modelled as a 5 cm slab: the bounds start at its underside, the robot drives on its top (Z = 0).
        var (points, _, relevancy, hits) = SyntheticRoom.Make();
        var slab = new Clip3D.Mesh.Bounds(new Vector3(0, 0, -0.05f), new Vector3(4, 3, 0.6f));
        var map = TopDownMap.Build(points, slab, relevancy, hits, "crate", new TopDownMapOptions { Resolution = 0.1f });
        Assert.Equal(0f, map.FloorHeight, 4);
        Assert.Equal(CellState.Free, StateAt(map, 0.55f, 0.55f));
        // Measured from the underside, the floor itself lies in the band (0.05 m up) and every floor cell is occupied.
        var fromUnderside = TopDownMap.Build(points, slab, relevancy, hits, "crate", new TopDownMapOptions { Resolution = 0.1f, FloorHeight = -0.05f });
        Assert.Equal(CellState.Occupied, StateAt(fromUnderside, 0.55f, 0.55f));
    }

    [Fact]
    public void ClearanceIsALowerBoundOfTheDistanceToTheNearestBlockedSquare()
    {
        var map = Map();
        using var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "map.yaml");
        RosMapFiles.Write(map, Path.Combine(dir.Path, "map.pgm"), yaml);
        var read = RosMapReader.Read(yaml);
        for (int r = 0; r < map.Height; r++)
            for (int c = 0; c < map.Width; c++)
            {
                if (map.State(c, r) != CellState.Free)
                {
                    Assert.Equal(0f, map.Clearance(c, r));
                    continue;
                }
                var centre = map.CellCentre(c, r);
                double exact = IndependentGoalCheck.Clearance(read, centre.X, centre.Y);
                Assert.InRange(map.Clearance(c, r), exact - map.Resolution * 0.71 - 1e-4, exact + 1e-4);
            }
    }

    [Fact]
    public void PgmAndYamlFollowMapServersFormat()
    {
        var map = Map();
        using var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "map.yaml");
        RosMapFiles.Write(map, Path.Combine(dir.Path, "map.pgm"), yaml);
        var text = File.ReadAllText(yaml);
        Assert.Contains("image: map.pgm\n", text);
        Assert.Contains("negate: 0\n", text);
        Assert.Contains("occupied_thresh: 0.65\n", text);
        Assert.Contains("free_thresh: 0.196\n", text);
        Assert.StartsWith("P5\n", File.ReadAllText(Path.Combine(dir.Path, "map.pgm"))[..3]);
        var read = RosMapReader.Read(yaml);
        Assert.Equal((40, 30, 255), (read.Width, read.Height, read.MaxValue));
        Assert.Equal(0.1, read.Resolution, 6);
        Assert.Equal([0.0, 0.0, 0.0], read.Origin);
        // Image row 0 is the top (highest Y). Decoded as map_server does (negate 0: p = (255 − v) / 255; occupied above
        // occupied_thresh, free below free_thresh, else unknown), every pixel gives its cell's state.
        double occupiedThresh = double.Parse(read.Yaml["occupied_thresh"], System.Globalization.CultureInfo.InvariantCulture);
        double freeThresh = double.Parse(read.Yaml["free_thresh"], System.Globalization.CultureInfo.InvariantCulture);
        for (int r = 0; r < map.Height; r++)
            for (int c = 0; c < map.Width; c++)
            {
                double p = (255 - read.Pixels[map.Height - 1 - r, c]) / 255.0;
                var decoded = p > occupiedThresh ? CellState.Occupied : p < freeThresh ? CellState.Free : CellState.Unknown;
                Assert.Equal(map.State(c, r), decoded);
            }
        Assert.Equal(205, read.At(38, 15));
        Assert.Equal(0, read.At(20, 15));
        Assert.Equal(254, read.At(5, 5));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void TheOriginIsTheLowerLeftCornerOfTheBounds()
    {
        var (points, _, relevancy, hits) = SyntheticRoom.Make();
        var shifted = new Clip3D.Mesh.Bounds(new Vector3(-1.25f, -0.5f, 0), new Vector3(4, 3, 0.6f));
        var map = TopDownMap.Build(points, shifted, relevancy, hits, "crate", new TopDownMapOptions { Resolution = 0.25f });
        using var dir = new TempDirectory();
        var yaml = Path.Combine(dir.Path, "m.yaml");
        RosMapFiles.Write(map, Path.Combine(dir.Path, "m.pgm"), yaml);
        var read = RosMapReader.Read(yaml);
        Assert.Equal([-1.25, -0.5, 0.0], read.Origin);
        Assert.Equal((21, 14), (read.Width, read.Height));
        Assert.Equal(0.25, read.Resolution, 6);
    }

    [Fact]
    public void ThePngHasOnePixelPerCellWithTheRelevantCellsRed()
    {
        var map = Map();
        using var dir = new TempDirectory();
        var png = Path.Combine(dir.Path, "map.png");
        MapImage.WritePng(map, png);
        using var image = Image.Load<Rgb24>(png);
        Assert.Equal((map.Width, map.Height), (image.Width, image.Height));
        var (c, r) = map.CellAt(2.05f, 1.55f)!.Value;
        var crate = image[c, map.Height - 1 - r];
        Assert.True(crate.R > 150 && crate.B < 80, $"crate pixel {crate}");
        (c, r) = map.CellAt(3.85f, 1.55f)!.Value;
        Assert.Equal(new Rgb24(150, 150, 150), image[c, map.Height - 1 - r]);
    }

    [Theory]
    [InlineData("Resolution", 0f)]
    [InlineData("BandTop", 0.01f)]
    [InlineData("BandBottom", -1f)]
    [InlineData("FloorTolerance", -0.1f)]
    [InlineData("MinFloorNormalZ", 1.5f)]
    public void BadOptionsAreNamed(string name, float value)
    {
        var options = name switch
        {
            "Resolution" => new TopDownMapOptions { Resolution = value },
            "BandTop" => new TopDownMapOptions { BandTop = value },
            "BandBottom" => new TopDownMapOptions { BandBottom = value },
            "FloorTolerance" => new TopDownMapOptions { FloorTolerance = value },
            _ => new TopDownMapOptions { MinFloorNormalZ = value },
        };
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains($"TopDownMapOptions.{name}", e.Message);
        Assert.Throws<ArgumentException>(() => Map(options));
    }

    [Fact]
    public void TooFineAResolutionForTheSceneIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Map(new TopDownMapOptions { Resolution = 0.001f, MaxCells = 1_000_000 }));
        Assert.Contains("MaxCells", e.Message);
        TopDownMapOptions.Default.Validate();
    }
}
