using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Clip3D.Encoders;
using Clip3D.Views.Encoders;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d embed [--encoder default|DIR|FILE.c3dh] (--text T | --image FILE) [--json]</c>: one embedding from the built-in encoder or a CLIP model folder,
/// printed as space-separated numbers, or with <c>--json</c> a summary object.
/// </summary>
internal static class EmbedCommand
{
    /// <summary>How many leading values the JSON summary repeats in <c>first</c>.</summary>
    private const int FirstCount = 8;

    public static Command Create(CliOutput io)
    {
        var encoder = new Option<string>("--encoder")
        {
            HelpName = "default|DIR|FILE.c3dh",
            Description = "default (the built-in encoder, the default), a CLIP model folder (ONNX files, tokenizer, preprocessor_config.json), or a heads file from clip3d encoder train-default.",
            DefaultValueFactory = _ => EncoderFactory.DefaultEncoderName,
        };
        var text = new Option<string?>("--text") { Description = "Text to embed." };
        var image = new Option<string?>("--image") { Description = "Image file to embed (PNG, JPEG, BMP, …)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary (encoder, dimension, norm, first values, vector)." };
        var provider = new Option<string>("--provider") { Description = "cpu, cuda or auto (CUDA when it loads, else the CPU).", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int>("--threads") { Description = "CPU threads inside one operator; 0 = ONNX Runtime's choice.", DefaultValueFactory = _ => 0 };
        var command = new Command("embed", "Embed a text or an image with a CLIP model folder and print the unit vector.")
        {
            encoder, text, image, json, provider, threads,
        };
        command.Validators.Add(result =>
        {
            bool hasText = result.GetResult(text) is not null, hasImage = result.GetResult(image) is not null;
            if (hasText == hasImage)
                result.AddError("give exactly one of --text or --image");
        });
        command.SetAction(result =>
        {
            int threadCount = result.GetValue(threads);
            if (threadCount < 0) throw new CliInputException($"--threads: expected 0 or more, got {threadCount}");
            var options = OnnxEncoderOptions.Default with
            {
                ExecutionProvider = ParseProvider(result.GetValue(provider)!),
                IntraOpThreads = threadCount,
                BatchSize = 1,
                Log = io.Warning,
            };
            var imagePath = result.GetValue(image);
            // Decode first: a bad image is reported without waiting for the model to load.
            RgbImage? picture = null;
            if (imagePath is not null)
            {
                try
                {
                    picture = RgbImage.Load(imagePath);
                }
                catch (InvalidDataException e)
                {
                    throw new CliInputException(e.Message);
                }
            }
            using var model = Open(result.GetValue(encoder)!, options);
            var embedding = picture is not null
                ? model.EmbedImages([picture])[0].ToArray()
                : model.EmbedTexts([result.GetValue(text)!])[0].ToArray();
            if (result.GetValue(json))
                io.Out.WriteLine(JsonSerializer.Serialize(Summarize(model, embedding), CliJson.Options));
            else
                io.Out.WriteLine(Format(embedding));
            return CliApp.ExitOk;
        });
        return command;
    }

    internal static EmbeddingSummary Summarize(IImageTextEncoder encoder, float[] vector) => new(
        Encoder: new EncoderSummary(encoder.Identity.Kind, encoder.Identity.Source, encoder.Identity.ModelHash,
            encoder is OnnxClipEncoder onnx ? onnx.ExecutionProvider.ToString().ToLowerInvariant() : null),
        Dimension: vector.Length,
        Norm: Math.Sqrt(vector.Sum(v => (double)v * v)),
        First: vector.Take(FirstCount).ToArray(),
        Vector: vector);

    /// <summary>Space-separated, invariant culture, shortest round-trip form of each float.</summary>
    internal static string Format(float[] vector)
    {
        var text = new StringBuilder(vector.Length * 12);
        for (int i = 0; i < vector.Length; i++)
        {
            if (i > 0) text.Append(' ');
            text.Append(vector[i].ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    internal static IImageTextEncoder Open(string source, OnnxEncoderOptions options)
    {
        try
        {
            return EncoderFactory.Open(source, options);
        }
        catch (NotSupportedException e)
        {
            throw new CliInputException($"--encoder {source}: {e.Message}");
        }
    }

    private static OnnxExecutionProvider ParseProvider(string text) => text.ToLowerInvariant() switch
    {
        "cpu" => OnnxExecutionProvider.Cpu,
        "cuda" => OnnxExecutionProvider.Cuda,
        "auto" => OnnxExecutionProvider.Auto,
        _ => throw new CliInputException($"--provider: expected cpu, cuda or auto, got '{text}'"),
    };
}

internal sealed record EmbeddingSummary(EncoderSummary Encoder, int Dimension, double Norm, float[] First, float[] Vector);

internal sealed record EncoderSummary(string Kind, string Source, string ModelHash, string? ExecutionProvider);
