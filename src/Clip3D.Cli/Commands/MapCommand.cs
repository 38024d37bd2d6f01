using System.CommandLine;
using System.Globalization;
using Clip3D.Indexing;
using Clip3D.Navigation;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d map X.c3d TEXT -o DIR [--resolution M] [--floor Z]</c>: the top-down map of TEXT in the indexed scene, written
/// to DIR as <c>map.pgm</c> + <c>map.yaml</c> (ROS map_server's pair: occupancy in the robot's height band) and
/// <c>map.png</c> (relevancy over occupancy, for people).
/// </summary>
internal static class MapCommand
{
    public static Command Create(CliOutput io)
    {
        var index = new Argument<string>("INDEX") { Description = "A .c3d index from clip3d build." };
        var text = new Argument<string>("TEXT") { Description = "What to map the relevancy of, e.g. \"the sofa\"." };
        var output = new Option<string>("--out", "-o") { HelpName = "DIR", Description = "Folder for map.pgm, map.yaml and map.png (made if missing).", Required = true };
        var resolution = ResolutionOption();
        var floor = FloorOption();
        var command = new Command("map", "Write a top-down map of a query (ROS map_server PGM + YAML, and a coloured PNG).") { index, text, output, resolution, floor };
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetValue(index)!;
            var query = result.GetValue(text)!;
            if (string.IsNullOrWhiteSpace(query)) throw new CliInputException("TEXT: the query is empty");
            var options = MapOptions(result.GetValue(resolution), result.GetValue(floor));
            var folder = result.GetValue(output)!;
            if (File.Exists(folder)) throw new CliInputException($"--output: {folder} is a file, not a folder");
            if (!File.Exists(path)) throw new CliInputException($"{path}: no such file");
            using var scene = SceneIndex.Load(path);
            var map = TopDownMap.Build(scene, query, options, cancellationToken: cancellationToken);
            Directory.CreateDirectory(folder);
            RosMapFiles.Write(map, Path.Combine(folder, "map.pgm"), Path.Combine(folder, "map.yaml"));
            MapImage.WritePng(map, Path.Combine(folder, "map.png"));
            var (free, occupied, unknown) = map.Counts();
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {Path.Combine(folder, "map.pgm")}, map.yaml, map.png: {map.Width}×{map.Height} cells of {map.Resolution} m from ({map.Origin.X:F2}, {map.Origin.Y:F2}), floor at {map.FloorHeight:F2} m; {free} free, {occupied} occupied, {unknown} unknown"));
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }

    internal static Option<float?> ResolutionOption() => new("--resolution")
    {
        HelpName = "M",
        Description = "Cell edge in metres (default: three median point spacings, at least 0.05).",
    };

    internal static Option<float?> FloorOption() => new("--floor")
    {
        HelpName = "Z",
        Description = "Floor height in metres (default: estimated from the lowest upward-facing surface).",
    };

    /// <summary>The map options of the command line; a bad value is reported by its option's name.</summary>
    internal static TopDownMapOptions MapOptions(float? resolution, float? floor)
    {
        if (resolution is { } r && (!(r > 0) || !float.IsFinite(r))) throw new CliInputException($"--resolution: expected a cell edge above 0 m, got {r.ToString(CultureInfo.InvariantCulture)}");
        if (floor is { } f && !float.IsFinite(f)) throw new CliInputException($"--floor: expected a finite height, got {f.ToString(CultureInfo.InvariantCulture)}");
        return TopDownMapOptions.Default with { Resolution = resolution, FloorHeight = floor };
    }
}
