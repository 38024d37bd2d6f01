using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clip3D.Views.Encoders;

namespace Clip3D.Encoders;

/// <summary>
/// A CLIP model folder as found on disk: which ONNX files embed images and texts, how they are fed, the image
/// size, the tokenizer and preprocessing files. <see cref="Detect"/> decides from file names and the ONNX files'
/// declared inputs and outputs only (never from the folder's name); see <see cref="ClipModelLayout"/> for the
/// layouts it knows.
/// </summary>
public sealed partial class ClipModelFolder
{
    /// <summary>CLIP's context length: tokens per text when the model does not fix it.</summary>
    public const int DefaultContextLength = 77;

    public const string PreprocessorConfigName = "preprocessor_config.json";

    private const string Expected =
        "expected vision_model.onnx + text_model.onnx (here or under onnx/), an optimum model.onnx with input_ids, pixel_values, " +
        "attention_mask → text_embeds, image_embeds, or two .onnx files with one output each, one taking a float [N,3,S,S] image " +
        "and one taking int32/int64 [N,L] token ids";

    private static readonly string[] TokenizerFileNames = ["tokenizer.json", "vocab.json", "merges.txt"];

    private ClipModelFolder(string path, ClipModelLayout layout, ClipOnnxModel imageModel, ClipOnnxModel textModel,
        ClipPreprocessOptions preprocessOptions, int? dimension, int contextLength, string? tokenizerFolder,
        IReadOnlyList<string> tokenizerFiles, string? preprocessorConfig, IReadOnlyList<string> notes)
    {
        Path = path;
        Layout = layout;
        ImageModel = imageModel;
        TextModel = textModel;
        PreprocessOptions = preprocessOptions;
        Dimension = dimension;
        ContextLength = contextLength;
        TokenizerFolder = tokenizerFolder;
        TokenizerFiles = tokenizerFiles;
        PreprocessorConfig = preprocessorConfig;
        Notes = notes;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    public ClipModelLayout Layout { get; }

    /// <summary>The file that embeds images.</summary>
    public ClipOnnxModel ImageModel { get; }

    /// <summary>The file that embeds texts (the same object as <see cref="ImageModel"/> for <see cref="ClipModelLayout.OptimumFull"/>).</summary>
    public ClipOnnxModel TextModel { get; }

    /// <summary>Side of the square images the model takes.</summary>
    public int ImageSize => PreprocessOptions.ImageSize;

    /// <summary>Image preprocessing: from <c>preprocessor_config.json</c> when present, else CLIP's at <see cref="ImageSize"/>.</summary>
    public ClipPreprocessOptions PreprocessOptions { get; }

    /// <summary>Embedding dimension when the files fix it, else null (the encoder finds it with a first run).</summary>
    public int? Dimension { get; }

    /// <summary>Tokens per text: the model's fixed token length, else <see cref="DefaultContextLength"/>.</summary>
    public int ContextLength { get; }

    /// <summary>The folder holding <c>tokenizer.json</c> or <c>vocab.json</c> + <c>merges.txt</c>; null: CLIP's built-in vocabulary.</summary>
    public string? TokenizerFolder { get; }

    /// <summary>The tokenizer files in <see cref="TokenizerFolder"/> (hashed into the identity).</summary>
    public IReadOnlyList<string> TokenizerFiles { get; }

    /// <summary>Full path of <c>preprocessor_config.json</c>, or null.</summary>
    public string? PreprocessorConfig { get; }

    /// <summary>Things worth a warning (e.g. a quantized variant was the only choice).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Every file the embeddings depend on, with its role, in a fixed order: what <see cref="ComputeModelHash"/> reads.</summary>
    public IReadOnlyList<(string Role, string File)> HashedFiles
    {
        get
        {
            var files = new List<(string, string)>();
            if (ReferenceEquals(ImageModel, TextModel))
                AddModel(files, "model", ImageModel);
            else
            {
                AddModel(files, "image-model", ImageModel);
                AddModel(files, "text-model", TextModel);
            }
            foreach (var file in TokenizerFiles)
                files.Add(("tokenizer/" + System.IO.Path.GetFileName(file), file));
            if (PreprocessorConfig is not null)
                files.Add((PreprocessorConfigName, PreprocessorConfig));
            return files;

            static void AddModel(List<(string, string)> files, string role, ClipOnnxModel model)
            {
                files.Add((role, model.File));
                foreach (var data in model.Signature.ExternalDataFiles)
                    files.Add((role + "/external-data/" + System.IO.Path.GetFileName(data), data));
            }
        }
    }

    /// <summary>
    /// SHA-256 (lower-case hex) over <see cref="HashedFiles"/>: each file's role, length and bytes. File contents,
    /// not paths, decide it, so a moved or copied folder keeps its hash.
    /// </summary>
    public string ComputeModelHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (TokenizerFolder is null)
            hash.AppendData("tokenizer:built-in\n"u8);
        var buffer = new byte[1 << 20];
        foreach (var (role, file) in HashedFiles)
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                hash.AppendData(Encoding.UTF8.GetBytes($"{role}\n{stream.Length}\n"));
                int read;
                while ((read = stream.Read(buffer)) > 0)
                    hash.AppendData(buffer, 0, read);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ModelFolderException(file, $"{file}: cannot be read ({e.Message})", e);
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public override string ToString() => ReferenceEquals(ImageModel, TextModel)
        ? $"{Path}: {Layout}, {Relative(ImageModel.File)}, {ImageSize}×{ImageSize} images, {ContextLength} tokens"
        : $"{Path}: {Layout}, images {Relative(ImageModel.File)}, texts {Relative(TextModel.File)}, {ImageSize}×{ImageSize} images, {ContextLength} tokens";

    private string Relative(string file) => System.IO.Path.GetRelativePath(Path, file);

    /// <summary>
    /// Finds the CLIP model in <paramref name="path"/> (a folder; ONNX files in it or under <c>onnx/</c>).
    /// Throws <see cref="ModelFolderException"/> with one line naming what was found and what was expected when the
    /// folder holds no layout Clip3D knows, when an ONNX file does not parse, or when the image size is unknown.
    /// </summary>
    public static ClipModelFolder Detect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        if (File.Exists(root))
            throw new ModelFolderException(root, $"{root}: is a file; expected a folder holding the model's ONNX files");
        if (!Directory.Exists(root))
            throw new ModelFolderException(root, $"{root}: folder not found");

        var modelDirs = new List<string> { root };
        var onnxDir = System.IO.Path.Combine(root, "onnx");
        if (Directory.Exists(onnxDir)) modelDirs.Add(onnxDir);

        var models = new List<ClipOnnxModel>();
        var rejected = new Dictionary<string, string>(StringComparer.Ordinal);
        var signatures = new Dictionary<string, OnnxModelSignature>(StringComparer.Ordinal);
        foreach (var file in modelDirs.SelectMany(OnnxFiles))
        {
            var signature = OnnxModelSignature.Read(file); // a file that does not parse stops here, named
            signatures[file] = signature;
            if (ClipOnnxModel.Classify(signature, out var reason) is { } model)
                models.Add(model);
            else
                rejected[file] = reason!;
        }

        var imageOnly = models.Where(m => m.HasImageTower && !m.HasTextTower).ToList();
        var textOnly = models.Where(m => m.HasTextTower && !m.HasImageTower).ToList();
        var full = models.Where(m => m.HasImageTower && m.HasTextTower).ToList();
        var notes = new List<string>();

        ClipModelLayout layout;
        ClipOnnxModel image, text;
        if (imageOnly.Count > 0 && textOnly.Count > 0)
        {
            image = Preferred(root, imageOnly, "vision_model", "image", notes);
            text = Preferred(root, textOnly, "text_model", "text", notes);
            layout = BaseName(image.File).StartsWith("vision_model", StringComparison.Ordinal)
                     && BaseName(text.File).StartsWith("text_model", StringComparison.Ordinal)
                ? ClipModelLayout.HuggingFaceSplit
                : ClipModelLayout.SeparateImageText;
        }
        else if (full.Count > 0)
        {
            image = text = Preferred(root, full, "model", "full", notes);
            layout = ClipModelLayout.OptimumFull;
        }
        else
        {
            var missing = imageOnly.Count > 0 ? " (an image model but no text model)" : textOnly.Count > 0 ? " (a text model but no image model)" : "";
            throw new ModelFolderException(root,
                $"{root}: no CLIP model found{missing}: found {Inventory(root, modelDirs, signatures, rejected)}; {Expected}");
        }

        foreach (var model in image == text ? [image] : new[] { image, text })
            foreach (var data in model.Signature.ExternalDataFiles)
                if (!File.Exists(data))
                    throw new ModelFolderException(model.File, $"{model.File}: its weights are in {data}, which is missing");

        var auxDirs = new List<string>(modelDirs);
        if (System.IO.Path.GetFileName(root) == "onnx" && System.IO.Path.GetDirectoryName(root) is { } parent)
            auxDirs.Add(parent); // the user named the onnx/ folder itself: tokenizer and config sit one up
        var tokenizerFolder = auxDirs.FirstOrDefault(d =>
            File.Exists(System.IO.Path.Combine(d, "tokenizer.json"))
            || (File.Exists(System.IO.Path.Combine(d, "vocab.json")) && File.Exists(System.IO.Path.Combine(d, "merges.txt"))));
        var tokenizerFiles = tokenizerFolder is null
            ? []
            : TokenizerFileNames.Select(n => System.IO.Path.Combine(tokenizerFolder, n)).Where(File.Exists).ToArray();
        var preprocessorConfig = auxDirs.Select(d => System.IO.Path.Combine(d, PreprocessorConfigName)).FirstOrDefault(File.Exists);

        var preprocess = ResolvePreprocessing(image, preprocessorConfig);
        int contextLength = text.FixedTextLength ?? DefaultContextLength;
        if (contextLength < 3)
            throw new ModelFolderException(text.File, $"{text.File}: token input {text.IdsInput} holds {contextLength} tokens; CLIP needs at least start, one token and end");
        int? imageDimension = image.ImageOutput!.FixedDimension(1), textDimension = text.TextOutput!.FixedDimension(1);
        if (imageDimension is int a && textDimension is int b && a != b)
            throw new ModelFolderException(root, $"{root}: {System.IO.Path.GetFileName(image.File)} makes {a}-d embeddings but {System.IO.Path.GetFileName(text.File)} makes {b}-d ones");

        return new ClipModelFolder(root, layout, image, text, preprocess, imageDimension ?? textDimension, contextLength,
            tokenizerFolder, tokenizerFiles, preprocessorConfig, notes);
    }

    private static ClipPreprocessOptions ResolvePreprocessing(ClipOnnxModel image, string? preprocessorConfig)
    {
        var pixels = image.PixelInput!;
        int? height = pixels.FixedDimension(2), width = pixels.FixedDimension(3);
        if (height is int h && width is int w && h != w)
            throw new ModelFolderException(image.File, $"{image.File}: image input {pixels} is not square; CLIP models take S×S images");
        int? modelSize = height ?? width;
        if (preprocessorConfig is null)
        {
            if (modelSize is null)
                throw new ModelFolderException(image.File,
                    $"{image.File}: image input {pixels} does not fix the image size and there is no {PreprocessorConfigName} beside it to say it");
            return ClipPreprocessOptions.Default with { ImageSize = modelSize.Value };
        }
        ClipPreprocessOptions options;
        try
        {
            options = ClipPreprocessOptions.FromPreprocessorConfig(preprocessorConfig);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or IOException or FormatException
                                      or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
        {
            var message = e.Message.StartsWith(preprocessorConfig, StringComparison.Ordinal) ? e.Message : $"{preprocessorConfig}: {e.Message}";
            throw new ModelFolderException(preprocessorConfig, message, e);
        }
        if (modelSize is int size && options.ImageSize != size)
            throw new ModelFolderException(preprocessorConfig,
                $"{preprocessorConfig}: says {options.ImageSize}×{options.ImageSize} images but {image.File} takes {pixels}");
        return options;
    }

    /// <summary>
    /// The one file to use among candidates of a role: the exact Hugging Face name first, then names without a
    /// quantization/precision marker, then the rest; a tie at the best rank is ambiguous.
    /// </summary>
    private static ClipOnnxModel Preferred(string root, List<ClipOnnxModel> candidates, string canonicalName, string role, List<string> notes)
    {
        var ranked = candidates.GroupBy(m => Rank(BaseName(m.File), canonicalName)).OrderBy(g => g.Key).First().ToList();
        if (ranked.Count > 1)
            throw new ModelFolderException(root,
                $"{root}: several {role} models ({string.Join(", ", ranked.Select(m => System.IO.Path.GetRelativePath(root, m.File)))}); " +
                $"keep one, or name the one to use {canonicalName}.onnx");
        var chosen = ranked[0];
        if (VariantMarker().IsMatch(BaseName(chosen.File)))
            notes.Add($"{System.IO.Path.GetRelativePath(root, chosen.File)}: using a quantized or reduced-precision variant (no full-precision {role} model found); embeddings differ slightly from the reference");
        return chosen;
    }

    private static int Rank(string baseName, string canonicalName) =>
        baseName == canonicalName ? 0 : VariantMarker().IsMatch(baseName) ? 2 : 1;

    private static string BaseName(string file) => System.IO.Path.GetFileNameWithoutExtension(file).ToLowerInvariant();

    [GeneratedRegex(@"(^|[_.\-])(quantized|quant|int8|uint8|int4|q4|q4f16|q8|fp16|f16|bnb4)($|[_.\-])")]
    private static partial Regex VariantMarker();

    private static IEnumerable<string> OnnxFiles(string dir) =>
        Directory.EnumerateFiles(dir)
            .Where(f => f.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    /// <summary>What the folder holds, for the one-line message: names, and each ONNX file's inputs → outputs.</summary>
    private static string Inventory(string root, List<string> modelDirs, Dictionary<string, OnnxModelSignature> signatures,
        Dictionary<string, string> rejected)
    {
        const int maxItems = 20;
        var items = new List<string>();
        foreach (var dir in modelDirs)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
            {
                var name = System.IO.Path.GetRelativePath(root, entry);
                if (Directory.Exists(entry)) name += "/";
                if (signatures.TryGetValue(entry, out var signature))
                    name += rejected.TryGetValue(entry, out var reason)
                        ? $" ({signature}: {reason})"
                        : $" ({signature})";
                items.Add(name);
            }
        }
        if (items.Count == 0)
            return "an empty folder";
        var shown = items.Take(maxItems).ToList();
        if (items.Count > maxItems) shown.Add($"and {items.Count - maxItems} more");
        return string.Join(", ", shown);
    }
}
