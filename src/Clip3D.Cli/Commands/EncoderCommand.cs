using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clip3D.Encoders.Default;
using Clip3D.Encoders.Default.Training;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d encoder train-default --out FILE [--seed S] [--epochs N] [--augmentations K] [--max-emoji N]
/// [--renders N] [--cache DIR] [--eval-model FILE=LABEL]… [--text-head locked|learned] [--hidden N] [--json]</c>: trains the default encoder's alignment
/// heads on the emoji pictures (installed with npm into the cache on first use) and renders of procedural objects,
/// writes them to FILE and prints the held-out numbers. Progress goes to
/// standard error as log lines (the training reports no steps to draw a bar from). Ctrl-C cancels: before the heads are
/// written, FILE is left as it was.
/// </summary>
internal static class EncoderCommand
{
    /// <summary>The procedural objects the shipped heads were trained on (≥ 2,000 distinct instances, 8,000 renders).</summary>
    public const int DefaultRenderInstances = 2000;

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
            Description = "Also train on renders of N procedural objects, 4 views each (kind × colour labels; held-out pairs, viewpoints and layouts evaluated); 0 for none.",
            DefaultValueFactory = _ => DefaultRenderInstances,
        };
        var cache = new Option<string?>("--cache")
        {
            HelpName = "DIR",
            Description = "npm packages and the image features of earlier runs (features/, reused by runs with the same data and seed); default $XDG_CACHE_HOME/clip3d or ~/.cache/clip3d.",
        };
        var evalModels = new Option<string[]>("--eval-model")
        {
            HelpName = "FILE=LABEL",
            Description = "After training, render this model (any mesh format) from 8 orbit views and rank its label among the other evaluated models' labels. Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var hidden = new Option<int>("--hidden")
        {
            HelpName = "N",
            Description = "Width of a hidden layer in each projection head; default 0, linear heads.",
            DefaultValueFactory = _ => AlignmentTrainingOptions.Default.HiddenWidth,
        };
        var textHead = new Option<string>("--text-head")
        {
            HelpName = "locked|learned",
            Description = "locked (default): keep MiniLM's text space as it is (identity head, 384-d) and train only the image head, so words no caption used keep their meaning; learned: train a 256-d text head too.",
            DefaultValueFactory = _ => "locked",
        };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var command = new Command("train-default",
            "Train the default encoder's alignment heads (ResNet18 + MiniLM towers, LiT-style) on emoji pictures and report held-out retrieval.")
        {
            output, seed, epochs, augmentations, maxEmoji, renders, cache, evalModels, hidden, textHead, json,
        };
        command.SetAction((result, cancellationToken) =>
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

            var models = new List<LabelledModel>();
            foreach (var spec in result.GetValue(evalModels) ?? [])
            {
                int equals = spec.LastIndexOf('=');
                if (equals <= 0 || equals == spec.Length - 1)
                    throw new CliInputException($"--eval-model: expected FILE=LABEL, got '{spec}'");
                var file = spec[..equals];
                if (!File.Exists(file)) throw new CliInputException($"--eval-model: {file}: no such file");
                models.Add(new LabelledModel(file, spec[(equals + 1)..]));
            }
            int hiddenWidth = result.GetValue(hidden);
            bool locked = result.GetValue(textHead)!.ToLowerInvariant() switch
            {
                "locked" => true,
                "learned" => false,
                var other => throw new CliInputException($"--text-head: expected locked or learned, got '{other}'"),
            };
            if (locked && hiddenWidth != 0) throw new CliInputException("--hidden needs --text-head learned (a locked text head is the identity)");
            if (hiddenWidth < 0) throw new CliInputException($"--hidden: expected 0 or more, got {hiddenWidth}");

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
                Training = locked
                    ? AlignmentTrainingOptions.Default with { Epochs = epochCount, HiddenWidth = hiddenWidth, LockText = true, SharedDimension = MiniLmTextTower.Dimension }
                    : AlignmentTrainingOptions.Default with { Epochs = epochCount, HiddenWidth = hiddenWidth },
                EvaluationModels = models,
                FeatureCacheDirectory = Path.Combine(npm.CacheRoot, "features"),
                Seed = result.GetValue(seed),
                Log = line => io.Err.WriteLine(line),
            }, cancellationToken);
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
                foreach (var evaluation in training.Recognition)
                    io.Out.WriteLine(DefaultEncoderTraining.Format(evaluation));
                foreach (var model in training.Models)
                    io.Out.WriteLine(DefaultEncoderTraining.Format(model));
            }
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }
}
