using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Clip3D.Encoders;
using Clip3D.Encoders.Default.Training;
using Clip3D.Evaluation;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Recognition;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d eval [--scenes DIR] [--shared DIR] [--encoder default|DIR|FILE.c3dh] [--views N] [--json]</c>: the project's
/// evaluation. (1) Every ground-truth sidecar <c>NAME.labels.json</c> of the scenes folder, with its scene
/// <c>NAME.glb</c> (or .gltf, .obj, .ply, .stl) beside it, is indexed with the lite preset (to keep it short; the
/// default preset localises better) and scored per label by <see cref="LocalisationEvaluation"/>: how often the best hit
/// lies in the label's box, its region IoU, and the random baseline. The same is done for the third-party scenes of the
/// shared folder that have a hand-written sidecar in <c>scenes/shared/</c> (<see cref="SharedScenes"/>). (2) The real third-party models of the shared
/// folder are recognised among a fixed label list (<see cref="RecognitionBenchmark"/>): top-1 beside chance.
/// </summary>
internal static class EvalCommand
{
    /// <summary>Scene formats looked for beside a sidecar, in this order.</summary>
    private static readonly string[] SceneExtensions = [".glb", ".gltf", ".obj", ".ply", ".stl"];

    /// <summary>
    /// Third-party scenes of the shared folder whose sidecars, <c>scenes/shared/NAME.labels.json</c>, were written by hand:
    /// labels from their part names, boxes from the parts' bounds in the world frame these read options give (the
    /// scenes themselves stay in the shared folder; nothing of them is copied). The Cornell box is Y-up millimetres
    /// (tinyobjloader, MIT); regr01, a house, is Z-up centimetres (assimp test models, BSD-3-clause).
    /// </summary>
    internal static IReadOnlyList<(string Name, string SharedPath, ReadOptions Read)> SharedScenes { get; } =
    [
        ("cornell_box", "assets/tinyobjloader/models/cornell_box.obj", new ReadOptions { UnitScale = 0.001f }),
        ("regr01", "assets/assimp/test/models/OBJ/regr01.obj", new ReadOptions { UpAxis = UpAxis.Z, UnitScale = 0.01f }),
    ];

    public static Command Create(CliOutput io)
    {
        var scenes = new Option<string>("--scenes") { HelpName = "DIR", Description = "Folder of scenes with NAME.labels.json sidecars.", DefaultValueFactory = _ => "scenes" };
        var shared = new Option<string?>("--shared") { HelpName = "DIR", Description = "The shared folder of third-party models (default: $CLIP3D_SHARED, else ../shared)." };
        var encoder = new Option<string>("--encoder")
        {
            HelpName = "default|DIR|FILE.c3dh",
            Description = "default (the built-in encoder), a CLIP model folder, or a default-encoder heads file.",
            DefaultValueFactory = _ => EncoderFactory.DefaultEncoderName,
        };
        var views = new Option<int?>("--views") { HelpName = "N", Description = "Views of each scene build (default: the lite preset's 12)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document: {\"preset\", \"scenes\": [{\"scene\", \"labels\": [...]}], \"recognition\": {...}}; no progress." };
        var command = new Command("eval", "Score localisation on labelled scenes and recognition of real models, beside random baselines.") { scenes, shared, encoder, views, json };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(io, cancellationToken, result.GetValue(scenes)!, result.GetValue(shared),
            result.GetValue(encoder)!, result.GetValue(views), result.GetValue(json))));
        return command;
    }

    /// <summary>
    /// The sidecars of <paramref name="folder"/> with their scene files, by name; then those of its <c>shared</c>
    /// subfolder whose scene is under <paramref name="sharedFolder"/> (with the read options it needs), and the names
    /// of those that are not.
    /// </summary>
    internal static (IReadOnlyList<(string Name, string Scene, string Labels, ReadOptions? Read)> Found, IReadOnlyList<string> Missing) FindScenes(
        string folder, string sharedFolder)
    {
        if (!Directory.Exists(folder)) throw new CliInputException($"--scenes: the folder {folder} does not exist");
        var found = new List<(string, string, string, ReadOptions?)>();
        var missing = new List<string>();
        foreach (var labels in Directory.GetFiles(folder, "*.labels.json").Order(StringComparer.Ordinal))
        {
            var stem = labels[..^".labels.json".Length];
            var scene = SceneExtensions.Select(e => stem + e).FirstOrDefault(File.Exists)
                ?? throw new CliInputException($"{labels}: no scene beside it (looked for {Path.GetFileName(stem)}{string.Join(", ", SceneExtensions)})");
            found.Add((Path.GetFileName(stem), scene, labels, null));
        }
        var sharedSidecars = Path.Combine(folder, "shared");
        if (Directory.Exists(sharedSidecars))
            foreach (var labels in Directory.GetFiles(sharedSidecars, "*.labels.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(labels)[..^".labels.json".Length];
                var known = SharedScenes.FirstOrDefault(s => s.Name == name);
                if (known.Name is null)
                    throw new CliInputException($"{labels}: no shared scene is called {name} (known: {string.Join(", ", SharedScenes.Select(s => s.Name))})");
                var scene = Path.Combine(sharedFolder, known.SharedPath);
                if (File.Exists(scene)) found.Add((name, scene, labels, known.Read));
                else missing.Add(name);
            }
        if (found.Count == 0 && missing.Count == 0) throw new CliInputException($"--scenes: no NAME.labels.json sidecars in {folder}");
        return (found, missing);
    }

    private static int Run(CliOutput io, CancellationToken cancellationToken, string scenesFolder, string? sharedFolder, string encoderSource, int? views, bool json)
    {
        if (views is < 1) throw new CliInputException($"--views: expected 1 or more, got {views}");
        sharedFolder ??= Environment.GetEnvironmentVariable("CLIP3D_SHARED") is { Length: > 0 } variable ? variable : Path.Combine("..", "shared");
        var (scenes, missing) = FindScenes(scenesFolder, sharedFolder);
        var truths = scenes.Select(s => LabelsFile.Load(s.Labels)).ToArray(); // every sidecar is checked before the first build
        var models = RecognitionBenchmark.SharedModels
            .Select(m => m with { Path = Path.Combine(sharedFolder, m.Path) })
            .Where(m => File.Exists(m.Path))
            .ToArray();
        var progress = json ? TextWriter.Null : io.Err;
        foreach (var name in missing)
            progress.WriteLine($"skipping {name}: its scene is not under {sharedFolder} (give the shared folder with --shared DIR)");

        using var encoder = EmbedCommand.Open(encoderSource, OnnxEncoderOptions.Default);
        var buildOptions = new BuildOptions { Preset = BuildPreset.Lite, Views = views };
        var sceneReports = new List<SceneReport>();
        for (int i = 0; i < scenes.Count; i++)
        {
            var clock = Stopwatch.StartNew();
            progress.WriteLine($"building {scenes[i].Name} (lite preset)…");
            using var index = (scenes[i].Read is { } read
                ? SceneIndex.BuildAsync(SceneReader.Load(scenes[i].Scene, read), encoder, buildOptions, cancellationToken: cancellationToken)
                : SceneIndex.BuildAsync(scenes[i].Scene, encoder, buildOptions, cancellationToken: cancellationToken)).GetAwaiter().GetResult();
            var localisation = LocalisationEvaluation.Evaluate(index, truths[i], cancellationToken: cancellationToken);
            sceneReports.Add(new SceneReport(scenes[i].Name, Path.GetFullPath(scenes[i].Scene), clock.Elapsed.TotalSeconds,
                localisation.Rate, localisation.RandomRate, localisation.RegionIoU, LabelLocalisation.PerLabel(localisation)));
        }

        IReadOnlyList<ModelRecognitionResult> recognition = [];
        if (models.Length > 0)
        {
            progress.WriteLine($"recognising {models.Length} models among {RecognitionBenchmark.Labels.Count} labels…");
            using var classifier = new ModelClassifier(encoder);
            recognition = RecognitionBenchmark.Evaluate(classifier, models, cancellationToken: cancellationToken);
        }

        var report = new EvalReport("lite", encoder.Identity.Kind, encoder.Identity.Source, sceneReports, missing,
            new RecognitionReport(Path.GetFullPath(sharedFolder), RecognitionBenchmark.Labels, recognition.Count(r => r.Top1), recognition.Count,
                1.0 / RecognitionBenchmark.Labels.Count, recognition));
        if (json)
            io.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
        else
            WriteTable(io.Out, report);
        return CliApp.ExitOk;
    }

    /// <summary>The human-readable report: one row per scene label, then one per model.</summary>
    internal static void WriteTable(TextWriter output, EvalReport report)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"localisation ({report.Encoder} encoder; scenes indexed with the {report.Preset} preset to keep this short): is the best hit inside the label's box?");
        output.WriteLine(string.Format(c, "{0,-12} {1,-20} {2,7} {3,7} {4,8} {5,10}", "scene", "label", "queries", "found", "random", "region IoU"));
        foreach (var scene in report.Scenes)
        {
            foreach (var l in scene.Labels)
                output.WriteLine(string.Format(c, "{0,-12} {1,-20} {2,7} {3,7:P0} {4,8:P1} {5,10:F2}", scene.Scene, l.Label, l.Queries, l.FoundRate, l.RandomRate, l.RegionIoU));
            output.WriteLine(string.Format(c, "{0,-12} {1,-20} {2,7} {3,7:P0} {4,8:P1} {5,10:F2}   (built and scored in {6:F0} s)",
                scene.Scene, "all queries", scene.Labels.Sum(l => l.Queries), scene.Rate, scene.RandomRate, scene.RegionIoU, scene.Seconds));
        }
        if (report.Skipped.Count > 0)
            output.WriteLine($"skipped (scene not in the shared folder): {string.Join(", ", report.Skipped)}");
        var r = report.Recognition;
        if (r.Total == 0)
        {
            output.WriteLine($"recognition: skipped, none of the real models is under {r.SharedFolder} (give the shared folder with --shared DIR)");
            return;
        }
        output.WriteLine(string.Create(c,
            $"recognition of real models among {r.Labels.Count} fixed labels ({string.Join(", ", r.Labels)}): top-1 {r.Top1} of {r.Total} (chance {r.ChanceTop1:P1})"));
        output.WriteLine(string.Format(c, "{0,-12} {1,-24} {2,5} {3,8}", "model", "answer", "rank", "seconds"));
        foreach (var m in r.Models)
            output.WriteLine(string.Format(c, "{0,-12} {1,-24} {2,5} {3,8:F1}", m.Label, $"{m.Best.Label} {m.Best.Probability:P0}", m.Rank + 1, m.Seconds));
    }

    /// <summary>What <c>clip3d eval</c> reports (also its JSON document).</summary>
    /// <param name="Preset">The build preset of the scene indexes.</param>
    /// <param name="Encoder">The encoder's kind.</param>
    /// <param name="EncoderSource">Where the encoder came from.</param>
    /// <param name="Scenes">The labelled scenes scored.</param>
    /// <param name="Skipped">Shared scenes with a sidecar whose scene file is not under the shared folder.</param>
    /// <param name="Recognition">Recognition of the real models.</param>
    internal sealed record EvalReport(string Preset, string Encoder, string EncoderSource, IReadOnlyList<SceneReport> Scenes, IReadOnlyList<string> Skipped,
        RecognitionReport Recognition);

    /// <summary>One labelled scene: its localisation overall and per label.</summary>
    internal sealed record SceneReport(string Scene, string Path, double Seconds, double Rate, double RandomRate, double RegionIoU,
        IReadOnlyList<LabelLocalisation> Labels);

    /// <summary>Recognition of the real models among the fixed labels.</summary>
    internal sealed record RecognitionReport(string SharedFolder, IReadOnlyList<string> Labels, int Top1, int Total, double ChanceTop1,
        IReadOnlyList<ModelRecognitionResult> Models);
}
