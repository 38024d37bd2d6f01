using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Clip3D.Mesh.IO;

namespace Clip3D.Encoders.Default;

/// <summary>
/// The file format of <see cref="AlignmentHeads"/>, version 1, little-endian:
/// <list type="number">
/// <item>8 bytes magic <c>C3DHEADS</c>;</item>
/// <item>uint32 format version;</item>
/// <item>uint32 length, then that many bytes of UTF-8 JSON header: dimensions, activation, every array's name
/// and shape in storage order, and how the heads were trained (options, seed, data summary, epoch losses);</item>
/// <item>the arrays' float32 values, in header order;</item>
/// <item>SHA-256 of everything before it (32 bytes).</item>
/// </list>
/// The header holds nothing that varies between runs (no time, no thread count), so same training ⇒ same bytes.
/// Any damage (a flipped byte, a truncation, another file, another version) is refused with one
/// <see cref="ModelFolderException"/> naming the file.
/// </summary>
internal static class AlignmentHeadsFile
{
    public const uint FormatVersion = 1;
    private static ReadOnlySpan<byte> Magic => "C3DHEADS"u8;
    private const int ChecksumLength = 32;
    private const int PrefixLength = 8 + 4 + 4;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record Header
    {
        public int ImageDimension { get; init; }
        public int TextDimension { get; init; }
        public int SharedDimension { get; init; }
        public int HiddenWidth { get; init; }
        public HeadActivation Activation { get; init; }
        public List<TensorEntry> Tensors { get; init; } = [];
        public TrainingEntry? Training { get; init; }
    }

    private sealed record TensorEntry(string Name, int[] Shape);

    private sealed record TrainingEntry
    {
        public int Epochs { get; init; }
        public int BatchSize { get; init; }
        public double LearningRate { get; init; }
        public double WeightDecay { get; init; }
        public ulong Seed { get; init; }
        public int PairCount { get; init; }
        public int LabelCount { get; init; }
        public string DataDescription { get; init; } = "";
        public double[] EpochLosses { get; init; } = [];
    }

    public static void Save(AlignmentHeads heads, string path) => AtomicFile.WriteAllBytes(path, Serialize(heads));

    public static byte[] Serialize(AlignmentHeads heads)
    {
        var tensors = heads.AllTensors.ToList();
        var training = heads.Training;
        var header = new Header
        {
            ImageDimension = heads.ImageDimension,
            TextDimension = heads.TextDimension,
            SharedDimension = heads.SharedDimension,
            HiddenWidth = heads.HiddenWidth,
            Activation = heads.Activation,
            Tensors = tensors.Select(t => new TensorEntry(t.Name, t.Shape)).ToList(),
            Training = training is null ? null : new TrainingEntry
            {
                Epochs = training.Options.Epochs,
                BatchSize = training.Options.BatchSize,
                LearningRate = training.Options.LearningRate,
                WeightDecay = training.Options.WeightDecay,
                Seed = training.Options.Seed,
                PairCount = training.PairCount,
                LabelCount = training.LabelCount,
                DataDescription = training.DataDescription,
                EpochLosses = training.EpochLosses.ToArray(),
            },
        };
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        int values = tensors.Sum(t => t.Values.Length);
        var bytes = new byte[PrefixLength + headerBytes.Length + 4 * values + ChecksumLength];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)headerBytes.Length);
        headerBytes.CopyTo(bytes, PrefixLength);
        int offset = PrefixLength + headerBytes.Length;
        foreach (var tensor in tensors)
        {
            foreach (var value in tensor.Values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), value);
                offset += 4;
            }
        }
        SHA256.HashData(bytes.AsSpan(0, offset), bytes.AsSpan(offset));
        return bytes;
    }

    public static AlignmentHeads Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFolderException(path, $"{path}: cannot read the alignment heads file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    public static AlignmentHeads Read(Stream stream, string source)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray(), source);
    }

    public static AlignmentHeads Parse(byte[] bytes, string source)
    {
        ModelFolderException Fail(string problem, Exception? inner = null) =>
            new(source, $"{source}: not a usable alignment heads file: {problem}", inner);

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Fail("it does not start with the magic C3DHEADS (another kind of file?)");
        if (bytes.Length < PrefixLength + ChecksumLength)
            throw Fail($"it is truncated ({bytes.Length} bytes)");
        uint version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        if (version != FormatVersion)
            throw Fail($"format version {version}; this build reads version {FormatVersion}");
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        if (headerLength > (uint)(bytes.Length - PrefixLength - ChecksumLength))
            throw Fail($"it is truncated (header of {headerLength} bytes in a file of {bytes.Length})");
        int checksumAt = bytes.Length - ChecksumLength;
        if (!SHA256.HashData(bytes.AsSpan(0, checksumAt)).AsSpan().SequenceEqual(bytes.AsSpan(checksumAt)))
            throw Fail("the SHA-256 checksum does not match: the file is corrupt or truncated");

        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(bytes.AsSpan(PrefixLength, (int)headerLength), Json)
                ?? throw Fail("the header is null");
        }
        catch (JsonException e)
        {
            throw Fail($"the header is not valid JSON ({e.Message})", e);
        }

        if (!Enum.IsDefined(header.Activation))
            throw Fail($"unknown activation {header.Activation}");
        AlignmentHeads heads;
        try
        {
            heads = new AlignmentHeads(header.ImageDimension, header.TextDimension, header.SharedDimension, header.HiddenWidth, header.Activation);
        }
        catch (ArgumentException e)
        {
            throw Fail($"the header's dimensions are invalid ({e.Message})", e);
        }

        var expected = heads.AllTensors.ToList();
        var stored = header.Tensors ?? [];
        if (stored.Count != expected.Count)
            throw Fail($"the header lists {stored.Count} arrays; these dimensions need {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            if (stored[i].Name != expected[i].Name || !(stored[i].Shape ?? []).SequenceEqual(expected[i].Shape))
                throw Fail($"array {i} is {stored[i].Name} [{string.Join(", ", stored[i].Shape ?? [])}]; expected {expected[i].Name} [{string.Join(", ", expected[i].Shape)}]");
        }
        long valueBytes = 4L * expected.Sum(t => (long)t.Values.Length);
        int offset = PrefixLength + (int)headerLength;
        if (offset + valueBytes != checksumAt)
            throw Fail($"the header's arrays need {valueBytes} bytes of values; the file holds {checksumAt - offset}");
        foreach (var tensor in expected)
        {
            for (int k = 0; k < tensor.Values.Length; k++)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset));
                if (!float.IsFinite(value))
                    throw Fail($"{tensor.Name}[{k}] is {value}");
                tensor.Values[k] = value;
                offset += 4;
            }
        }
        if (heads.LogitScale is < 0 or > AlignmentHeads.MaxLogitScale)
            throw Fail($"logit_scale {heads.LogitScale} is outside [0, log 100]");
        if (heads.ImageDeviation.Any(d => d <= 0))
            throw Fail("image_std has a value ≤ 0");

        if (header.Training is { } t)
        {
            heads.Training = new AlignmentTrainingSummary
            {
                Options = new AlignmentTrainingOptions
                {
                    Epochs = t.Epochs,
                    BatchSize = t.BatchSize,
                    LearningRate = t.LearningRate,
                    WeightDecay = t.WeightDecay,
                    HiddenWidth = header.HiddenWidth,
                    Activation = header.Activation,
                    SharedDimension = header.SharedDimension,
                    Seed = t.Seed,
                },
                PairCount = t.PairCount,
                LabelCount = t.LabelCount,
                DataDescription = t.DataDescription ?? "",
                EpochLosses = t.EpochLosses ?? [],
            };
        }
        return heads;
    }
}
