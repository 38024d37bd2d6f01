using System.Runtime.ExceptionServices;
using Clip3D.Views.Encoders;
using Microsoft.ML.OnnxRuntime;

namespace Clip3D.Encoders.Default;

/// <summary>
/// The default encoder's image tower: ImageNet-pretrained ResNet18 without its classifier, as ML.NET's
/// DnnImageFeaturizer ships it, run by ONNX Runtime. An image goes the way ML.NET's featurizer feeds it
/// (ResizeImages to 224×224 with an iso-crop, then ExtractPixels as R, G, B planes of 0–255 floats): the short side
/// is resized to <see cref="ImageSize"/> with <see cref="ClipImagePreprocessor"/>'s Pillow-exact bicubic filter and
/// the centre is cropped; ResNetPreprocess.onnx turns the planes into BGR less the ImageNet mean image; ResNet18.onnx
/// returns the global average pool of its last block, <see cref="Dimension"/> values, not normalised. Both files
/// declare a batch of 1; they are rewritten in memory with a free batch dimension (see <see cref="OnnxBatchDimension"/>)
/// so that several images run at once: <see cref="OnnxEncoderOptions.BatchSize"/> on CUDA, at most
/// <see cref="CpuImagesPerRun"/> on the CPU. Thread-safe.
/// </summary>
public sealed class ResNet18ImageTower : IDisposable
{
    /// <summary>Features per image: the channels of ResNet18's last block.</summary>
    public const int Dimension = 512;

    /// <summary>Side of the square the network takes.</summary>
    public const int ImageSize = 224;

    /// <summary>
    /// Images per run on the CPU at most. Measured on 2 cores: 1 to 4 images a run cost the same per image
    /// (30–38 ms), 8 cost 45 ms and 16 cost 56–60 ms (the activations of big batches leave the caches).
    /// </summary>
    public const int CpuImagesPerRun = 4;

    private const int PlaneValues = 3 * ImageSize * ImageSize;
    private const string PreprocessInput = "OriginalInput", PreprocessOutput = "PreprocessedInput";
    private const string NetworkInput = "Input247", NetworkOutput = "Pooling395_Output_0";
    private const string BatchName = "batch";

    private readonly OnnxSessionFactory _sessions;
    private readonly InferenceSession _preprocess;
    private readonly InferenceSession _network;
    private readonly ClipImagePreprocessor _resizer = new(ClipPreprocessOptions.Default with { ImageSize = ImageSize });
    private readonly TowerModelFiles _files;
    private volatile bool _disposed;

    /// <summary>
    /// Opens the tower from <paramref name="files"/> (default <see cref="TowerModelFiles.Default"/>). Throws
    /// <see cref="ModelFolderException"/> naming the file when one is missing or is not the model expected.
    /// </summary>
    public ResNet18ImageTower(TowerModelFiles? files = null, OnnxEncoderOptions? options = null)
    {
        _files = files ?? TowerModelFiles.Default;
        TowerModelFiles.RequireFile(_files.ResNetPreprocess, "ML.NET's ResNet18 preprocessing");
        TowerModelFiles.RequireFile(_files.ResNet18, "ML.NET's ResNet18 featurizer");
        CheckSignature(_files.ResNetPreprocess, PreprocessInput, PreprocessOutput, [1, 3, ImageSize, ImageSize]);
        CheckSignature(_files.ResNet18, NetworkInput, NetworkOutput, [1, Dimension, 1, 1]);
        _sessions = new OnnxSessionFactory(options);
        try
        {
            _preprocess = _sessions.Create(_files.ResNetPreprocess, Batched(_files.ResNetPreprocess));
            _network = _sessions.Create(_files.ResNet18, Batched(_files.ResNet18));
        }
        catch
        {
            _sessions.Dispose();
            throw;
        }
    }

    /// <summary>Where the sessions run.</summary>
    public OnnxExecutionProvider ExecutionProvider => _sessions.ExecutionProvider;

    /// <summary>Images one run takes: the options' batch size, capped at <see cref="CpuImagesPerRun"/> on the CPU.</summary>
    public int ImagesPerRun => ExecutionProvider == OnnxExecutionProvider.Cuda
        ? _sessions.Options.BatchSize
        : Math.Min(_sessions.Options.BatchSize, CpuImagesPerRun);

    /// <summary>CUDA fallbacks when opening.</summary>
    public IReadOnlyList<string> Warnings => _sessions.Warnings;

    /// <summary>
    /// The features of <paramref name="images"/>: <c>images.Count</c> × <see cref="Dimension"/> floats, row-major,
    /// as ResNet18's pool gives them (non-negative, not normalised).
    /// </summary>
    public float[] Embed(IReadOnlyList<RgbImage> images, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(images);
        for (int i = 0; i < images.Count; i++)
            if (images[i] is null) throw new ArgumentNullException(nameof(images), $"Image {i} is null.");
        var result = new float[checked(images.Count * Dimension)];
        int chunk = ImagesPerRun;
        var planes = new float[Math.Min(chunk, images.Count) * PlaneValues];
        for (int start = 0; start < images.Count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunk, images.Count - start);
            FillPlanes(images, start, count, planes);
            RunPlanes(planes.AsMemory(0, count * PlaneValues), count, result.AsMemory(start * Dimension, count * Dimension));
        }
        return result;
    }

    /// <summary>
    /// The features of images already resized: <paramref name="count"/> × [3, 224, 224] floats, R, G, B planes of
    /// 0–255 values (ML.NET's ExtractPixels), run <see cref="ImagesPerRun"/> at a time.
    /// </summary>
    public float[] EmbedPlanes(ReadOnlyMemory<float> planes, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (planes.Length != (long)count * PlaneValues)
            throw new ArgumentException($"Expected {count}×3×{ImageSize}×{ImageSize} = {(long)count * PlaneValues} floats, got {planes.Length}.", nameof(planes));
        var result = new float[count * Dimension];
        int chunk = ImagesPerRun;
        for (int start = 0; start < count; start += chunk)
        {
            int n = Math.Min(chunk, count - start);
            RunPlanes(planes.Slice(start * PlaneValues, n * PlaneValues), n, result.AsMemory(start * Dimension, n * Dimension));
        }
        return result;
    }

    /// <summary>The 224×224 image the network sees: short side resized to 224 (Pillow's bicubic), centre crop.</summary>
    public RgbImage ResizeAndCrop(RgbImage image) => _resizer.ResizeAndCrop(image);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sessions.Dispose();
    }

    private void FillPlanes(IReadOnlyList<RgbImage> images, int start, int count, float[] planes)
    {
        try
        {
            // Resizing is per image and independent: spread it over the cores.
            Parallel.For(0, count, i =>
            {
                var rgb = _resizer.ResizeAndCrop(images[start + i]).Rgb;
                var target = planes.AsSpan(i * PlaneValues, PlaneValues);
                const int pixels = ImageSize * ImageSize;
                for (int p = 0; p < pixels; p++)
                {
                    target[p] = rgb[3 * p];
                    target[pixels + p] = rgb[3 * p + 1];
                    target[2 * pixels + p] = rgb[3 * p + 2];
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    private void RunPlanes(ReadOnlyMemory<float> planes, int count, Memory<float> output)
    {
        var centred = new float[count * PlaneValues];
        long[] imageShape = [count, 3, ImageSize, ImageSize];
        using var runOptions = new RunOptions();
        using (var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, System.Runtime.InteropServices.MemoryMarshal.AsMemory(planes), imageShape))
        using (var preprocessed = OrtValue.CreateTensorValueFromMemory(centred, imageShape))
            Run(_preprocess, _files.ResNetPreprocess, runOptions, PreprocessInput, input, PreprocessOutput, preprocessed);
        using var networkInput = OrtValue.CreateTensorValueFromMemory(centred, imageShape);
        using var features = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, output, [count, Dimension, 1, 1]);
        Run(_network, _files.ResNet18, runOptions, NetworkInput, networkInput, NetworkOutput, features);
    }

    private static void Run(InferenceSession session, string file, RunOptions runOptions, string inputName, OrtValue input, string outputName, OrtValue output)
    {
        try
        {
            session.Run(runOptions, [inputName], [input], [outputName], [output]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFolderException(file, $"{file}: ONNX Runtime failed to run it: {OnnxSessionFactory.FirstLine(e.Message)}", e);
        }
    }

    private static byte[] Batched(string file)
    {
        try
        {
            return OnnxBatchDimension.MakeFree(File.ReadAllBytes(file), BatchName);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new ModelFolderException(file, $"{file}: not an ONNX model: {e.Message}", e);
        }
    }

    /// <summary>Checks the file is the model expected: one input and one output of these names, float, this shape.</summary>
    private static void CheckSignature(string file, string inputName, string outputName, long[] outputShape)
    {
        var signature = OnnxModelSignature.Read(file);
        long[] inputShape = [1, 3, ImageSize, ImageSize];
        bool ok = signature.Inputs.Count == 1 && signature.Outputs.Count == 1
            && Matches(signature.Inputs[0], inputName, inputShape) && Matches(signature.Outputs[0], outputName, outputShape);
        if (!ok)
            throw new ModelFolderException(file,
                $"{file}: expected {inputName} float[{string.Join(",", inputShape)}] → {outputName} float[{string.Join(",", outputShape)}]; the file declares {signature}");
    }

    private static bool Matches(OnnxTensorInfo tensor, string name, long[] shape) =>
        tensor.Name == name && tensor.ElementType == OnnxElementType.Float && tensor.Rank == shape.Length
        && Enumerable.Range(0, shape.Length).All(i => tensor.FixedDimension(i) == shape[i]);
}
