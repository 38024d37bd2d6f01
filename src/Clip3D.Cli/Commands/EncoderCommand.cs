using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clip3D.Encoders.Default;
using Clip3D.Encoders.Default.Training;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d encoder train-default --out FILE [--seed S] [--epochs N] [--augmentations K] [--max-emoji N]
/// [--renders N] [--cache DIR] [--json]</c>: trains the default encoder's alignment heads on the emoji pictures (installed with npm
/// into the cache on first use), writes them to FILE and prints the held-out retrieval numbers. Progress goes to
/// standard error.
/// </summary>
internal static class EncoderCommand
{
    public static Command Create(CliOutput io) => new("encoder", "Work with the built-in default encoder.") { CreateTrainDefault(io) };

    private static Command CreateTrainDefault(CliOutput io)
    {
        var output = new Option<string>("--out") { HelpName = "FILE", Description = "Where to write the trained heads (.c3dh).", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seeds the augmentations and the training.", DefaultValueFactory = _ => 0 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training pairs.", DefaultValueFactory = _ => AlignmentTrainingOptions.Default.Epochs };
        var augmentations = new Option<int>("--augmentations") { Description = "Augmented views of each training picture.", DefaultValueFactory = _ => 4 };
        var maxEmoji = new Option<int?>("--max-emoji") { HelpName = "N", Description = "Use at most N emoji, taken evenly through the list (default all kept)." };
        var renders = new Option<int>("--renders")
        {
            HelpName = "N",
            Description = "Also train on renders of N procedural objects (kind × colour labels; a quarter as many held-out pairs evaluated); default 0, none.",
            DefaultValueFactory = _ => 0,
        };
        var cache = new Option<string?>("--cache") { HelpName = "DIR", Description = "npm package cache; default $XDG_CACHE_HOME/clip3d or ~/.cache/clip3d." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var command = new Command("train-default",
            "Train the default encoder's alignment heads (ResNet18 + MiniLM towers, LiT-style) on emoji pictures and report held-out retrieval.")
        {
            output, seed, epochs, augmentations, maxEmoji, renders, cache, json,
        };
        command.SetAction(result =>
        {
            int epochCount = result.GetValue(epochs), views = result.GetValue(augmentations);
            int? emojiLimit = result.GetValue(maxEmoji);
            if (epochCount < 1) throw new CliInputException($"--epochs: expected 1 or more, got {epochCount}");
            if (views < 1) throw new CliInputException($"--augmentations: expected 1 or more, got {views}");
            int renderCount = result.GetValue(renders);
            if (renderCount < 0) throw new CliInputException($"--renders: expected 0 or more, got {renderCount}");
            if (emojiLimit is < 2) throw new CliInputException($"--max-emoji: expected 2 or more, got {emojiLimit}");
            var outPath = result.GetValue(output)!;
            var outFolder = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
            if (!Directory.Exists(outFolder)) throw new CliInputException($"--out: the folder {outFolder} does not exist");

            var npm = new NpmPackageCache(result.GetValue(cache));
            io.Err.WriteLine($"installing emoji-datasource {EmojiDataset.PackageVersion} into {npm.CacheRoot} (once)");
            EmojiDataset dataset;
            try
            {
                dataset = EmojiDataset.Install(npm);
            }
            catch (InvalidOperationException e)
            {
                throw new CliInputException(e.Message);
            }
            catch (InvalidDataException e)
            {
                throw new CliInputException(e.Message);
            }
            var training = DefaultEncoderTraining.Run(new DefaultTrainingOptions
            {
                OutputPath = outPath,
                Sources = [new EmojiImageSource(dataset, maxEmoji: emojiLimit)],
                RenderInstances = renderCount,
                Augmentations = views,
                Training = AlignmentTrainingOptions.Default with { Epochs = epochCount },
                Seed = result.GetValue(seed),
                Log = line => io.Err.WriteLine(line),
            });
            if (result.GetValue(json))
            {
                io.Out.WriteLine(JsonSerializer.Serialize(training, CliJson.Options));
            }
            else
            {
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {training.HeadsPath} ({training.HeadsBytes} bytes): {training.TrainingPairs} pairs from {training.TrainingImages} images of {training.TrainingLabels} labels, " +
                    $"final loss {training.EpochLosses[^1]:F4}; {training.EmbeddingSeconds:F0} s embedding, {training.TrainingSeconds:F0} s training, {training.TotalSeconds:F0} s in all"));
                foreach (var evaluation in training.Evaluations)
                    io.Out.WriteLine(DefaultEncoderTraining.Format(evaluation));
            }
            return CliApp.ExitOk;
        });
        return command;
    }
}
