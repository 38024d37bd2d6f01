using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Clip3D.Encoders;
using Clip3D.Recognition;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d classify FILE --labels a,b,c [--encoder default|DIR] [--views N] [--json]</c>: what the whole model in FILE
/// is among the labels given — every label with its probability, best first (<see cref="ModelClassifier"/>: averaged
/// orbit views against a prompt ensemble, softmax at CLIP's logit scale 100).
/// </summary>
internal static class ClassifyCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("FILE") { Description = "A model: .obj, .gltf, .glb, .stl or .ply." };
        var labels = new Option<string>("--labels")
        {
            HelpName = "a,b,c", Description = "The candidate labels, comma-separated (at least two), e.g. cow,teapot,chair.", Required = true,
        };
        var encoder = new Option<string>("--encoder")
        {
            HelpName = "default|DIR|FILE.c3dh",
            Description = "default (the built-in encoder), a CLIP model folder, or a default-encoder heads file.",
            DefaultValueFactory = _ => EncoderFactory.DefaultEncoderName,
        };
        var views = new Option<int>("--views") { HelpName = "N", Description = "Orbit views to render and average.", DefaultValueFactory = _ => ClassifyOptions.Default.Views };
        var json = new Option<bool>("--json") { Description = "Print one JSON document: {\"model\", \"views\", \"seconds\", \"labels\": [{\"label\", \"probability\"}] best first}." };
        var command = new Command("classify", "Recognise a whole model: rank labels by probability.") { file, labels, encoder, views, json };
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(io, cancellationToken, result.GetValue(file)!,
            result.GetValue(labels)!, result.GetValue(encoder)!, result.GetValue(views), result.GetValue(json))));
        return command;
    }

    /// <summary>The labels of <c>--labels</c>: comma-separated, trimmed; at least two, none blank or repeated.</summary>
    /// <exception cref="CliInputException">The list is not usable; the message starts with <c>--labels:</c>.</exception>
    internal static IReadOnlyList<string> ParseLabels(string text)
    {
        var labels = text.Split(',').Select(l => l.Trim()).ToArray();
        if (labels.Any(l => l.Length == 0))
            throw new CliInputException($"--labels: expected comma-separated labels such as cow,teapot,chair, got '{text}' (a label is empty)");
        if (labels.Length < 2)
            throw new CliInputException($"--labels: expected at least two labels (probabilities are among the labels given), got '{text}'");
        var repeated = labels.GroupBy(l => l, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new CliInputException($"--labels: '{repeated.Key}' is given twice");
        return labels;
    }

    private static int Run(CliOutput io, CancellationToken cancellationToken, string file, string labelText, string encoderSource, int views, bool json)
    {
        var labels = ParseLabels(labelText);
        if (views < 1 || views > ClassifyOptions.MaxViews) throw new CliInputException($"--views: expected 1 to {ClassifyOptions.MaxViews}, got {views}");
        if (!File.Exists(file)) throw new CliInputException($"{file}: no such file");
        using var model = EmbedCommand.Open(encoderSource, OnnxEncoderOptions.Default);
        using var classifier = new ModelClassifier(model, ClassifyOptions.Default with { Views = views });
        var answer = classifier.Classify(file, labels, cancellationToken);
        if (json)
        {
            var document = new
            {
                model = Path.GetFullPath(file),
                encoder = new { kind = model.Identity.Kind, source = model.Identity.Source },
                views = answer.Views,
                seconds = answer.Seconds,
                labels = answer.Labels.Select(l => new { label = l.Label, probability = l.Probability }),
            };
            io.Out.WriteLine(JsonSerializer.Serialize(document, CliJson.Options));
            return CliApp.ExitOk;
        }
        foreach (var l in answer.Labels)
            io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{l.Label,-20} {l.Probability,7:P1}  (cosine {l.Cosine:F3})"));
        io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{answer.Views} views in {answer.Seconds:F1} s"));
        return CliApp.ExitOk;
    }
}
