using Clip3D.Fields.Field;
using Xunit;

namespace Clip3D.Fields.Tests.Field;

public sealed class FieldConfigTests
{
    [Theory]
    [InlineData(FieldPreset.Lite)]
    [InlineData(FieldPreset.Default)]
    [InlineData(FieldPreset.Big)]
    public void Presets_AreValid_AndRoundTripThroughJson(FieldPreset preset)
    {
        var config = FieldConfig.For(preset).Validate();
        Assert.Equal(config, FieldConfig.FromJson(config.ToJson()));
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(config.ToJson()));
        Assert.Equal(config, FieldConfig.FromJson(stream));
    }

    [Fact]
    public void DefaultsAndPresets_HaveTheDocumentedValues()
    {
        var d = new FieldConfig();
        Assert.Equal((64, 16, 2, 18, 16, 0.01f, 64, 2), (d.CompressedDimension, d.Levels, d.FeaturesPerLevel, d.Log2TableSize, d.BaseResolution, d.FinestCellSize, d.MlpWidth, d.HiddenLayers));
        Assert.Equal((1e-2f, 1e-3f, FieldAccelerator.Cpu, 0.002f), (d.GridLearningRate, d.MlpLearningRate, d.Accelerator, d.NormalJitter));
        Assert.Equal(d, FieldConfig.For(FieldPreset.Default));
        Assert.Equal((12, 15, 48), (FieldConfig.For(FieldPreset.Lite).Levels, FieldConfig.For(FieldPreset.Lite).Log2TableSize, FieldConfig.For(FieldPreset.Lite).CompressedDimension));
        Assert.Equal((19, 128, 64), (FieldConfig.For(FieldPreset.Big).Log2TableSize, FieldConfig.For(FieldPreset.Big).MlpWidth, FieldConfig.For(FieldPreset.Big).CompressedDimension));
    }

    [Fact]
    public void PresetKey_ThenOverrides()
    {
        var config = FieldConfig.FromJson("""{"preset":"lite","steps":500,"accelerator":"auto","scaleInput":true}""");
        Assert.Equal(FieldConfig.For(FieldPreset.Lite) with { Steps = 500, Accelerator = FieldAccelerator.Auto, ScaleInput = true }, config);
    }

    [Fact]
    public void UnknownKey_IsRejectedByName()
    {
        var e = Assert.Throws<FieldConfigException>(() => FieldConfig.FromJson("""{"levels":8,"levls":9}"""));
        Assert.StartsWith("field config: unknown key \"levls\" (known: preset, compressedDimension, levels,", e.Message);
    }

    [Theory]
    [InlineData("""{"levels":"many"}""", "key \"levels\": \"many\" is not an integer")]
    [InlineData("""{"levels":0}""", "levels = 0 is out of range (1…32)")]
    [InlineData("""{"preset":"huge"}""", "preset \"huge\" is not lite, default or big")]
    [InlineData("""{"accelerator":"tpu"}""", "key \"accelerator\": \"tpu\" is not")]
    [InlineData("""[1]""", "expected a JSON object")]
    [InlineData("""{"steps":1,"steps":2}""", "key \"steps\" appears twice")]
    [InlineData("""{""", "not valid JSON")]
    public void BadValues_AreRejectedWithTheReason(string json, string message) =>
        Assert.Contains(message, Assert.Throws<FieldConfigException>(() => FieldConfig.FromJson(json)).Message);
}
