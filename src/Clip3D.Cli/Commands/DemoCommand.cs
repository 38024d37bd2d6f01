using System.CommandLine;
using System.Globalization;
using Clip3D.Encoders.Default;
using Clip3D.Export;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Querying;
using Clip3D.Viewer;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d demo [--scene room|tabletop] [--out DIR] [--views N] [--quiet]</c>: the main job on the built-in encoder, end to end —
/// builds the index of a demo scene (scenes/ of the repository, found above the working folder or clip3d's), answers a few queries with their hits, and writes the index, a heatmap
/// PLY per query and the viewer's screenshot of the first query into DIR (default out/demo). Progress goes to standard error (<see cref="ConsoleProgress"/>); the files
/// are written only once every answer is in, so a cancelled demo writes none.
/// </summary>
internal static class DemoCommand
{
    private static readonly Dictionary<string, string[]> Queries = new(StringComparer.Ordinal)
    {
        ["room"] = ["sofa", "a place to sleep", "television", "lamp"],
        ["tabletop"] = ["mug", "bottle", "plant", "laptop"],
    };

    /// <summary>scenes/NAME in the working folder or clip3d's folder, or in the nearest folder above either that has one.</summary>
    private static string? FindScene(string fileName)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "scenes", fileName);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    public static Command Create(CliOutput io)
    {
        var scene = new Option<string>("--scene") { HelpName = "room|tabletop", Description = "Which demo scene.", DefaultValueFactory = _ => "room" };
        var output = new Option<string>("--out") { HelpName = "DIR", Description = "Where the index and heatmaps go.", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var views = new Option<int?>("--views") { HelpName = "N", Description = "Views to render (default: the default preset's 24)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bars or stage lines on standard error (errors still print)." };
        var command = new Command("demo", "Build a demo scene's index with the built-in encoder and answer a few queries.") { scene, output, views, quiet };
        command.SetAction((result, cancellationToken) =>
        {
            var name = result.GetValue(scene)!.ToLowerInvariant();
            if (!Queries.TryGetValue(name, out var queries))
                throw new CliInputException($"--scene: expected room or tabletop, got '{result.GetValue(scene)}'");
            int? viewCount = result.GetValue(views);
            if (viewCount is < 1) throw new CliInputException($"--views: expected 1 or more, got {viewCount}");
            var file = FindScene(name + ".glb")
                ?? throw new CliInputException($"{name}.glb: no scenes/ folder with the demo scene above the working folder or clip3d's own");
            var folder = result.GetValue(output)!;
            Directory.CreateDirectory(folder);
            bool silent = result.GetValue(quiet);

            using var progress = new ConsoleProgress(io.Err, ConsoleProgress.ModeFor(io, silent));
            using var encoder = DefaultEncoder.Open();
            if (!silent) progress.WriteLine($"building {file} with the built-in encoder …");
            using var index = SceneIndex.BuildAsync(file, encoder, BuildOptions.Default with { Views = viewCount }, progress, cancellationToken)
                .GetAwaiter().GetResult();
            progress.Complete();
            var answers = queries.Select(query => index.Query(query, QueryOptions.Default with { MaxHits = 3 }, cancellationToken)).ToArray();
            // Written once every answer is in: a cancelled demo writes no file.
            cancellationToken.ThrowIfCancellationRequested();
            var indexPath = Path.Combine(folder, name + ".c3d");
            index.Save(indexPath);
            var t = index.Timings!;
            int closeUps = index.CloseUpViews;
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {t.Views - closeUps} views + {closeUps} close-ups, {index.Fused.FeaturedPointCount} of {index.Points.Count} surface points seen, built in {t.TotalSeconds:F0} s → {indexPath}"));
            foreach (var (query, answer) in queries.Zip(answers))
            {
                var heatmap = Path.Combine(folder, $"{name}-{query.Replace(' ', '-')}.ply");
                RelevancyPly.Write(heatmap, index.Points, answer.Relevancy, $"query: {query}");
                io.Out.WriteLine($"\"{query}\" ({Path.GetFileName(heatmap)}):");
                if (answer.Hits.Count == 0) io.Out.WriteLine("  no hits");
                foreach (var h in answer.Hits)
                    io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {h.Score:F3}  {h.Label,-16} at ({h.Position.X:F2}, {h.Position.Y:F2}, {h.Position.Z:F2}) m, {h.Points} points"));
            }
            // What the viewer shows for the first query (clip3d view INDEX --query TEXT), drawn headlessly.
            var screenshot = Path.Combine(folder, $"{name}-{queries[0].Replace(' ', '-')}.png");
            using (var content = ViewerContent.FromMemory(indexPath, SceneReader.Load(file), index))
            {
                var session = new ViewerSession(content);
                session.RunQuery(queries[0], QueryOptions.Default with { MaxHits = 3 });
                using var viewer = new HeadlessViewer(session);
                viewer.SavePng(screenshot, 1280, 800);
            }
            io.Out.WriteLine($"screenshot of \"{queries[0]}\": {screenshot} (clip3d view {indexPath} --scene {file} opens the window)");
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }
}
