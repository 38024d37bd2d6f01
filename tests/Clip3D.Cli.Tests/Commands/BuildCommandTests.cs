using System.Text.Json;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary><c>clip3d build</c> with the shipped default encoder, on a reduced configuration (two views, lite crops).</summary>
public class BuildCommandTests
{
    private static readonly string Tabletop = Path.Combine(SharedAssets.RepositoryRoot, "scenes", "tabletop.glb");

    /// <summary>Builds the tabletop from two lite views without the feature cache, <paramref name="options"/> added; asserts exit 0.</summary>
    private static (string Index, string Stdout, string Stderr) BuildTabletop(TempDirectory dir, params string[] options)
    {
        CliRunner.RequireRendering();
        var output = Path.Combine(dir.Path, "tabletop.c3d");
        var (code, stdout, stderr) = CliRunner.Run(["build", Tabletop, "-o", output, "--preset", "lite", "--views", "2", "--no-cache", .. options]);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return (output, stdout, stderr);
    }

    [SkippableFact]
    public void WritesAnIndexAndReportsFusionAsOneJsonDocument()
    {
        using var dir = new TempDirectory();
        var (output, stdout, stderr) = BuildTabletop(dir, "--size", "320x240", "--points", "3000", "--min-part-points", "0", "--report", "--json",
            "--field-steps", "30");
        Assert.True(File.Exists(output));
        Assert.DoesNotContain("done in", stderr); // --json: no progress

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(output, root.GetProperty("index").GetString());
        Assert.Equal(new FileInfo(output).Length, root.GetProperty("bytes").GetInt64());
        Assert.Equal("default", root.GetProperty("encoder").GetProperty("kind").GetString());
        Assert.Equal(3000, root.GetProperty("points").GetInt32());
        int closeUps = root.GetProperty("closeUpViews").GetInt32();
        Assert.InRange(closeUps, 0, 1); // at most half of --views by default
        Assert.Equal(2 + closeUps, root.GetProperty("views").GetInt32());
        Assert.True(root.GetProperty("crops").GetInt32() > 0);
        Assert.True(root.GetProperty("timings").GetProperty("total").GetDouble() > 0);
        var fusion = root.GetProperty("fusion");
        double precision = fusion.GetProperty("precision").GetDouble(), random = fusion.GetProperty("randomPrecision").GetDouble();
        Assert.InRange(precision, 0, 1);
        Assert.InRange(random, 0, 1);
        var perLabel = fusion.GetProperty("perLabel");
        Assert.True(perLabel.TryGetProperty("table", out var table), perLabel.ToString());
        Assert.True(table.GetProperty("objectPoints").GetInt32() > 0);
        var localisation = root.GetProperty("localisation");
        Assert.InRange(localisation.GetProperty("rate").GetDouble(), 0, 1);
        Assert.True(localisation.GetProperty("queries").GetArrayLength() >= 10);
        var field = root.GetProperty("field");
        Assert.InRange(field.GetProperty("cosine").GetDouble(), -1, 1);
        Assert.InRange(field.GetProperty("regionIoU").GetDouble(), 0, 1);
        Assert.Equal(30, field.GetProperty("steps").GetInt32());
        Assert.True(field.GetProperty("lossLast").GetDouble() < field.GetProperty("lossFirst").GetDouble());
        Assert.False(string.IsNullOrEmpty(field.GetProperty("accelerator").GetString()));

        // The index answers queries: one JSON document with hits in the world frame.
        var heatmap = Path.Combine(dir.Path, "plant.ply");
        var (queryCode, queryOut, queryErr) = CliRunner.Run("query", output, "plant", "--top", "2", "--json", "--export", heatmap);
        Assert.True(queryCode == 0, queryErr);
        Assert.Equal(3000, Clip3D.Mesh.SceneReader.Load(heatmap).Parts.Single().VertexCount);
        using var answer = JsonDocument.Parse(queryOut);
        Assert.Equal("plant", answer.RootElement.GetProperty("query").GetString());
        var hits = answer.RootElement.GetProperty("hits");
        Assert.InRange(hits.GetArrayLength(), 0, 2);
        foreach (var hit in hits.EnumerateArray())
        {
            Assert.Equal(3, hit.GetProperty("position").GetArrayLength());
            Assert.Equal(3, hit.GetProperty("bbox").GetProperty("min").GetArrayLength());
            Assert.True(hit.GetProperty("points").GetInt32() > 0);
            Assert.InRange(hit.GetProperty("score").GetDouble(), 0.5, 1);
        }
        (queryCode, _, queryErr) = CliRunner.Run("query", output, "plant", "--source", "nowhere");
        Assert.Equal(2, queryCode);
        Assert.Equal("error: --source: expected auto, fused, field or ensemble, got 'nowhere'", queryErr.Trim());
    }

    [SkippableFact]
    public void ReportsOneLinePerStageOnARedirectedStandardErrorAndNothingWithQuiet()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "tabletop.c3d");
        string[] build = ["build", Tabletop, "-o", output, "--preset", "lite", "--views", "2", "--close-ups", "0", "--size", "160x120", "--points", "2000", "--no-cache", "--no-field"];
        var (code, _, stderr) = CliRunner.Run(build);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        var lines = stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^load   done in \d+\.\d s$", lines[0]);
        Assert.Matches(@"^plan   done in \d+\.\d s$", lines[1]);
        Assert.Matches(@"^views  2/2  done in (\d+\.\d s|\d+:\d\d)$", lines[2]);
        Assert.Matches(@"^fuse   done in \d+\.\d s$", lines[3]);
        Assert.DoesNotContain('\r', stderr);

        (code, _, stderr) = CliRunner.Run([.. build, "--quiet"]);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal("", stderr);
    }

    /// <summary>A scale-conditioned field (<c>--field-scale</c>): its query names the crop scale it answered at, in --json.</summary>
    [SkippableFact]
    public void AScaleFieldBuildAnswersWithItsChosenScale()
    {
        using var dir = new TempDirectory();
        var (output, _, _) = BuildTabletop(dir, "--close-ups", "0", "--size", "160x120", "--points", "2000", "--field-steps", "20", "--field-scale", "--quiet");
        var (queryCode, queryOut, queryErr) = CliRunner.Run("query", output, "plant", "--json");
        Assert.True(queryCode == 0, queryErr);
        using var answer = JsonDocument.Parse(queryOut);
        using var index = Clip3D.Indexing.SceneIndex.Load(output);
        var scales = index.FieldScales;
        Assert.Equal(3, scales.Count); // lite crops 0.3 and 0.6, then the part crops at 1
        Assert.Contains((float)answer.RootElement.GetProperty("scale").GetDouble(), scales);
        (queryCode, queryOut, queryErr) = CliRunner.Run("query", output, "plant", "--json", "--source", "fused");
        Assert.True(queryCode == 0, queryErr);
        using var fused = JsonDocument.Parse(queryOut);
        Assert.False(fused.RootElement.TryGetProperty("scale", out _)); // the fused points have no scale to choose
    }

    [Fact]
    public void InputProblemsAreOneLineErrors()
    {
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "x.c3d");
        var (code, _, error) = CliRunner.Run("build", Path.Combine(dir.Path, "missing.obj"), "-o", output);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains("missing.obj", error);

        (code, _, error) = CliRunner.Run("build", Tabletop, "-o", output, "--preset", "huge");
        Assert.Equal(2, code);
        Assert.Equal("error: --preset: expected lite, default or big, got 'huge'", error.Trim());

        (code, _, error) = CliRunner.Run("build", Tabletop, "-o", output, "--no-field", "--field-scale");
        Assert.Equal(2, code);
        Assert.Equal("error: --field-scale: needs a field (drop --no-field)", error.Trim());

        var scene = Path.Combine(dir.Path, "copy.glb");
        File.Copy(Tabletop, scene);
        (code, _, error) = CliRunner.Run("build", scene, "-o", output, "--report");
        Assert.Equal(2, code);
        Assert.StartsWith($"error: --report: no ground truth at {Path.Combine(dir.Path, "copy.labels.json")}", error.Trim());
        Assert.False(File.Exists(output));
    }
}

/// <summary><c>clip3d demo</c> on a reduced view count: index, hits and heatmaps for its queries.</summary>
public class DemoCommandTests
{
    [SkippableFact]
    public void BuildsTheTabletopAnswersItsQueriesAndWritesHeatmaps()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        // The demo finds the repository's scenes/ above clip3d's own folder (here the test's bin folder).
        var (code, stdout, stderr) = CliRunner.Run("demo", "--scene", "tabletop", "--views", "4", "--out", dir.Path);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        var closeUps = System.Text.RegularExpressions.Regex.Match(stdout, @"tabletop: 4 views \+ (\d) close-ups");
        Assert.True(closeUps.Success, stdout);
        int views = 4 + int.Parse(closeUps.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("\"mug\" (tabletop-mug.ply):", stdout);
        Assert.Contains($"{Environment.NewLine}views  {views}/{views}  done in ", stderr);
        Assert.True(File.Exists(Path.Combine(dir.Path, "tabletop.c3d")));
        Assert.Equal(4, Directory.GetFiles(dir.Path, "*.ply").Length);
        Assert.Equal((1280, 800), HeatmapPixels.ReadPng(Path.Combine(dir.Path, "tabletop-mug.png")) is var (_, w, h) ? (w, h) : default);
        var (badCode, _, error) = CliRunner.Run("demo", "--scene", "garage");
        Assert.Equal(2, badCode);
        Assert.Equal("error: --scene: expected room or tabletop, got 'garage'", error.Trim());
    }
}
