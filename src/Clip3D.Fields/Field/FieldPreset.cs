namespace Clip3D.Fields.Field;

/// <summary>Named starting points for a <see cref="FieldConfig"/> (see <see cref="FieldConfig.For"/> for the values).</summary>
public enum FieldPreset
{
    /// <summary>Small and quick: 12 levels, 2^15 entries per level, 2 cm finest cells, 1,500 steps of 2,048 samples.</summary>
    Lite,
    /// <summary>16 levels, 2^18 entries per level, 1 cm finest cells, 3,000 steps of 4,096 samples.</summary>
    Default,
    /// <summary>16 levels, 2^19 entries per level, 1 cm finest cells, MLP width 128, 64 compressed dimensions, 6,000 steps of 8,192 samples.</summary>
    Big,
}
