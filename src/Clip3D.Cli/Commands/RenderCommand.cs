using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Export;
using Clip3D.Views.Geometry;
using Clip3D.Views.Rendering;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d render FILE --views N --size W|WxH --planner orbit|interior|PATH.json -o DIR</c>: headless views with
/// colour, depth (.npy metres and 16-bit PNG millimetres), part ids and nerfstudio's transforms.json.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("FILE") { Description = "A mesh or scene file: OBJ, glTF/GLB, STL or PLY." };
        var views = new Option<int>("--views") { Description = "Number of views (orbit), or viewpoints × yaws (interior).", DefaultValueFactory = _ => 24 };
        var size = new Option<string>("--size") { Description = "Image size: W (square) or WxH.", DefaultValueFactory = _ => "512" };
        var planner = new Option<string>("--planner") { Description = "orbit, interior, or a camera path JSON file (Clip3D path or transforms.json).", DefaultValueFactory = _ => "orbit" };
        var output = new Option<string>("--out", "-o") { Description = "Output folder.", Required = true };
        var fov = new Option<float?>("--fov") { Description = "Vertical field of view in degrees (default 50 orbit, 70 interior)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the camera layout.", DefaultValueFactory = _ => 0UL };
        var unlit = new Option<bool>("--unlit") { Description = "Plain albedo colours, no lighting." };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary instead of text." };
        var up = new Option<string?>("--up") { Description = "Up axis of the file (y or z) for OBJ, PLY and STL." };
        var unit = new Option<float?>("--unit") { Description = "Metres per file unit for OBJ, PLY and STL." };
        var command = new Command("render", "Render views of a scene headlessly (EGL) and export colour, depth, part ids and transforms.json.")
        {
            file, views, size, planner, output, fov, seed, unlit, json, up, unit,
        };
        command.SetAction(result =>
        {
            var (width, height) = ParseSize(result.GetValue(size)!);
            int viewCount = result.GetValue(views);
            if (viewCount <= 0) throw new CliInputException($"--views: expected a positive number, got {viewCount}");
            var scene = SceneReader.Load(result.GetValue(file)!, InspectCommand.ReadOptionsFrom(result.GetValue(up), result.GetValue(unit)));
            foreach (var warning in scene.Warnings) io.Warning(warning);
            var cameras = PlanCameras(scene, result.GetValue(planner)!, viewCount, width, height, result.GetValue(fov), result.GetValue(seed));

            var clock = Stopwatch.StartNew();
            var options = RenderOptions.Default with
            {
                Lighting = result.GetValue(unlit) ? RenderLighting.Unlit : RenderOptions.Default.Lighting,
                Log = message => io.Err.WriteLine(message),
            };
            using var renderer = new HeadlessRenderer(options);
            renderer.Upload(scene);
            var export = new RenderExport(result.GetValue(output)!);
            // Files are encoded and written on a background thread while the next view renders (PNG encoding
            // costs about as much as rendering on llvmpipe). Writes stay in order, and at most two views wait.
            bool progress = io.ErrIsTerminal && !result.GetValue(json);
            var writes = new Queue<Task>();
            Task previous = Task.CompletedTask;
            for (int i = 0; i < cameras.Count; i++)
            {
                var view = renderer.Render(cameras[i]);
                var name = cameras[i].Name ?? $"frame_{i:D5}";
                var before = previous;
                previous = Task.Run(() => { before.GetAwaiter().GetResult(); export.Add(view, name); });
                writes.Enqueue(previous);
                while (writes.Count > 2) writes.Dequeue().GetAwaiter().GetResult();
                if (progress) io.Err.Write($"\rrendered {i + 1}/{cameras.Count}");
            }
            previous.GetAwaiter().GetResult();
            if (progress) io.Err.WriteLine();
            export.Finish(scene);
            double seconds = clock.Elapsed.TotalSeconds;
            if (result.GetValue(json))
                io.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    output = export.Folder, views = cameras.Count, width, height, renderer = renderer.Description,
                    seconds, viewsPerSecond = cameras.Count / seconds,
                }, CliJson.Options));
            else
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{cameras.Count} views of {width}×{height} in {seconds:0.0} s ({cameras.Count / seconds:0.0} views/s, {renderer.Description}) → {export.Folder}"));
            return CliApp.ExitOk;
        });
        return command;
    }

    internal static (int Width, int Height) ParseSize(string text)
    {
        var pieces = text.ToLowerInvariant().Split('x');
        if (pieces.Length is 1 or 2 && pieces.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 8192))
        {
            int w = int.Parse(pieces[0], CultureInfo.InvariantCulture);
            return (w, pieces.Length == 2 ? int.Parse(pieces[1], CultureInfo.InvariantCulture) : w);
        }
        throw new CliInputException($"--size: expected W or WxH with sides in 1..8192, got '{text}'");
    }

    private static IReadOnlyList<Camera> PlanCameras(Scene scene, string planner, int views, int width, int height, float? fov, ulong seed)
    {
        try
        {
            switch (planner)
            {
                case "orbit":
                    return OrbitPlanner.Plan(scene, OrbitOptions.Default with
                    {
                        Views = views, Width = width, Height = height, Seed = seed,
                        VerticalFovDegrees = fov ?? OrbitOptions.Default.VerticalFovDegrees,
                    });
                case "interior":
                {
                    int yaws = InteriorOptions.Default.YawsPerPosition;
                    var options = InteriorOptions.Default with
                    {
                        Positions = Math.Max(1, (views + yaws - 1) / yaws), YawsPerPosition = Math.Min(yaws, views),
                        Width = width, Height = height, Seed = seed,
                        VerticalFovDegrees = fov ?? InteriorOptions.Default.VerticalFovDegrees,
                    };
                    return InteriorPlanner.Plan(scene, new MeshRayCaster(scene), options).Take(views).ToArray();
                }
                default:
                    if (!planner.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !File.Exists(planner))
                        throw new CliInputException($"--planner: expected orbit, interior or a camera path .json file, got '{planner}'");
                    return CameraPathFile.Read(planner);
            }
        }
        catch (CameraFileException e)
        {
            throw new CliInputException(e.Message);
        }
    }
}
