using System.Globalization;
using System.Text.Json.Nodes;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary>The room scene with 160×120 views and 5,000 points, for the navigation tests.</summary>
public sealed class SmallRoomIndex() : SmallDemoIndex("room", "160x120", 5000);

/// <summary><c>clip3d map</c> and <c>clip3d goal</c> on a small room index (coarse cells: the index has few points).</summary>
public class NavigationCommandTests(SmallRoomIndex index) : IClassFixture<SmallRoomIndex>
{
    [SkippableFact]
    public void MapWritesThePgmYamlAndPngAndGoalLandsOnAFreeCellOfThatMap()
    {
        var path = index.Require();
        using var dir = new TempDirectory();
        var folder = System.IO.Path.Combine(dir.Path, "maps", "sofa");
        var (code, stdout, stderr) = CliRunner.Run("map", path, "sofa", "-o", folder, "--resolution", "0.3");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("free", stdout);
        Assert.Equal(new[] { "map.pgm", "map.png", "map.yaml" }, Directory.GetFiles(folder).Select(f => System.IO.Path.GetFileName(f)).Order().ToArray());
        var yaml = File.ReadAllLines(System.IO.Path.Combine(folder, "map.yaml")).Select(l => l.Split(':', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        Assert.Equal("map.pgm", yaml["image"]);
        Assert.Equal("0.3", yaml["resolution"]);
        var origin = yaml["origin"].Trim('[', ']').Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var pgm = File.ReadAllBytes(System.IO.Path.Combine(folder, "map.pgm"));
        var header = System.Text.Encoding.ASCII.GetString(pgm, 0, 200).Split('\n').Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal("P5", header[0]);
        var size = header[1].Split(' ').Select(int.Parse).ToArray();
        Assert.Equal("255", header[2]);
        int pixels = pgm.Length - size[0] * size[1];

        (code, stdout, stderr) = CliRunner.Run("goal", path, "sofa", "--resolution", "0.3", "--radius", "0.2", "--standoff", "0.6", "--json");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        var doc = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal("sofa", (string)doc["query"]!);
        Assert.True(doc.ContainsKey("reason") && doc.ContainsKey("target") && doc.ContainsKey("goal"));
        Assert.NotNull(doc["goal"]);
        Assert.Null(doc["reason"]);
        Assert.StartsWith("sofa", (string)doc["target"]!["label"]!);
        double x = (double)doc["goal"]!["x"]!, y = (double)doc["goal"]!["y"]!, heading = (double)doc["goal"]!["heading"]!;
        // The goal's cell in the map's own PGM is free (254); image rows run from the top (highest Y).
        int column = (int)Math.Floor((x - origin[0]) / 0.3), row = (int)Math.Floor((y - origin[1]) / 0.3);
        Assert.Equal(254, pgm[pixels + (size[1] - 1 - row) * size[0] + column]);
        var target = doc["target"]!["position"]!.AsArray();
        Assert.Equal(Math.Atan2((double)target[1]! - y, (double)target[0]! - x), heading, 3);
    }

    [SkippableFact]
    public void GoalWithAStartOffTheMapPrintsTheReasonAndBadStartsAreInputErrors()
    {
        var path = index.Require();
        var (code, stdout, stderr) = CliRunner.Run("goal", path, "sofa", "--resolution", "0.3", "--start", "40,40");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("no goal for \"sofa\": the start (40.00, 40.00) is outside the map", stdout);
        (code, _, stderr) = CliRunner.Run("goal", path, "sofa", "--start", "1;2");
        Assert.Equal(2, code);
        Assert.Contains("error: --start: expected X,Y", stderr);
        (code, _, stderr) = CliRunner.Run("map", path, "sofa", "-o", System.IO.Path.GetTempPath(), "--resolution", "0");
        Assert.Equal(2, code);
        Assert.Contains("error: --resolution", stderr);
    }
}
