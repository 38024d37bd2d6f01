using System.CommandLine;
using System.Globalization;
using Clip3D.Querying;
using Clip3D.Viewer;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d view FILE [--query TEXT] [--screenshot OUT.png --size WxH]</c>: the OpenGL viewer (Clip3D.Viewer) on a mesh or
/// a <c>.c3d</c> index. With <c>--screenshot</c> it draws one frame headlessly (EGL) and writes it; with
/// <c>--benchmark-frames N</c> it measures the headless frame rate; otherwise it opens a window (GLFW), or says in one
/// line that there is no display (exit 2).
/// </summary>
internal static class ViewCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("FILE") { Description = "A mesh or scene file (OBJ, glTF/GLB, STL, PLY) or a .c3d index." };
        var query = new Option<string?>("--query") { HelpName = "TEXT", Description = "Run this query first (needs a .c3d index) and show its heatmap, hits and colour bar." };
        var screenshot = new Option<string?>("--screenshot") { HelpName = "OUT.png", Description = "Draw one frame headlessly (EGL, no window) and write it as a PNG." };
        var size = new Option<string>("--size") { HelpName = "WxH", Description = "Frame (or window) size: W (square) or WxH.", DefaultValueFactory = _ => "1280x800" };
        var shading = new Option<string?>("--shading") { HelpName = "colour|normals|part-ids|relevancy", Description = "Shading mode (default colour, or relevancy after --query)." };
        var threshold = new Option<float?>("--threshold") { HelpName = "R", Description = "Heatmap threshold in [0, 1] (default: the answer's top 10% of points, at least 0.5)." };
        var source = new Option<string>("--source") { HelpName = "auto|fused|field|ensemble", Description = "Features the queries score.", DefaultValueFactory = _ => "auto" };
        var sceneFile = new Option<string?>("--scene") { HelpName = "FILE", Description = "The scene a .c3d index was built from, when it is not where the index says." };
        var views = new Option<bool>("--show-views") { Description = "Draw the camera frustums of the index's views." };
        var map = new Option<bool>("--show-map") { Description = "Draw the top-down map overlay." };
        var noHits = new Option<bool>("--no-hits") { Description = "Hide hit boxes and labels." };
        var keyShot = new Option<string?>("--screenshot-on-key") { HelpName = "OUT.png", Description = "Where F12 in the window writes the frame (default clip3d-view.png)." };
        var fps = new Option<int>("--fps") { HelpName = "N", Description = "Frame rate the window is paced to.", DefaultValueFactory = _ => ViewerWindowOptions.Default.TargetFramesPerSecond };
        var benchmark = new Option<int?>("--benchmark-frames") { HelpName = "N", Description = "Draw N headless frames (orbiting) and print the frame rate." };
        var up = new Option<string?>("--up") { Description = "Up axis of the file (y or z) for OBJ, PLY and STL." };
        var unit = new Option<float?>("--unit") { Description = "Metres per file unit for OBJ, PLY and STL." };
        var command = new Command("view", "Look at a mesh or an index in an OpenGL window, or write a headless screenshot.")
        {
            file, query, screenshot, size, shading, threshold, source, sceneFile, views, map, noHits, keyShot, fps, benchmark, up, unit,
        };
        command.SetAction(result =>
        {
            var (width, height) = RenderCommand.ParseSize(result.GetValue(size)!);
            var mode = ParseShading(result.GetValue(shading));
            var relevancySource = result.GetValue(source)!.ToLowerInvariant() switch
            {
                "auto" => RelevancySource.Auto,
                "fused" => RelevancySource.Fused,
                "field" => RelevancySource.Field,
                "ensemble" => RelevancySource.Ensemble,
                var other => throw new CliInputException($"--source: expected auto, fused, field or ensemble, got '{other}'"),
            };
            if (result.GetValue(threshold) is { } t && !(t >= 0 && t <= 1)) throw new CliInputException($"--threshold: expected a number in [0, 1], got {t}");
            if (result.GetValue(benchmark) is < 1) throw new CliInputException($"--benchmark-frames: expected 1 or more, got {result.GetValue(benchmark)}");
            int targetFps = result.GetValue(fps);
            if (targetFps is < 1 or > 1000) throw new CliInputException($"--fps: expected 1..1000, got {targetFps}");
            var screenshotPath = result.GetValue(screenshot);
            if (screenshotPath is not null) CheckPng("--screenshot", screenshotPath);
            var keyShotPath = result.GetValue(keyShot);
            if (keyShotPath is not null) CheckPng("--screenshot-on-key", keyShotPath);

            using var content = ViewerContent.Open(result.GetValue(file)!, result.GetValue(sceneFile), InspectCommand.ReadOptionsFrom(result.GetValue(up), result.GetValue(unit)));
            foreach (var warning in content.Scene.Warnings) io.Warning(warning);
            var session = new ViewerSession(content)
            {
                ShowViewFrustums = result.GetValue(views),
                ShowMap = result.GetValue(map),
                ShowHits = !result.GetValue(noHits),
            };
            var queryOptions = QueryOptions.Default with { Source = relevancySource };
            if (result.GetValue(query) is { } text)
            {
                if (string.IsNullOrWhiteSpace(text)) throw new CliInputException("--query: the query is empty");
                if (content.Index is null) throw new CliInputException($"--query: {content.Path} is a mesh; queries need its .c3d index (clip3d build)");
                var answer = session.RunQuery(text, queryOptions);
                io.Out.WriteLine(answer.Hits.Count == 0 ? $"\"{answer.Query}\": no hits" : string.Create(CultureInfo.InvariantCulture,
                    $"\"{answer.Query}\": {answer.Hits.Count} hits, best {answer.Hits[0].Label} {answer.Hits[0].Score:F3}"));
            }
            if (result.GetValue(threshold) is { } chosen) session.SetThreshold(chosen);
            if (mode is { } m) session.Mode = m;

            if (screenshotPath is not null || result.GetValue(benchmark) is not null)
            {
                using var viewer = new HeadlessViewer(session);
                io.Err.WriteLine("rendering with " + viewer.Description);
                if (result.GetValue(benchmark) is { } frames)
                {
                    double rate = viewer.MeasureFramesPerSecond(frames, width, height);
                    io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{frames} frames of {width}×{height}, {content.Scene.TriangleCount:N0} triangles: {rate:0.0} fps ({viewer.Description})"));
                }
                if (screenshotPath is not null)
                {
                    viewer.SavePng(screenshotPath, width, height);
                    io.Out.WriteLine($"wrote {screenshotPath} ({width}×{height})");
                }
                return CliApp.ExitOk;
            }
            try
            {
                ViewerWindow.Run(session, ViewerWindowOptions.Default with
                {
                    Width = width, Height = height, TargetFramesPerSecond = targetFps,
                    ScreenshotPath = keyShotPath ?? ViewerWindowOptions.Default.ScreenshotPath,
                    Log = line => io.Err.WriteLine(line),
                });
            }
            catch (DisplayUnavailableException e)
            {
                throw new CliInputException(e.Message);
            }
            return CliApp.ExitOk;
        });
        return command;
    }

    private static ShadingMode? ParseShading(string? name) => name?.ToLowerInvariant() switch
    {
        null => null,
        "colour" or "color" => ShadingMode.Colour,
        "normals" => ShadingMode.Normals,
        "part-ids" or "parts" => ShadingMode.PartIds,
        "relevancy" => ShadingMode.Relevancy,
        _ => throw new CliInputException($"--shading: expected colour, normals, part-ids or relevancy, got '{name}'"),
    };

    private static void CheckPng(string option, string path)
    {
        if (!path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new CliInputException($"{option}: expected a .png file, got '{path}'");
        if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path)))) throw new CliInputException($"{option}: the folder of {path} does not exist");
    }
}
