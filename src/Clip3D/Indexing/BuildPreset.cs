namespace Clip3D.Indexing;

/// <summary>How much work a build spends on views and crops; <see cref="BuildOptions"/> fills its defaults from it.</summary>
public enum BuildPreset
{
    /// <summary>Few views, two crop scales (<see cref="Clip3D.Views.Features.CropPyramidOptions.Lite"/>): quick looks.</summary>
    Lite,

    /// <summary>The balance for 2 CPU cores: three crop scales (about 150 crops a view) and part crops.</summary>
    Default,

    /// <summary>More views and four crop scales (<see cref="Clip3D.Views.Features.CropPyramidOptions.Big"/>): finer maps, several times the cost.</summary>
    Big,
}
