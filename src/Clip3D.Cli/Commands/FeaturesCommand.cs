using System.CommandLine;
using System.Globalization;
using Clip3D.Export;
using Clip3D.Indexing;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d features X.c3d -o FEATURES.npy [--positions POSITIONS.npy]</c>: the index's per-point fused features
/// (pooled, float32 N×D, NaN rows for points no view saw) and optionally the points' positions (float32 N×3, world
/// frame, Z up, metres) as NumPy files, for users' own tools (<see cref="PointArraysNpy"/>).
/// </summary>
internal static class FeaturesCommand
{
    public static Command Create(CliOutput io)
    {
        var index = new Argument<string>("INDEX") { Description = "A .c3d index from clip3d build." };
        var output = new Option<string>("--out", "-o")
        {
            HelpName = "FEATURES.npy",
            Description = "Where to write the pooled fused features: float32, shape (N, D), rows of unseen points NaN.",
            Required = true,
        };
        var positions = new Option<string?>("--positions") { HelpName = "POSITIONS.npy", Description = "Also write the points' positions: float32, shape (N, 3), Z up, metres." };
        var command = new Command("features", "Write an index's per-point fused features (and positions) as .npy files.") { index, output, positions };
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetValue(index)!;
            var featuresPath = result.GetValue(output)!;
            var positionsPath = result.GetValue(positions);
            CheckNpy("-o", featuresPath);
            if (positionsPath is not null) CheckNpy("--positions", positionsPath);
            if (!File.Exists(path)) throw new CliInputException($"{path}: no such file");
            // Only the points and features: the encoder is not reopened (its model folder need not be here).
            var (points, fused) = SceneIndex.LoadPoints(path);
            cancellationToken.ThrowIfCancellationRequested();
            PointArraysNpy.WriteFeatures(featuresPath, fused);
            io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {featuresPath}: {fused.PointCount} × {fused.Dimension} float32, {fused.PointCount - fused.FeaturedPointCount} unseen rows NaN"));
            if (positionsPath is not null)
            {
                PointArraysNpy.WritePositions(positionsPath, points);
                io.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {positionsPath}: {points.Count} × 3 float32"));
            }
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }

    private static void CheckNpy(string option, string file)
    {
        if (!string.Equals(Path.GetExtension(file), ".npy", StringComparison.OrdinalIgnoreCase))
            throw new CliInputException($"{option}: {file} must end in .npy");
        if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(file))))
            throw new CliInputException($"{option}: the folder of {file} does not exist");
    }
}
