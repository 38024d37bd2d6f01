using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Clip3D.Views.Encoders;
using Microsoft.ML.OnnxRuntime;

namespace Clip3D.Encoders;

/// <summary>
/// A CLIP encoder over a model folder's ONNX files (see <see cref="ClipModelFolder"/> for the layouts), run by
/// ONNX Runtime on the CPU or CUDA. Sessions are created once and reused; every method is thread-safe (ONNX
/// Runtime's <c>Run</c> is, and each call has its own buffers), <see cref="Dispose"/> included: it waits for the calls
/// running on other threads, and later calls throw <see cref="ObjectDisposedException"/>. Inputs and outputs go through <see cref="OrtValue"/>s
/// over managed memory: preprocessed pixels and token ids are handed to the runtime in place, and embeddings are
/// written straight into the result array. Embeddings are L2-normalised here (open_clip exports already normalise;
/// doing it again changes nothing).
/// </summary>
public sealed class OnnxClipEncoder : IImageTextEncoder
{
    /// <summary>The <see cref="EncoderIdentity.Kind"/> of these encoders.</summary>
    public const string IdentityKind = "clip-onnx";

    private const int StartToken = 49406;
    private const int EndToken = 49407;

    private readonly OnnxEncoderOptions _options;
    private readonly InferenceSession _imageSession;
    private readonly InferenceSession _textSession;
    private readonly OnnxSessionFactory _sessions;
    private readonly ClipTokenizer _tokenizer;
    private readonly ClipImagePreprocessor _preprocessor;
    private readonly int _pixelsPerImage;
    private readonly InFlightCalls _calls;

    /// <summary>Opens the model in <paramref name="folder"/> (see <see cref="ClipModelFolder.Detect"/>).</summary>
    public static OnnxClipEncoder Open(string folder, OnnxEncoderOptions? options = null) =>
        new(ClipModelFolder.Detect(folder), options);

    /// <summary>
    /// Creates the sessions for <paramref name="model"/>. Throws <see cref="ModelFolderException"/> naming the file
    /// when ONNX Runtime refuses a model or the tokenizer cannot be loaded. CUDA that cannot load is not an error:
    /// the encoder runs on the CPU and says why in <see cref="Warnings"/>.
    /// </summary>
    public OnnxClipEncoder(ClipModelFolder model, OnnxEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _calls = new InFlightCalls(this);
        _sessions = new OnnxSessionFactory(options);
        _options = _sessions.Options;
        Model = model;
        foreach (var note in model.Notes) _sessions.Warn(note);
        CheckFileSizes(model, _options.MaxModelFileBytes);
        try
        {
            _imageSession = CreateSession(model.ImageModel);
            _textSession = ReferenceEquals(model.TextModel, model.ImageModel) ? _imageSession : CreateSession(model.TextModel);
            ExecutionProvider = _sessions.ExecutionProvider;
            _tokenizer = LoadTokenizer(model);
            _preprocessor = new ClipImagePreprocessor(model.PreprocessOptions);
            _pixelsPerImage = 3 * model.ImageSize * model.ImageSize;
            Dimension = model.Dimension ?? ProbeDimension();
            Identity = new EncoderIdentity(IdentityKind, model.Path, model.ComputeModelHash(), Dimension);
        }
        catch
        {
            _sessions.Dispose();
            throw;
        }
    }

    /// <summary>The model folder this encoder runs.</summary>
    public ClipModelFolder Model { get; }

    public EncoderIdentity Identity { get; }

    public int Dimension { get; }

    public int ImageSize => Model.ImageSize;

    /// <summary>Tokens per text the model is fed (before padding is trimmed).</summary>
    public int ContextLength => Model.ContextLength;

    /// <summary>
    /// Where the sessions run: <see cref="OnnxExecutionProvider.Cuda"/> when CUDA was asked for (or found by
    /// <see cref="OnnxExecutionProvider.Auto"/>) and every session runs on it, else <see cref="OnnxExecutionProvider.Cpu"/>.
    /// </summary>
    public OnnxExecutionProvider ExecutionProvider { get; }

    /// <summary>Warnings from opening the model: CUDA fallbacks, quantized variants.</summary>
    public IReadOnlyList<string> Warnings => _sessions.Warnings;

    public EmbeddingBatch EmbedImages(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default)
    {
        using var call = _calls.Enter();
        ArgumentNullException.ThrowIfNull(images);
        int count = images.Count;
        var result = new float[count * Dimension];
        int chunk = Math.Min(_options.BatchSize, Math.Max(count, 1));
        // 32 images of 224² are 19 MB of floats: rented, not allocated on every call.
        var pixels = ArrayPool<float>.Shared.Rent(chunk * _pixelsPerImage);
        try
        {
            for (int start = 0; start < count; start += chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(chunk, count - start);
                Preprocess(images, start, n, pixels);
                RunImages(pixels.AsMemory(0, n * _pixelsPerImage), n, result.AsMemory(start * Dimension, n * Dimension), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(pixels);
        }
        EmbeddingBatch.NormalizeRows(result, Dimension);
        return new EmbeddingBatch(count, Dimension, result);
    }

    public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        using var call = _calls.Enter();
        ArgumentNullException.ThrowIfNull(texts);
        int count = texts.Count, width = ContextLength;
        var result = new float[count * Dimension];
        int chunk = Math.Min(_options.BatchSize, Math.Max(count, 1));
        var ids = new long[chunk * width];
        var mask = new long[chunk * width];
        for (int start = 0; start < count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(chunk, count - start);
            var slice = new string[n];
            for (int i = 0; i < n; i++)
                slice[i] = texts[start + i] ?? throw new ArgumentNullException(nameof(texts), $"Text {start + i} is null.");
            _tokenizer.EncodeBatch(slice, ids.AsSpan(0, n * width), mask.AsSpan(0, n * width), width);
            RunTexts(ids, mask, width, n, result.AsMemory(start * Dimension, n * Dimension), cancellationToken);
        }
        EmbeddingBatch.NormalizeRows(result, Dimension);
        return new EmbeddingBatch(count, Dimension, result);
    }

    /// <summary>
    /// Embeds images already preprocessed: <paramref name="count"/> × [3, <see cref="ImageSize"/>, <see cref="ImageSize"/>]
    /// floats, channels first, normalised as the model expects. The memory is handed to ONNX Runtime as it is.
    /// </summary>
    public EmbeddingBatch EmbedPixels(ReadOnlyMemory<float> pixels, int count, CancellationToken cancellationToken = default)
    {
        using var call = _calls.Enter();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (pixels.Length != (long)count * _pixelsPerImage)
            throw new ArgumentException($"Expected {count}×3×{ImageSize}×{ImageSize} = {(long)count * _pixelsPerImage} floats, got {pixels.Length}.", nameof(pixels));
        var result = new float[count * Dimension];
        for (int start = 0; start < count; start += _options.BatchSize)
        {
            int n = Math.Min(_options.BatchSize, count - start);
            RunImages(pixels.Slice(start * _pixelsPerImage, n * _pixelsPerImage), n, result.AsMemory(start * Dimension, n * Dimension), cancellationToken);
        }
        EmbeddingBatch.NormalizeRows(result, Dimension);
        return new EmbeddingBatch(count, Dimension, result);
    }

    /// <summary>
    /// Embeds texts already tokenised: <paramref name="count"/> rows of token ids and attention masks (1 for a
    /// token, 0 for padding), each row as wide as the spans' length ÷ count, at most <see cref="ContextLength"/>
    /// when the model fixes it (shorter rows are padded).
    /// </summary>
    public EmbeddingBatch EmbedTokens(ReadOnlySpan<long> ids, ReadOnlySpan<long> attentionMask, int count, CancellationToken cancellationToken = default)
    {
        using var call = _calls.Enter();
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
            return new EmbeddingBatch(0, Dimension, []);
        if (ids.Length % count != 0 || ids.Length == 0)
            throw new ArgumentException($"{ids.Length} token ids do not split into {count} equal rows.", nameof(ids));
        if (attentionMask.Length != ids.Length)
            throw new ArgumentException($"The attention mask has {attentionMask.Length} values for {ids.Length} token ids.", nameof(attentionMask));
        int width = ids.Length / count;
        if (Model.TextModel.FixedTextLength is int fixedLength && width > fixedLength)
            throw new ArgumentException($"Rows of {width} tokens are longer than the {fixedLength} the model takes.", nameof(ids));
        var idArray = ids.ToArray();
        var maskArray = attentionMask.ToArray();
        var result = new float[count * Dimension];
        RunTexts(idArray, maskArray, width, count, result, cancellationToken);
        EmbeddingBatch.NormalizeRows(result, Dimension);
        return new EmbeddingBatch(count, Dimension, result);
    }

    /// <summary>
    /// Frees the sessions once the calls running on other threads have ended (it waits for them); calls made after it
    /// throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (_calls.Close())
            _sessions.Dispose();
    }

    public override string ToString() => $"{Identity} on {ExecutionProvider}";

    private void Preprocess(IReadOnlyList<RgbImage> images, int start, int count, float[] pixels)
    {
        for (int i = 0; i < count; i++)
            ArgumentNullException.ThrowIfNull(images[start + i], nameof(images));
        try
        {
            // Resizing is per image and independent: spread it over the cores while the runtime is idle.
            Parallel.For(0, count, i => _preprocessor.Preprocess(images[start + i], pixels.AsSpan(i * _pixelsPerImage, _pixelsPerImage)));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Runs the image tower over <paramref name="count"/> preprocessed images into <paramref name="output"/> (count × D).</summary>
    private void RunImages(ReadOnlyMemory<float> pixels, int count, Memory<float> output, CancellationToken cancellationToken)
    {
        var model = Model.ImageModel;
        int step = model.FixedImageBatch ?? _options.BatchSize;
        for (int start = 0; start < count; start += step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int valid = Math.Min(step, count - start);
            int batch = model.FixedImageBatch ?? valid;
            var input = pixels.Slice(start * _pixelsPerImage, valid * _pixelsPerImage);
            if (batch > valid)
            {
                // A fixed batch bigger than what is left: fill with copies of the first image, keep the valid rows.
                var padded = new float[batch * _pixelsPerImage];
                for (int i = 0; i < batch; i++)
                    input.Span.Slice((i < valid ? i : 0) * _pixelsPerImage, _pixelsPerImage).CopyTo(padded.AsSpan(i * _pixelsPerImage));
                input = padded;
            }
            using var inputs = new RunInputs();
            inputs.Add(model.PixelInput!.Name, OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                MemoryMarshal.AsMemory(input), [batch, 3, ImageSize, ImageSize]));
            if (model.IdsInput is not null)
                AddPlaceholderText(inputs, model); // optimum's full model wants texts too; their output is not fetched
            RunValidRows(_imageSession, model, inputs, model.ImageOutput!.Name, output.Slice(start * Dimension, valid * Dimension), batch, valid);
        }
    }

    /// <summary>Runs the text tower over <paramref name="count"/> rows of <paramref name="width"/> tokens into <paramref name="output"/> (count × D).</summary>
    private void RunTexts(long[] ids, long[] mask, int width, int count, Memory<float> output, CancellationToken cancellationToken)
    {
        var model = Model.TextModel;
        int step = model.FixedTextBatch ?? _options.BatchSize;
        for (int start = 0; start < count; start += step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int valid = Math.Min(step, count - start);
            int batch = model.FixedTextBatch ?? valid;
            int length = model.FixedTextLength ?? (_options.TrimTextPadding ? UsedLength(mask, width, start, valid) : width);
            using var inputs = new RunInputs();
            inputs.Add(model.IdsInput!.Name, IntegerTensor(model.IdsInput.ElementType, ids, width, start, valid, batch, length));
            if (model.MaskInput is not null)
                inputs.Add(model.MaskInput.Name, IntegerTensor(model.MaskInput.ElementType, mask, width, start, valid, batch, length));
            if (model.PixelInput is not null)
                AddPlaceholderImage(inputs, model); // optimum's full model wants an image too; its output is not fetched
            RunValidRows(_textSession, model, inputs, model.TextOutput!.Name, output.Slice(start * Dimension, valid * Dimension), batch, valid);
        }
    }

    /// <summary>
    /// Runs a batch of <paramref name="batch"/> rows of which the first <paramref name="valid"/> are real (a fixed
    /// batch size pads the rest) and writes those rows' embeddings to <paramref name="destination"/>.
    /// </summary>
    private void RunValidRows(InferenceSession session, ClipOnnxModel model, RunInputs inputs, string outputName,
        Memory<float> destination, int batch, int valid)
    {
        if (batch == valid)
        {
            Run(session, model, inputs, outputName, destination, batch);
            return;
        }
        var all = new float[batch * Dimension];
        Run(session, model, inputs, outputName, all, batch);
        all.AsSpan(0, valid * Dimension).CopyTo(destination.Span);
    }

    /// <summary>The longest row's length up to its last attended token: the rest is padding for every row.</summary>
    private static int UsedLength(long[] mask, int width, int start, int count)
    {
        int used = 1;
        for (int row = start; row < start + count; row++)
        {
            var span = mask.AsSpan(row * width, width);
            int last = span.LastIndexOfAnyExcept(0L);
            used = Math.Max(used, last + 1);
        }
        return used;
    }

    /// <summary>
    /// Rows [start, start+valid) of a row-major token matrix as a [batch, length] tensor of the model's integer type:
    /// rows cut or zero-padded to <paramref name="length"/>, rows past <paramref name="valid"/> repeating the first.
    /// An int64 tensor that needs no reshaping is handed over in place.
    /// </summary>
    private static OrtValue IntegerTensor(OnnxElementType type, long[] source, int width, int start, int valid, int batch, int length)
    {
        if (type == OnnxElementType.Int64 && length == width && batch == valid)
            return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, source.AsMemory(start * width, valid * width), [batch, length]);
        int copied = Math.Min(length, width);
        if (type == OnnxElementType.Int64)
        {
            var data = new long[batch * length];
            for (int r = 0; r < batch; r++)
                source.AsSpan((start + (r < valid ? r : 0)) * width, copied).CopyTo(data.AsSpan(r * length));
            return OrtValue.CreateTensorValueFromMemory(data, [batch, length]);
        }
        var narrow = new int[batch * length];
        for (int r = 0; r < batch; r++)
        {
            var from = source.AsSpan((start + (r < valid ? r : 0)) * width, copied);
            var to = narrow.AsSpan(r * length, copied);
            for (int i = 0; i < copied; i++)
                to[i] = checked((int)from[i]);
        }
        return OrtValue.CreateTensorValueFromMemory(narrow, [batch, length]);
    }

    private void AddPlaceholderText(RunInputs inputs, ClipOnnxModel model)
    {
        int batch = model.FixedTextBatch ?? 1, length = model.FixedTextLength ?? 2;
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        for (int r = 0; r < batch; r++)
        {
            ids[r * length] = StartToken;
            ids[r * length + 1] = EndToken;
            mask[r * length] = mask[r * length + 1] = 1;
        }
        inputs.Add(model.IdsInput!.Name, IntegerTensor(model.IdsInput.ElementType, ids, length, 0, batch, batch, length));
        if (model.MaskInput is not null)
            inputs.Add(model.MaskInput.Name, IntegerTensor(model.MaskInput.ElementType, mask, length, 0, batch, batch, length));
    }

    private void AddPlaceholderImage(RunInputs inputs, ClipOnnxModel model)
    {
        int batch = model.FixedImageBatch ?? 1;
        inputs.Add(model.PixelInput!.Name, OrtValue.CreateTensorValueFromMemory(new float[batch * _pixelsPerImage], [batch, 3, ImageSize, ImageSize]));
    }

    private void Run(InferenceSession session, ClipOnnxModel model, RunInputs inputs, string outputName, Memory<float> output, int batch)
    {
        using var outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, [batch, Dimension]);
        using var runOptions = new RunOptions();
        try
        {
            session.Run(runOptions, inputs.Names, inputs.Values, [outputName], [outputValue]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFolderException(model.File, $"{model.File}: ONNX Runtime failed to run it: {OnnxSessionFactory.FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The embedding dimension of models that leave it dynamic: one text through the text tower.</summary>
    private int ProbeDimension()
    {
        var model = Model.TextModel;
        int width = model.FixedTextLength ?? 2;
        var ids = new long[width];
        var mask = new long[width];
        ids[0] = StartToken;
        ids[1] = EndToken;
        mask[0] = mask[1] = 1;
        int batch = model.FixedTextBatch ?? 1;
        using var inputs = new RunInputs();
        inputs.Add(model.IdsInput!.Name, IntegerTensor(model.IdsInput.ElementType, ids, width, 0, 1, batch, width));
        if (model.MaskInput is not null)
            inputs.Add(model.MaskInput.Name, IntegerTensor(model.MaskInput.ElementType, mask, width, 0, 1, batch, width));
        if (model.PixelInput is not null)
            AddPlaceholderImage(inputs, model);
        using var runOptions = new RunOptions();
        try
        {
            using var results = _textSession.Run(runOptions, inputs.Names, inputs.Values, [model.TextOutput!.Name]);
            var shape = results[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 2 || shape[0] != batch || shape[1] < 1 || shape[1] > 1 << 20)
                throw new ModelFolderException(model.File, $"{model.File}: output {model.TextOutput.Name} has shape [{string.Join(",", shape)}]; expected [N,D] embeddings");
            return (int)shape[1];
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFolderException(model.File, $"{model.File}: ONNX Runtime failed to run it: {OnnxSessionFactory.FirstLine(e.Message)}", e);
        }
    }

    private InferenceSession CreateSession(ClipOnnxModel model)
    {
        var session = _sessions.Create(model.File);
        // The runtime's view of the inputs must be the one the folder was detected with, or runs would fail later.
        var expected = model.InputNames.Order(StringComparer.Ordinal).ToArray();
        var actual = session.InputMetadata.Keys.Order(StringComparer.Ordinal).ToArray();
        if (!expected.SequenceEqual(actual))
            throw new ModelFolderException(model.File,
                $"{model.File}: ONNX Runtime sees inputs [{string.Join(", ", actual)}] but the file declares [{string.Join(", ", expected)}]");
        return session;
    }

    private static ClipTokenizer LoadTokenizer(ClipModelFolder model)
    {
        if (model.TokenizerFolder is null)
            return ClipTokenizer.Default;
        try
        {
            return ClipTokenizer.Load(model.TokenizerFolder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException or FormatException
                                      or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
        {
            var message = e.Message.StartsWith(model.TokenizerFolder, StringComparison.Ordinal)
                ? e.Message
                : $"{model.TokenizerFolder}: the tokenizer cannot be loaded: {e.Message}";
            throw new ModelFolderException(model.TokenizerFolder, message, e);
        }
    }

    /// <summary>Named input values for one run, disposed together.</summary>
    private sealed class RunInputs : IDisposable
    {
        public List<string> Names { get; } = [];

        public List<OrtValue> Values { get; } = [];

        public void Add(string name, OrtValue value)
        {
            Names.Add(name);
            Values.Add(value);
        }

        public void Dispose()
        {
            foreach (var value in Values) value.Dispose();
        }
    }

    /// <summary>Refuses model files over the size limit before any session reads them.</summary>
    private void CheckFileSizes(ClipModelFolder model, long maxBytes)
    {
        var files = new[] { model.ImageModel, model.TextModel }.Distinct()
            .SelectMany(m => m.Signature.ExternalDataFiles.Prepend(m.File)).Distinct(StringComparer.Ordinal);
        foreach (var file in files)
        {
            long length = File.Exists(file) ? new FileInfo(file).Length : 0;
            if (length > maxBytes)
            {
                _sessions.Dispose();
                throw new ModelFolderException(file,
                    $"{file}: {length:N0} bytes is over the model file limit of {maxBytes:N0} bytes (OnnxEncoderOptions.MaxModelFileBytes, --max-model-bytes)");
            }
        }
    }
}
