using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Index;

namespace Clip3D.Fields.Field;

/// <summary>
/// A trained neural feature field: hash tables and MLP weights over a cubic box around the scene, and the scene's
/// <see cref="FeatureCompression"/>. <see cref="EvaluateCompressed"/> gives the K-dimensional output anywhere in space
/// (positions outside the box are clamped to it); <see cref="Evaluate(ReadOnlySpan{Vector3}, Span{float}, float)"/>
/// decodes it to unit D-dimensional features. Batches of at least <see cref="KernelThreshold"/> points run through the
/// training kernels on a CUDA accelerator (opened on first use, kept until <see cref="Dispose"/>) or, when the config's
/// accelerator is the CPU (or "auto" without CUDA), through a SIMD C# forward pass (<see cref="FieldCpuForward"/>: the
/// kernels on ILGPU's CPU accelerator run tens of times slower); smaller ones through a plain C# path. Thread-safe for
/// evaluation.
/// </summary>
public sealed class FeatureField : IDisposable
{
    /// <summary>Name prefix of the field's index sections.</summary>
    public const string SectionPrefix = "field";

    private const int KernelChunk = 65_536;

    private readonly FieldLayout _layout;
    private readonly float[] _grid;
    private readonly float[] _mlp;
    private readonly Lock _gate = new();
    private readonly Lazy<FieldCpuForward> _cpuForward;
    private readonly Lazy<bool> _onCpu;
    private FieldDevice? _device;
    private FieldKernelSession? _session;
    private bool _disposed;

    internal FeatureField(FieldLayout layout, float[] grid, float[] mlp, FeatureCompression compression)
    {
        if (grid.Length != layout.GridParameterCount || mlp.Length != layout.MlpParameterCount)
            throw new ArgumentException($"{grid.Length} grid and {mlp.Length} MLP weights, the layout needs {layout.GridParameterCount} and {layout.MlpParameterCount}");
        if (compression.Rank != layout.Config.CompressedDimension)
            throw new ArgumentException($"compression of rank {compression.Rank} for a field with {layout.Config.CompressedDimension} outputs", nameof(compression));
        _layout = layout;
        _grid = grid;
        _mlp = mlp;
        Compression = compression;
        _cpuForward = new Lazy<FieldCpuForward>(() => new FieldCpuForward(_layout, _grid, _mlp));
        _onCpu = new Lazy<bool>(() => Config.Accelerator == FieldAccelerator.Cpu || (Config.Accelerator == FieldAccelerator.Auto && !FieldDevice.CudaAvailable()));
    }

    public FieldConfig Config => _layout.Config;

    public FeatureCompression Compression { get; }

    /// <summary>Low corner of the cubic box the hash grid covers.</summary>
    public Vector3 BoxOrigin => _layout.Origin;

    /// <summary>Side of that box in metres.</summary>
    public float BoxSide => _layout.Side;

    /// <summary>Cells along a side per level, coarse to fine.</summary>
    public IReadOnlyList<float> LevelResolutions => _layout.LevelResolutions;

    /// <summary>Output dimension K.</summary>
    public int CompressedDimension => Config.CompressedDimension;

    /// <summary>Decoded feature dimension D.</summary>
    public int Dimension => Compression.Dimension;

    /// <summary>Batches of at least this many points go through the kernels. Default 2,048.</summary>
    public int KernelThreshold { get; init; } = 2048;

    internal ReadOnlySpan<float> GridWeights => _grid;

    internal ReadOnlySpan<float> MlpWeights => _mlp;

    internal FieldLayout Layout => _layout;

    /// <summary>
    /// The compressed outputs (positions.Length × K) at <paramref name="positions"/>; <paramref name="scale"/> is the
    /// MLP's scale input (ignored when the scale is not an input).
    /// </summary>
    public void EvaluateCompressed(ReadOnlySpan<Vector3> positions, Span<float> codes, float scale = 0f)
    {
        var k = CompressedDimension;
        if (codes.Length != positions.Length * k)
            throw new ArgumentException($"{codes.Length} values for {positions.Length}×{k} outputs", nameof(codes));
        if (positions.Length >= KernelThreshold)
        {
            if (_onCpu.Value)
                _cpuForward.Value.Evaluate(positions, codes, scale);
            else
                EvaluateKernels(positions, codes, scale);
            return;
        }
        var output = new double[k];
        for (var p = 0; p < positions.Length; p++)
        {
            FieldReference.Forward(_layout, _grid, _mlp, positions[p], scale, output);
            for (var j = 0; j < k; j++)
                codes[p * k + j] = (float)output[j];
        }
    }

    /// <summary>The compressed outputs through the kernels whatever the batch size (tests compare it with the C# path).</summary>
    internal void EvaluateKernels(ReadOnlySpan<Vector3> positions, Span<float> codes, float scale)
    {
        var k = CompressedDimension;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _device ??= FieldDevice.Open(Config.Accelerator);
            _session ??= new FieldKernelSession(_device, _layout, _grid, _mlp, KernelChunk);
            var scales = new float[Math.Min(KernelChunk, positions.Length)];
            Array.Fill(scales, scale);
            for (var start = 0; start < positions.Length; start += KernelChunk)
            {
                var count = Math.Min(KernelChunk, positions.Length - start);
                _session.SetBatch(positions.Slice(start, count), scales.AsSpan(0, count));
                _session.Forward();
                _session.ReadOutputs(codes.Slice(start * k, count * k));
            }
        }
    }

    /// <summary>Decoded unit features (positions.Length × D) at <paramref name="positions"/>.</summary>
    public void Evaluate(ReadOnlySpan<Vector3> positions, Span<float> features, float scale = 0f)
    {
        int k = CompressedDimension, d = Dimension;
        if (features.Length != positions.Length * d)
            throw new ArgumentException($"{features.Length} values for {positions.Length}×{d} features", nameof(features));
        var codes = new float[positions.Length * k];
        EvaluateCompressed(positions, codes, scale);
        for (var p = 0; p < positions.Length; p++)
            Compression.DecodeUnit(codes.AsSpan(p * k, k), features.Slice(p * d, d));
    }

    /// <summary>Decoded unit features (positions.Length × D), a new array.</summary>
    public float[] Evaluate(ReadOnlySpan<Vector3> positions, float scale = 0f)
    {
        var features = new float[positions.Length * Dimension];
        Evaluate(positions, features, scale);
        return features;
    }

    /// <summary>
    /// The config block for an index header's <c>configs.field</c>: the config, the box and the level resolutions.
    /// </summary>
    public JsonObject ConfigBlock() => new()
    {
        ["config"] = Config.ToJsonObject(),
        ["boxOrigin"] = new JsonArray(BoxOrigin.X, BoxOrigin.Y, BoxOrigin.Z),
        ["boxSide"] = BoxSide,
        ["levelResolutions"] = new JsonArray(_layout.LevelResolutions.Select(r => (JsonNode)r).ToArray()),
        ["compressedDimension"] = CompressedDimension,
        ["dimension"] = Dimension,
    };

    /// <summary>
    /// The field as index sections: <c>field.config</c> (UInt8, the UTF-8 JSON of <see cref="ConfigBlock"/>),
    /// <c>field.grid</c> (Float32 [L×T×F]), <c>field.mlp</c> (Float32 [parameters]) and the compression's
    /// <c>field.compression.mean</c> and <c>field.compression.basis</c>.
    /// </summary>
    public IReadOnlyList<IndexSection> ToSections()
    {
        var c = Config;
        var sections = new List<IndexSection>
        {
            IndexSection.FromBytes(SectionPrefix + ".config", Encoding.UTF8.GetBytes(ConfigBlock().ToJsonString())),
            IndexSection.FromFloats(SectionPrefix + ".grid", _grid, c.Levels, c.TableSize, c.FeaturesPerLevel),
            IndexSection.FromFloats(SectionPrefix + ".mlp", _mlp),
        };
        sections.AddRange(Compression.ToSections(SectionPrefix + ".compression"));
        return sections;
    }

    /// <summary>The field stored by <see cref="ToSections"/> (other sections are ignored).</summary>
    /// <exception cref="IndexFileException">A section is missing, malformed or disagrees with the config.</exception>
    public static FeatureField FromSections(IEnumerable<IndexSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var byName = sections.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var configSection = FeatureCompression.Get(byName, SectionPrefix + ".config");
        var path = configSection.SourcePath ?? "(unsaved index)";
        try
        {
            var block = JsonNode.Parse(Encoding.UTF8.GetString(configSection.AsBytes()))!.AsObject();
            var config = FieldConfig.FromJson(JsonSerializer.SerializeToElement(block["config"]));
            var origin = block["boxOrigin"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            var side = block["boxSide"]!.GetValue<float>();
            var levels = block["levelResolutions"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            if (origin.Length != 3)
                throw new FormatException("boxOrigin is not 3 numbers");
            var layout = new FieldLayout(config, new Vector3(origin[0], origin[1], origin[2]), side, levels);
            var grid = FeatureCompression.Get(byName, SectionPrefix + ".grid").AsFloats().ToArray();
            var mlp = FeatureCompression.Get(byName, SectionPrefix + ".mlp").AsFloats().ToArray();
            var compression = FeatureCompression.FromSections(byName.Values, SectionPrefix + ".compression");
            return new FeatureField(layout, grid, mlp, compression);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException
            or NullReferenceException or FieldConfigException)
        {
            throw new IndexFileException(path, $"section \"{configSection.Name}\": {e.Message}", e);
        }
    }

    /// <summary>Releases the accelerator opened for kernel evaluation, if any.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _session?.Dispose();
            _device?.Dispose();
            _session = null;
            _device = null;
        }
    }
}
