using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.IO;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary>The tabletop scene with 320×240 views and <see cref="Points"/> points, for the export tests.</summary>
public sealed class SmallTabletopIndex() : SmallDemoIndex("tabletop", "320x240", Points)
{
    public const int Points = 1500;
}

/// <summary><c>clip3d query --export</c> in every format, and <c>clip3d features</c>.</summary>
public class ExportCommandTests(SmallTabletopIndex index) : IClassFixture<SmallTabletopIndex>
{
    [SkippableFact]
    public void QueryExportsEveryFormatAtOnceAndTheJsonFileIsWhatItPrints()
    {
        var path = index.Require();
        using var dir = new TempDirectory();
        string Out(string name) => System.IO.Path.Combine(dir.Path, name);
        var (code, stdout, stderr) = CliRunner.Run("query", path, "mug", "--json",
            "--export", Out("mug.ply"), "--export", Out("mug.glb"), "--export", Out("mug.gltf"), "--export", Out("hits.json"), "--export", Out("mug.npy"));
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal(5, Directory.GetFiles(dir.Path).Length);
        foreach (var name in new[] { "mug.ply", "mug.glb", "mug.gltf", "hits.json", "mug.npy" })
            Assert.Contains($"wrote {Out(name)}", stderr);

        // The hits file holds the very document --json prints.
        Assert.Equal(stdout, System.IO.File.ReadAllText(Out("hits.json")).ReplaceLineEndings(Environment.NewLine));

        var (relevancy, shape) = NpyFile.ReadSingle(Out("mug.npy"));
        Assert.Equal([SmallTabletopIndex.Points], shape);
        Assert.Contains(relevancy, v => !float.IsNaN(v));

        // The PLY (Z up) and both glTF files (Y up, converted on reading) hold the same points in the world frame.
        var ply = Assert.Single(SceneReader.Load(Out("mug.ply"), ReadOptions.Default with { UpAxis = UpAxis.Z }).Parts);
        foreach (var name in new[] { "mug.glb", "mug.gltf" })
        {
            var part = Assert.Single(SceneReader.Load(Out(name)).Parts);
            Assert.Equal(PartKind.Points, part.Kind);
            Assert.Equal(ply.Positions.ToArray(), part.Positions.ToArray());
        }
    }

    [SkippableFact]
    public void FeaturesWritesTheFusedFeaturesAndPositions()
    {
        var path = index.Require();
        using var dir = new TempDirectory();
        var features = System.IO.Path.Combine(dir.Path, "features.npy");
        var positions = System.IO.Path.Combine(dir.Path, "positions.npy");
        var (code, stdout, stderr) = CliRunner.Run("features", path, "-o", features, "--positions", positions);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal("", stdout);

        var (values, shape) = NpyFile.ReadSingle(features);
        Assert.Equal(2, shape.Length);
        Assert.Equal(SmallTabletopIndex.Points, shape[0]);
        int d = shape[1];
        Assert.True(d >= 64, $"feature dimension {d}");
        int unseen = 0;
        for (int p = 0; p < shape[0]; p++)
        {
            var row = values.AsSpan(p * d, d);
            if (float.IsNaN(row[0]))
            {
                unseen++;
                Assert.All(row.ToArray(), v => Assert.True(float.IsNaN(v)));
                continue;
            }
            float norm = 0;
            foreach (var v in row) norm += v * v;
            Assert.InRange(norm, 0.98f, 1.02f); // unit rows (half precision in the index)
        }
        Assert.InRange(unseen, 1, SmallTabletopIndex.Points - 1); // two views see some of the points, not all
        Assert.Contains($"wrote {features}: {SmallTabletopIndex.Points} × {d} float32, {unseen} unseen rows NaN", stderr);

        // Positions line up with the query exports' points.
        var (xyz, positionShape) = NpyFile.ReadSingle(positions);
        Assert.Equal([SmallTabletopIndex.Points, 3], positionShape);
        var ply = System.IO.Path.Combine(dir.Path, "any.ply");
        Assert.Equal(0, CliRunner.Run("query", path, "plate", "--export", ply).ExitCode);
        var part = Assert.Single(SceneReader.Load(ply, ReadOptions.Default with { UpAxis = UpAxis.Z }).Parts);
        for (int p = 0; p < SmallTabletopIndex.Points; p += 97)
            Assert.Equal(part.Positions[p], new Vector3(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2]));
    }

    [Theory]
    [InlineData("heat.xyz", "'.xyz'")]
    [InlineData("heat", "a file without an extension")]
    public void AnUnknownExportExtensionIsOneLineNamingItAndTheAcceptedOnes(string name, string named)
    {
        // Checked before the index is opened: this index does not even exist.
        using var dir = new TempDirectory();
        var target = System.IO.Path.Combine(dir.Path, name);
        var (code, stdout, stderr) = CliRunner.Run("query", System.IO.Path.Combine(dir.Path, "missing.c3d"), "mug",
            "--export", System.IO.Path.Combine(dir.Path, "ok.glb"), "--export", target);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"error: --export: {target}: cannot export to {named}; expected .ply, .glb, .gltf, .json, .npy", stderr.Trim());
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void FeaturesInputProblemsAreOneLineErrors()
    {
        using var dir = new TempDirectory();
        var missing = System.IO.Path.Combine(dir.Path, "missing.c3d");
        var (code, _, stderr) = CliRunner.Run("features", missing, "-o", System.IO.Path.Combine(dir.Path, "f.txt"));
        Assert.Equal(2, code);
        Assert.Equal($"error: -o: {System.IO.Path.Combine(dir.Path, "f.txt")} must end in .npy", stderr.Trim());

        (code, _, stderr) = CliRunner.Run("features", missing, "-o", System.IO.Path.Combine(dir.Path, "f.npy"), "--positions", System.IO.Path.Combine(dir.Path, "nowhere", "p.npy"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: --positions: the folder of ", stderr.Trim());

        (code, _, stderr) = CliRunner.Run("features", missing, "-o", System.IO.Path.Combine(dir.Path, "f.npy"));
        Assert.Equal(2, code);
        Assert.Equal($"error: {missing}: no such file", stderr.Trim());
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
