using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clip3D.Encoders;
using Clip3D.Evaluation;
using Clip3D.Indexing;
using Clip3D.Mesh.Demo;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d build FILE -o X.c3d [--encoder default|DIR|FILE.c3dh] [--preset lite|default|big] [--views N] [--size WxH] [--points N] [--close-ups N] [--min-part-points N]
/// [--planner auto|orbit|interior] [--seed S] [--labels FILE] [--report] [--no-field] [--field-steps N] [--field-scale] [--no-cache]
/// [--max-triangles N] [--max-texture-pixels N] [--max-mesh-bytes SIZE] [--max-model-bytes SIZE] [--max-memory SIZE] [--quiet] [--json]</c>: builds a scene index
/// (render, embed crops, fuse onto surface points) and writes it atomically. <c>--report</c> scores the fused points
/// against the scene's ground truth (<c>&lt;scene&gt;.labels.json</c> beside it, or <c>--labels</c>). Progress goes to
/// standard error (<see cref="ConsoleProgress"/>); a cancelled build writes nothing.
/// </summary>
internal static class BuildCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("FILE") { Description = "A mesh or scene: .obj, .gltf, .glb, .stl or .ply." };
        var output = new Option<string>("--out", "-o") { HelpName = "X.c3d", Description = "Where to write the index.", Required = true };
        var encoder = new Option<string>("--encoder")
        {
            HelpName = "default|DIR|FILE.c3dh",
            Description = "default (the built-in encoder), a CLIP model folder, or a default-encoder heads file.",
            DefaultValueFactory = _ => EncoderFactory.DefaultEncoderName,
        };
        var preset = new Option<string>("--preset") { HelpName = "lite|default|big", Description = "Views and crop scales.", DefaultValueFactory = _ => "default" };
        var views = new Option<int?>("--views") { HelpName = "N", Description = "Views to render (default: 12, 24 or 48 by preset)." };
        var size = new Option<string>("--size")
        {
            HelpName = "W|WxH",
            Description = "View size in pixels (more pixels, sharper crops of small objects, same crop count).",
            DefaultValueFactory = _ => $"{BuildOptions.Default.ImageWidth}x{BuildOptions.Default.ImageHeight}",
        };
        var points = new Option<int>("--points") { HelpName = "N", Description = "Surface points to fuse onto.", DefaultValueFactory = _ => BuildOptions.Default.SurfacePoints };
        var closeUps = new Option<int?>("--close-ups") { HelpName = "N", Description = "Most close-up views of objects the planned views see only small (default: half of --views; 0 = none)." };
        var minPartPoints = new Option<int>("--min-part-points")
        {
            HelpName = "N",
            Description = "Top up every part to at least N surface points (at most a quarter more points; 0 = area only).",
            DefaultValueFactory = _ => BuildOptions.Default.MinPointsPerPart,
        };
        var planner = new Option<string>("--planner") { HelpName = "auto|orbit|interior", Description = "Camera placement; auto picks interior for room-sized scenes.", DefaultValueFactory = _ => "auto" };
        var seed = new Option<ulong>("--seed") { Description = "Seeds the surface samples and the cameras.", DefaultValueFactory = _ => 0 };
        var labels = new Option<string?>("--labels") { HelpName = "FILE", Description = "Ground truth for --report (default: <scene>.labels.json beside the scene)." };
        var report = new Option<bool>("--report") { Description = "Score the fused points against the ground truth: per-label precision of the most relevant points, beside a random baseline." };
        var noField = new Option<bool>("--no-field") { Description = "Do not train the neural field (the index answers on its fused points only)." };
        var fieldSteps = new Option<int?>("--field-steps") { HelpName = "N", Description = "Field training steps (default: 300, 1000 or 2000 by preset)." };
        var fieldScale = new Option<bool>("--field-scale")
        {
            Description = "Train the field on every crop scale with the scale as an input (LERF's scale-conditioned field); queries then pick the best scale. Costs more samples per point.",
        };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the per-view feature cache." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document (index, timings, and with --report the fusion scores); no progress on standard error." };
        var maxTriangles = new Option<long?>("--max-triangles") { HelpName = "N", Description = $"Refuse scenes with more triangles (default {ResourceLimits.Default.MaxTriangles:N0})." };
        var maxTexturePixels = new Option<long?>("--max-texture-pixels") { HelpName = "N", Description = "Do not decode textures with more pixels (warning; the material keeps its colour; default 8192×8192)." };
        var maxMeshBytes = new Option<string?>("--max-mesh-bytes") { HelpName = "SIZE", Description = "Refuse mesh, buffer and texture files over this size (512M, 2G, …; default 2,000,000,000 bytes)." };
        var maxModelBytes = new Option<string?>("--max-model-bytes") { HelpName = "SIZE", Description = "Refuse ONNX model files over this size (default 4G)." };
        var maxMemory = new Option<string?>("--max-memory") { HelpName = "SIZE", Description = "Plan the build to fit this much memory: lower view resolution, smaller encoder batches, fewer points, each with a warning (default: no limit)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bars, stage lines or log lines on standard error (errors still print)." };
        var command = new Command("build", "Build a scene index: render views, embed crops, fuse features onto the surface.")
        {
            file, output, encoder, preset, views, size, points, closeUps, minPartPoints, planner, seed, labels, report, noField, fieldSteps, fieldScale, noCache,
            maxTriangles, maxTexturePixels, maxMeshBytes, maxModelBytes, maxMemory, quiet, json,
        };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(io, cancellationToken,
            result.GetValue(file)!, result.GetValue(output)!, result.GetValue(encoder)!, result.GetValue(preset)!, result.GetValue(views), RenderCommand.ParseSize(result.GetValue(size)!),
            result.GetValue(points), (result.GetValue(closeUps), result.GetValue(minPartPoints), result.GetValue(fieldScale)), result.GetValue(planner)!, result.GetValue(seed), result.GetValue(labels), result.GetValue(report),
            result.GetValue(noField), result.GetValue(fieldSteps), result.GetValue(noCache),
            ParseLimits(result.GetValue(maxTriangles), result.GetValue(maxTexturePixels), result.GetValue(maxMeshBytes), result.GetValue(maxModelBytes), result.GetValue(maxMemory)),
            result.GetValue(quiet), result.GetValue(json))));
        return command;
    }

    private static int Run(CliOutput io, CancellationToken cancellationToken, string file, string output, string encoderSource,
        string presetName, int? views, (int Width, int Height) size, int points, (int? CloseUps, int MinPartPoints, bool FieldScale) extras, string plannerName, ulong seed, string? labelsPath, bool report, bool noField, int? fieldSteps, bool noCache, ResourceLimits limits, bool quiet, bool json)
    {
        var preset = presetName.ToLowerInvariant() switch
        {
            "lite" => BuildPreset.Lite,
            "default" => BuildPreset.Default,
            "big" => BuildPreset.Big,
            _ => throw new CliInputException($"--preset: expected lite, default or big, got '{presetName}'"),
        };
        var planner = plannerName.ToLowerInvariant() switch
        {
            "auto" => ViewPlanner.Auto,
            "orbit" => ViewPlanner.Orbit,
            "interior" => ViewPlanner.Interior,
            _ => throw new CliInputException($"--planner: expected auto, orbit or interior, got '{plannerName}'"),
        };
        if (!File.Exists(file)) throw new CliInputException($"{file}: no such file");
        if (views is < 1) throw new CliInputException($"--views: expected 1 or more, got {views}");
        if (fieldSteps is < 1) throw new CliInputException($"--field-steps: expected 1 or more, got {fieldSteps}");
        if (points < 1) throw new CliInputException($"--points: expected 1 or more, got {points}");
        if (extras.CloseUps is < 0) throw new CliInputException($"--close-ups: expected 0 or more, got {extras.CloseUps}");
        if (extras.MinPartPoints < 0) throw new CliInputException($"--min-part-points: expected 0 or more, got {extras.MinPartPoints}");
        if (extras.FieldScale && noField) throw new CliInputException("--field-scale: needs a field (drop --no-field)");
        var outFolder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        if (!Directory.Exists(outFolder)) throw new CliInputException($"--out: the folder {outFolder} does not exist");
        LabelsFile? truth = null;
        if (report)
        {
            labelsPath ??= Path.ChangeExtension(file, null) + ".labels.json";
            if (!File.Exists(labelsPath))
                throw new CliInputException($"--report: no ground truth at {labelsPath} (give one with --labels FILE)");
            truth = LabelsFile.Load(labelsPath);
        }

        using var progress = new ConsoleProgress(io.Err, ConsoleProgress.ModeFor(io, quiet || json));
        using var model = EmbedCommand.Open(encoderSource, limits.ApplyTo(Encoders.OnnxEncoderOptions.Default));
        var options = new BuildOptions
        {
            Preset = preset,
            Planner = planner,
            Views = views,
            ImageWidth = size.Width,
            ImageHeight = size.Height,
            SurfacePoints = points,
            CloseUpViews = extras.CloseUps,
            MinPointsPerPart = extras.MinPartPoints,
            Seed = seed,
            FeatureCacheDirectory = noCache ? "" : null,
            TrainField = !noField,
            FieldSteps = fieldSteps,
            FieldScale = extras.FieldScale,
            Limits = limits,
            // Memory-limit warnings print even with --quiet or --json: the build differs from what was asked.
            Log = quiet || json ? line => { if (line.StartsWith("warning:", StringComparison.Ordinal)) io.Err.WriteLine(line); } : progress.WriteLine,
        };
        using var index = SceneIndex.BuildAsync(file, model, options, progress, cancellationToken).GetAwaiter().GetResult();
        progress.Complete();
        var evaluation = truth is null ? null : FusionEvaluation.Evaluate(index, truth, cancellationToken: cancellationToken);
        var regions = truth is null || index.Field is null ? null : FieldEvaluation.RegionIoU(index, truth, cancellationToken: cancellationToken);
        var fieldReport = index.FieldReport;
        var localisation = truth is null ? null : LocalisationEvaluation.Evaluate(index, truth, cancellationToken: cancellationToken);
        // Written last, once nothing can be cancelled any more: a cancelled build leaves the file at --out as it was.
        cancellationToken.ThrowIfCancellationRequested();
        index.Save(output);
        long bytes = new FileInfo(output).Length;

        var t = index.Timings!;
        if (json)
        {
            var document = new
            {
                index = Path.GetFullPath(output),
                bytes,
                scene = index.Source,
                sceneHash = index.SceneHash,
                encoder = new { kind = model.Identity.Kind, source = model.Identity.Source, modelHash = model.Identity.ModelHash, dimension = model.Dimension },
                points = index.Points.Count,
                featuredPoints = index.Fused.FeaturedPointCount,
                fusedBytes = index.Fused.MemoryBytes,
                views = t.Views,
                closeUpViews = index.CloseUpViews,
                crops = t.Crops,
                cachedViews = t.CachedViews,
                timings = new { load = t.LoadSeconds, plan = t.PlanSeconds, views = t.ViewSeconds, fuse = t.FuseSeconds, field = t.FieldSeconds, total = t.TotalSeconds },
                fusion = evaluation,
                localisation,
                field = fieldReport is null ? null : new
                {
                    cosine = fieldReport.Cosine,
                    compressionCosine = fieldReport.CompressionCosine,
                    regionIoU = regions?.RegionIoU,
                    regionIoUPerLabel = regions?.PerLabel,
                    lossFirst = fieldReport.LossFirst,
                    lossLast = fieldReport.LossLast,
                    seconds = fieldReport.Seconds,
                    steps = fieldReport.Steps,
                    samplesPerSecond = fieldReport.SamplesPerSecond,
                    compressedDimension = fieldReport.CompressedDimension,
                    heldOutPoints = fieldReport.HeldOutPoints,
                    accelerator = fieldReport.Accelerator,
                },
            };
            io.Out.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
            return CliApp.ExitOk;
        }
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output} ({bytes / 1e6:F1} MB): {index.Points.Count} surface points, {index.Fused.FeaturedPointCount} seen; {t.Views} views ({index.CloseUpViews} close-ups, {t.CachedViews} from the cache), {t.Crops} crops embedded"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timings: load {t.LoadSeconds:F1} s, plan {t.PlanSeconds:F1} s, views {t.ViewSeconds:F1} s, fuse {t.FuseSeconds:F1} s, field {t.FieldSeconds:F1} s, total {t.TotalSeconds:F1} s"));
        if (fieldReport is not null)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"field: held-out cosine {fieldReport.Cosine:F3} (compression alone {fieldReport.CompressionCosine:F3}, K = {fieldReport.CompressedDimension}), loss {fieldReport.LossFirst:F3} → {fieldReport.LossLast:F3}, {fieldReport.Steps} steps in {fieldReport.Seconds:F0} s on {fieldReport.Accelerator}");
            if (regions is not null)
                line += string.Create(CultureInfo.InvariantCulture, $"; region IoU with the fused points {regions.RegionIoU:F3}");
            io.Out.WriteLine(line);
        }
        if (evaluation is not null)
        {
            foreach (var label in evaluation.PerLabel.Values)
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {label.Label,-18} precision {label.Precision:P0} (random {label.RandomPrecision:P1}, {label.ObjectPoints} points)"));
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fusion: mean precision {evaluation.Precision:P1}, random {evaluation.RandomPrecision:P1} ({evaluation.Precision / Math.Max(evaluation.RandomPrecision, 1e-9):F1}×)"));
        }
        if (localisation is not null)
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"queries: best hit inside the object's box for {localisation.Rate:P1} of {localisation.Queries.Count} labels and synonyms (random {localisation.RandomRate:P1}), region IoU {localisation.RegionIoU:F2}"));
        return CliApp.ExitOk;
    }

    /// <summary>The --max-* options as <see cref="ResourceLimits"/>; a bad value is one error naming its option.</summary>
    internal static ResourceLimits ParseLimits(long? maxTriangles, long? maxTexturePixels, string? maxMeshBytes, string? maxModelBytes, string? maxMemory)
    {
        long Size(string option, string text)
        {
            try
            {
                return ResourceLimits.ParseBytes(text);
            }
            catch (FormatException e)
            {
                throw new CliInputException($"{option}: {e.Message}");
            }
        }
        if (maxTriangles is < 1) throw new CliInputException($"--max-triangles: expected 1 or more, got {maxTriangles}");
        if (maxTexturePixels is < 1) throw new CliInputException($"--max-texture-pixels: expected 1 or more, got {maxTexturePixels}");
        var limits = ResourceLimits.Default;
        if (maxTriangles is { } triangles) limits = limits with { MaxTriangles = triangles };
        if (maxTexturePixels is { } pixels) limits = limits with { MaxTexturePixels = pixels };
        if (maxMeshBytes is not null) limits = limits with { MaxMeshFileBytes = Size("--max-mesh-bytes", maxMeshBytes) };
        if (maxModelBytes is not null) limits = limits with { MaxModelFileBytes = Size("--max-model-bytes", maxModelBytes) };
        if (maxMemory is not null) limits = limits with { MaxMemoryBytes = Size("--max-memory", maxMemory) };
        return limits;
    }
}
