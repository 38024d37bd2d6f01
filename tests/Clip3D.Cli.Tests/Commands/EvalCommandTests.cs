using System.Text.Json;
using Clip3D.Cli.Commands;
using Clip3D.Evaluation;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Recognition;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary><c>clip3d eval</c> on a tiny labelled scene (a floor and two boxes) with the shipped default encoder.</summary>
public class EvalCommandTests
{
    /// <summary>Writes NAME.obj (floor, red box, blue box) and NAME.labels.json whose boxes are the parts' bounds.</summary>
    private static void WriteScene(string folder, string name)
    {
        File.WriteAllText(Path.Combine(folder, name + ".mtl"), "newmtl grey\nKd 0.6 0.6 0.6\nnewmtl red\nKd 0.9 0.1 0.1\nnewmtl blue\nKd 0.1 0.1 0.9\n");
        var obj = new System.Text.StringBuilder($"mtllib {name}.mtl\no floor\nusemtl grey\nv -2 0 -2\nv 2 0 -2\nv 2 0 2\nv -2 0 2\nf 1 4 3 2\n");
        int first = 5;
        foreach (var (part, material, x) in new[] { ("red_box", "red", -1.2), ("blue_box", "blue", 0.4) })
        {
            obj.Append(System.Globalization.CultureInfo.InvariantCulture, $"o {part}\nusemtl {material}\n");
            foreach (var (dx, dy, dz) in new[] { (0, 0, 0), (1, 0, 0), (1, 1, 0), (0, 1, 0), (0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 1, 1) })
                obj.Append(System.Globalization.CultureInfo.InvariantCulture, $"v {x + 0.8 * dx} {0.8 * dy} {-0.4 + 0.8 * dz}\n");
            foreach (var face in new[] { "1 4 3 2", "5 6 7 8", "1 2 6 5", "2 3 7 6", "3 4 8 7", "4 1 5 8" })
                obj.Append("f ").AppendJoin(' ', face.Split(' ').Select(i => int.Parse(i) + first - 1)).Append('\n');
            first += 8;
        }
        var path = Path.Combine(folder, name + ".obj");
        File.WriteAllText(path, obj.ToString());
        var scene = SceneReader.Load(path);
        var labels = new LabelsFile([
            new LabelledObject("red box", ["red cube"], ["red_box"], scene.Parts.Single(p => p.Name == "red_box").Bounds),
            new LabelledObject("blue box", [], ["blue_box"], scene.Parts.Single(p => p.Name == "blue_box").Bounds),
        ]);
        File.WriteAllBytes(Path.Combine(folder, name + ".labels.json"), labels.ToJson());
    }

    [SkippableFact]
    [Trait("Category", "Slow")] // a lite build with its field: about 45 s on 2 cores
    public void ScoresEachLabelOfEachSidecarBesideTheRandomBaseline()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        WriteScene(dir.Path, "boxes");
        var (code, stdout, stderr) = CliRunner.Run("eval", "--scenes", dir.Path, "--shared", Path.Combine(dir.Path, "no-shared"), "--views", "2", "--json");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Equal("", stderr); // --json: no progress

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("lite", root.GetProperty("preset").GetString());
        Assert.Equal("default", root.GetProperty("encoder").GetString());
        var scene = root.GetProperty("scenes").EnumerateArray().Single();
        Assert.Equal("boxes", scene.GetProperty("scene").GetString());
        var labels = scene.GetProperty("labels").EnumerateArray().ToArray();
        Assert.Equal(["red box", "blue box"], labels.Select(l => l.GetProperty("label").GetString()));
        Assert.Equal([2, 1], labels.Select(l => l.GetProperty("queries").GetInt32()));
        foreach (var label in labels)
        {
            Assert.InRange(label.GetProperty("foundRate").GetDouble(), 0, 1);
            Assert.InRange(label.GetProperty("regionIoU").GetDouble(), 0, 1);
            Assert.InRange(label.GetProperty("randomRate").GetDouble(), 0.01, 0.9); // each box is part of what is seen
        }
        var recognition = root.GetProperty("recognition");
        Assert.Equal(0, recognition.GetProperty("total").GetInt32());
        Assert.Equal(RecognitionBenchmark.Labels.Count, recognition.GetProperty("labels").GetArrayLength());
    }

    [Fact]
    public void TheTableShowsEveryLabelBesideTheRandomBaselineAndEachModelsAnswer()
    {
        var report = new EvalCommand.EvalReport("lite", "default", "builtin",
            [new EvalCommand.SceneReport("room", "/x/room.glb", 42, 0.5, 0.05, 0.25,
                [new LabelLocalisation("sofa", 2, 0.5, 0.3, 0.08), new LabelLocalisation("mug", 1, 1, 0.2, 0.004)])], [],
            new EvalCommand.RecognitionReport("/shared", RecognitionBenchmark.Labels, 1, 2, 1.0 / 12,
                [new ModelRecognitionResult("cow", "/shared/cow.obj", 0, 0.8, new LabelProbability("cow", 0.8, 0.1), 2.5),
                 new ModelRecognitionResult("box", "/shared/box.obj", 2, 0.1, new LabelProbability("mug", 0.6, 0.2), 1.5)]));
        var output = new StringWriter();
        EvalCommand.WriteTable(output, report);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("lite preset", lines[0]);
        Assert.Matches(@"^room\s+sofa\s+2\s+50 %\s+8.0 %\s+0.30$", lines[2]);
        Assert.Matches(@"^room\s+mug\s+1\s+100 %\s+0.4 %\s+0.20$", lines[3]);
        Assert.Matches(@"^room\s+all queries\s+3\s+50 %\s+5.0 %\s+0.25\s+\(built and scored in 42 s\)$", lines[4]);
        Assert.Contains("top-1 1 of 2 (chance 8.3 %)", lines[5]);
        Assert.Matches(@"^cow\s+cow 80 %\s+1\s+2.5$", lines[7]);
        Assert.Matches(@"^box\s+mug 60 %\s+3\s+1.5$", lines[8]);

        var skipped = new StringWriter();
        EvalCommand.WriteTable(skipped, report with { Skipped = ["regr01"], Recognition = report.Recognition with { Top1 = 0, Total = 0, Models = [] } });
        Assert.Contains("skipped (scene not in the shared folder): regr01", skipped.ToString());
        Assert.Contains("recognition: skipped, none of the real models is under /shared (give the shared folder with --shared DIR)", skipped.ToString());
    }

    [Fact]
    public void AMissingFolderOrASidecarWithoutASceneIsOneErrorLine()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = CliRunner.Run("eval", "--scenes", Path.Combine(dir.Path, "nowhere"));
        Assert.Equal(2, code);
        Assert.Equal($"error: --scenes: the folder {Path.Combine(dir.Path, "nowhere")} does not exist", stderr.Trim());

        (code, _, stderr) = CliRunner.Run("eval", "--scenes", dir.Path);
        Assert.Equal(2, code);
        Assert.Equal($"error: --scenes: no NAME.labels.json sidecars in {dir.Path}", stderr.Trim());

        File.WriteAllText(Path.Combine(dir.Path, "lonely.labels.json"), """{"frame": "z-up metres", "objects": []}""");
        (code, _, stderr) = CliRunner.Run("eval", "--scenes", dir.Path);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {Path.Combine(dir.Path, "lonely.labels.json")}: no scene beside it (looked for lonely.glb, .gltf", stderr.Trim());
    }

    [Fact]
    public void SharedSidecarsAreMatchedToTheirDeclaredScenesOrSkippedWhenTheSceneIsAbsent()
    {
        using var dir = new TempDirectory();
        var sidecars = Directory.CreateDirectory(Path.Combine(dir.Path, "scenes", "shared")).FullName;
        File.WriteAllText(Path.Combine(sidecars, "regr01.labels.json"), """{"frame": "z-up metres", "objects": []}""");
        var shared = Path.Combine(dir.Path, "shared");
        var (found, missing) = EvalCommand.FindScenes(Path.Combine(dir.Path, "scenes"), shared);
        Assert.Empty(found);
        Assert.Equal(["regr01"], missing);

        var scene = Path.Combine(shared, "assets/assimp/test/models/OBJ/regr01.obj");
        Directory.CreateDirectory(Path.GetDirectoryName(scene)!);
        File.WriteAllText(scene, "v 0 0 0\n");
        (found, missing) = EvalCommand.FindScenes(Path.Combine(dir.Path, "scenes"), shared);
        Assert.Empty(missing);
        var entry = Assert.Single(found);
        Assert.Equal(("regr01", scene), (entry.Name, entry.Scene));
        Assert.Equal(UpAxis.Z, entry.Read!.UpAxis);

        File.WriteAllText(Path.Combine(sidecars, "castle.labels.json"), "{}");
        var e = Assert.Throws<CliInputException>(() => EvalCommand.FindScenes(Path.Combine(dir.Path, "scenes"), shared));
        Assert.Equal($"{Path.Combine(sidecars, "castle.labels.json")}: no shared scene is called castle (known: cornell_box, regr01)", e.Message);
    }

    /// <summary>The hand-written sidecars of the repository name parts that exist, with boxes that hold those parts.</summary>
    [SkippableFact]
    public void TheRepositorysSharedSidecarsMatchTheirScenes()
    {
        foreach (var (name, sharedPath, read) in EvalCommand.SharedScenes)
        {
            var scene = SceneReader.Load(SharedAssets.Require(sharedPath), read);
            var labels = LabelsFile.Load(Path.Combine(SharedAssets.RepositoryRoot, "scenes", "shared", name + ".labels.json"));
            Assert.True(labels.Objects.Count >= 5, name);
            foreach (var o in labels.Objects)
            {
                Assert.NotEmpty(o.Parts);
                foreach (var partName in o.Parts)
                {
                    var part = Assert.Single(scene.Parts, p => p.Name == partName);
                    Assert.True(o.Bounds.Contains(part.Bounds.Min, 1e-3f) && o.Bounds.Contains(part.Bounds.Max, 1e-3f), $"{name}: {o.Label} box misses {partName}");
                }
            }
            Assert.InRange(scene.Bounds.Size.Z, 0.3f, 10f); // metres, Z up: a box and a house, not kilometres or sideways
        }
    }
}
