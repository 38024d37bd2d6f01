using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clip3D.Fields.Field;

/// <summary>
/// Everything that shapes and trains a neural feature field: the multiresolution hash encoding, the MLP, the output
/// (compressed feature) dimension, Adam and the sampling. Defaults are those of <see cref="FieldPreset.Default"/>;
/// <see cref="For"/> gives each preset. As JSON (<see cref="ToJson"/>, <see cref="FromJson(string)"/>) every property is a
/// camelCase key, e.g. <c>{"preset":"lite","steps":500,"accelerator":"auto"}</c>: an optional <c>preset</c> key picks the
/// starting values, the other keys override them, and an unknown key is an error that names it.
/// </summary>
public sealed record FieldConfig
{
    /// <summary>
    /// Output dimension K: features are PCA-compressed to K dimensions per scene. Default 64 (Lite: 48): on the room demo
    /// 48 kept the top-relevancy regions of the fused features at IoU 0.76, 64 at 0.88.
    /// </summary>
    public int CompressedDimension { get; init; } = 64;

    /// <summary>Hash-grid levels L. Default 16 (Lite: 12).</summary>
    public int Levels { get; init; } = 16;

    /// <summary>Features per level F. Default 2.</summary>
    public int FeaturesPerLevel { get; init; } = 2;

    /// <summary>log2 of the entries per level's table T. Default 18 (Lite: 15, Big: 19).</summary>
    public int Log2TableSize { get; init; } = 18;

    /// <summary>Cells along the longest side of the (cubic) scene box at the coarsest level. Default 16.</summary>
    public int BaseResolution { get; init; } = 16;

    /// <summary>Edge of the finest level's cells in metres: the finest resolution is the box's longest side over this, capped by <see cref="MaxResolution"/>. Default 0.01 (Lite: 0.02).</summary>
    public float FinestCellSize { get; init; } = 0.01f;

    /// <summary>Cap on the finest resolution (cells along the longest side). Default 2048 (Lite: 1024, Big: 4096).</summary>
    public int MaxResolution { get; init; } = 2048;

    /// <summary>Neurons per hidden layer. Default 64 (Big: 128).</summary>
    public int MlpWidth { get; init; } = 64;

    /// <summary>Hidden (ReLU) layers. Default 2.</summary>
    public int HiddenLayers { get; init; } = 2;

    /// <summary>Whether the sample's scale is an MLP input next to the encoded position. Default false.</summary>
    public bool ScaleInput { get; init; }

    /// <summary>Adam learning rate of the hash tables. Default 1e-2.</summary>
    public float GridLearningRate { get; init; } = 1e-2f;

    /// <summary>Adam learning rate of the MLP. Default 1e-3.</summary>
    public float MlpLearningRate { get; init; } = 1e-3f;

    /// <summary>Adam β1. Default 0.9.</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam β2. Default 0.99.</summary>
    public float Beta2 { get; init; } = 0.99f;

    /// <summary>Adam ε. Default 1e-15 (as instant-NGP).</summary>
    public float AdamEpsilon { get; init; } = 1e-15f;

    /// <summary>Training steps. Default 3,000 (Lite: 1,500, Big: 6,000).</summary>
    public int Steps { get; init; } = 3000;

    /// <summary>Samples per step. Default 4,096 (Lite: 2,048, Big: 8,192).</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>
    /// Samples move along their normal by up to ± this many metres (uniform), so the field is defined near surfaces.
    /// Default 0.002: a rug lies about a centimetre above the floor and a picture as close to its wall, and a wider jitter
    /// teaches the field one blend of both where each is.
    /// </summary>
    public float NormalJitter { get; init; } = 0.002f;

    /// <summary>Seed of the initial weights and of the sampling. Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The training loss is read back and logged every this many steps (and at the first and last). Default 100.</summary>
    public int LogEvery { get; init; } = 100;

    /// <summary>The accelerator that trains (and evaluates large batches). Default <see cref="FieldAccelerator.Cpu"/>.</summary>
    public FieldAccelerator Accelerator { get; init; } = FieldAccelerator.Cpu;

    /// <summary>Entries per level's hash table, 2^<see cref="Log2TableSize"/>.</summary>
    public int TableSize => 1 << Log2TableSize;

    /// <summary>MLP input size: L·F encoded values, plus one for the scale when it is an input.</summary>
    public int InputDimension => Levels * FeaturesPerLevel + (ScaleInput ? 1 : 0);

    /// <summary>The values of <paramref name="preset"/>.</summary>
    public static FieldConfig For(FieldPreset preset) => preset switch
    {
        FieldPreset.Lite => new FieldConfig { CompressedDimension = 48, Levels = 12, Log2TableSize = 15, FinestCellSize = 0.02f, MaxResolution = 1024, Steps = 1500, BatchSize = 2048 },
        FieldPreset.Default => new FieldConfig(),
        FieldPreset.Big => new FieldConfig { Log2TableSize = 19, MaxResolution = 4096, MlpWidth = 128, CompressedDimension = 64, Steps = 6000, BatchSize = 8192 },
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "not a field preset"),
    };

    /// <summary>Checks every value; returns this config.</summary>
    /// <exception cref="FieldConfigException">A value is out of range; the message names it.</exception>
    public FieldConfig Validate()
    {
        Require(CompressedDimension is >= 1 and <= 1024, "compressedDimension", CompressedDimension, "1…1024");
        Require(Levels is >= 1 and <= 32, "levels", Levels, "1…32");
        Require(FeaturesPerLevel is >= 1 and <= 8, "featuresPerLevel", FeaturesPerLevel, "1…8");
        Require(Log2TableSize is >= 4 and <= 24, "log2TableSize", Log2TableSize, "4…24");
        Require((long)Levels * TableSize * FeaturesPerLevel <= int.MaxValue / 2, "log2TableSize", Log2TableSize, "at most 2^30 grid parameters in all");
        Require(BaseResolution is >= 1 and <= 65536, "baseResolution", BaseResolution, "1…65536");
        Require(float.IsFinite(FinestCellSize) && FinestCellSize > 0, "finestCellSize", FinestCellSize, "> 0");
        Require(MaxResolution >= BaseResolution && MaxResolution <= 1 << 20, "maxResolution", MaxResolution, $"{BaseResolution}…{1 << 20}");
        Require(MlpWidth is >= 1 and <= 1024, "mlpWidth", MlpWidth, "1…1024");
        Require(HiddenLayers is >= 1 and <= 16, "hiddenLayers", HiddenLayers, "1…16");
        Require(float.IsFinite(GridLearningRate) && GridLearningRate > 0, "gridLearningRate", GridLearningRate, "> 0");
        Require(float.IsFinite(MlpLearningRate) && MlpLearningRate > 0, "mlpLearningRate", MlpLearningRate, "> 0");
        Require(Beta1 is >= 0 and < 1, "beta1", Beta1, "[0, 1)");
        Require(Beta2 is >= 0 and < 1, "beta2", Beta2, "[0, 1)");
        Require(float.IsFinite(AdamEpsilon) && AdamEpsilon > 0, "adamEpsilon", AdamEpsilon, "> 0");
        Require(Steps >= 1, "steps", Steps, "≥ 1");
        Require(BatchSize is >= 1 and <= 1 << 22, "batchSize", BatchSize, "1…4194304");
        Require(float.IsFinite(NormalJitter) && NormalJitter >= 0, "normalJitter", NormalJitter, "≥ 0");
        Require(LogEvery >= 1, "logEvery", LogEvery, "≥ 1");
        Require(Enum.IsDefined(Accelerator), "accelerator", Accelerator, "cpu, cuda or auto");
        return this;
    }

    private static void Require(bool ok, string key, object value, string range)
    {
        if (!ok)
            throw new FieldConfigException(string.Create(CultureInfo.InvariantCulture, $"field config: {key} = {value} is out of range ({range})"));
    }

    /// <summary>The config as a JSON object, every key written.</summary>
    public JsonObject ToJsonObject() => (JsonObject)JsonNode.Parse(ToJson())!;

    /// <summary>The config as indented JSON, every key written (camelCase, the accelerator in lower case).</summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (var key in Keys)
                key.Write(w, this);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A config from JSON: an optional <c>preset</c> (lite, default, big) then overrides; validated.</summary>
    /// <exception cref="FieldConfigException">Not a JSON object, an unknown key, a value of the wrong type or out of range.</exception>
    public static FieldConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try { document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new FieldConfigException($"field config: not valid JSON ({e.Message})", e); }
        using (document)
            return FromJson(document.RootElement);
    }

    /// <summary>A config from a UTF-8 JSON stream; see <see cref="FromJson(string)"/>.</summary>
    public static FieldConfig FromJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var reader = new StreamReader(json, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return FromJson(reader.ReadToEnd());
    }

    /// <summary>A config from a parsed JSON object; see <see cref="FromJson(string)"/>.</summary>
    public static FieldConfig FromJson(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new FieldConfigException($"field config: expected a JSON object, got {root.ValueKind}");
        var config = new FieldConfig();
        if (root.TryGetProperty("preset", out var preset))
        {
            var name = preset.ValueKind == JsonValueKind.String ? preset.GetString() : null;
            config = name?.ToLowerInvariant() switch
            {
                "lite" => For(FieldPreset.Lite),
                "default" => For(FieldPreset.Default),
                "big" => For(FieldPreset.Big),
                _ => throw new FieldConfigException($"field config: preset {preset.GetRawText()} is not lite, default or big"),
            };
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                throw new FieldConfigException($"field config: key \"{property.Name}\" appears twice");
            if (property.Name == "preset")
                continue;
            var key = Keys.FirstOrDefault(k => k.Name == property.Name)
                ?? throw new FieldConfigException($"field config: unknown key \"{property.Name}\" (known: preset, {string.Join(", ", Keys.Select(k => k.Name))})");
            try { config = key.Read(config, property.Value); }
            catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException)
            {
                throw new FieldConfigException($"field config: key \"{property.Name}\": {property.Value.GetRawText()} is not {key.Kind}", e);
            }
        }
        return config.Validate();
    }

    private sealed record Key(string Name, string Kind, Action<Utf8JsonWriter, FieldConfig> Write, Func<FieldConfig, JsonElement, FieldConfig> Read);

    private static Key Int(string name, Func<FieldConfig, int> get, Func<FieldConfig, int, FieldConfig> set) =>
        new(name, "an integer", (w, c) => w.WriteNumber(name, get(c)), (c, e) => set(c, e.GetInt32()));

    private static Key Float(string name, Func<FieldConfig, float> get, Func<FieldConfig, float, FieldConfig> set) =>
        new(name, "a number", (w, c) => w.WriteNumber(name, get(c)), (c, e) => set(c, e.GetSingle()));

    private static readonly Key[] Keys =
    [
        Int("compressedDimension", c => c.CompressedDimension, (c, v) => c with { CompressedDimension = v }),
        Int("levels", c => c.Levels, (c, v) => c with { Levels = v }),
        Int("featuresPerLevel", c => c.FeaturesPerLevel, (c, v) => c with { FeaturesPerLevel = v }),
        Int("log2TableSize", c => c.Log2TableSize, (c, v) => c with { Log2TableSize = v }),
        Int("baseResolution", c => c.BaseResolution, (c, v) => c with { BaseResolution = v }),
        Float("finestCellSize", c => c.FinestCellSize, (c, v) => c with { FinestCellSize = v }),
        Int("maxResolution", c => c.MaxResolution, (c, v) => c with { MaxResolution = v }),
        Int("mlpWidth", c => c.MlpWidth, (c, v) => c with { MlpWidth = v }),
        Int("hiddenLayers", c => c.HiddenLayers, (c, v) => c with { HiddenLayers = v }),
        new("scaleInput", "true or false", (w, c) => w.WriteBoolean("scaleInput", c.ScaleInput), (c, e) => c with { ScaleInput = e.GetBoolean() }),
        Float("gridLearningRate", c => c.GridLearningRate, (c, v) => c with { GridLearningRate = v }),
        Float("mlpLearningRate", c => c.MlpLearningRate, (c, v) => c with { MlpLearningRate = v }),
        Float("beta1", c => c.Beta1, (c, v) => c with { Beta1 = v }),
        Float("beta2", c => c.Beta2, (c, v) => c with { Beta2 = v }),
        Float("adamEpsilon", c => c.AdamEpsilon, (c, v) => c with { AdamEpsilon = v }),
        Int("steps", c => c.Steps, (c, v) => c with { Steps = v }),
        Int("batchSize", c => c.BatchSize, (c, v) => c with { BatchSize = v }),
        Float("normalJitter", c => c.NormalJitter, (c, v) => c with { NormalJitter = v }),
        new("seed", "an unsigned integer", (w, c) => w.WriteNumber("seed", c.Seed), (c, e) => c with { Seed = e.GetUInt64() }),
        Int("logEvery", c => c.LogEvery, (c, v) => c with { LogEvery = v }),
        new("accelerator", "\"cpu\", \"cuda\" or \"auto\"", (w, c) => w.WriteString("accelerator", c.Accelerator.ToString().ToLowerInvariant()),
            (c, e) => c with { Accelerator = e.GetString()?.ToLowerInvariant() switch
            {
                "cpu" => FieldAccelerator.Cpu,
                "cuda" => FieldAccelerator.Cuda,
                "auto" => FieldAccelerator.Auto,
                _ => throw new FormatException("not an accelerator"),
            } }),
    ];
}
