using Clip3D.Views.Rendering;

namespace Clip3D.Views.Training;

/// <summary>How <see cref="ObjectRenderDataset"/> renders catalogue instances. Every property has a documented default.</summary>
public sealed record ObjectRenderOptions
{
    public static ObjectRenderOptions Default { get; } = new();

    /// <summary>Side of the square images in pixels; default 160.</summary>
    public int ImageSize { get; init; } = 160;

    /// <summary>Views rendered of each instance; default 4.</summary>
    public int ViewsPerInstance { get; init; } = 4;

    /// <summary>
    /// Camera elevations of the training band, degrees above the horizontal through the object's centre; default 5°–40°.
    /// (A wider band, 0°–62°, was tried: recognition at the held-out band's steeper views did not improve and
    /// synonyms did slightly worse; index builds' views at 10°–65° fared the same with either.)
    /// </summary>
    public (float Min, float Max) TrainElevations { get; init; } = (5f, 40f);

    /// <summary>Camera elevations of the held-out band (views no training image has); default 48°–70°.</summary>
    public (float Min, float Max) HeldOutElevations { get; init; } = (48f, 70f);

    /// <summary>Share of instances drawn standing on a floor slab rather than floating on a plain background; default 0.5.</summary>
    public double FloorProbability { get; init; } = 0.5;

    /// <summary>
    /// How many colours of each kind that comes in at least three are held out of training (unseen colour × kind
    /// pairs); default 1.
    /// </summary>
    public int HeldOutColoursPerKind { get; init; } = 1;

    /// <summary>Shading of the images; default <see cref="RenderLighting.Headlight"/>.</summary>
    public RenderLighting Lighting { get; init; } = RenderLighting.Headlight;

    /// <summary>Multisample anti-aliasing samples; default 4.</summary>
    public int Msaa { get; init; } = 4;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (ImageSize is < 16 or > 1024) throw new ArgumentException($"ObjectRenderOptions.ImageSize must be in 16..1024, got {ImageSize}.");
        if (ViewsPerInstance <= 0) throw new ArgumentException($"ObjectRenderOptions.ViewsPerInstance must be positive, got {ViewsPerInstance}.");
        foreach (var (name, band) in new[] { ("TrainElevations", TrainElevations), ("HeldOutElevations", HeldOutElevations) })
            if (!(band.Min >= -90 && band.Max <= 90 && band.Min <= band.Max))
                throw new ArgumentException($"ObjectRenderOptions.{name} must satisfy −90 ≤ min ≤ max ≤ 90, got {band.Min}..{band.Max}.");
        if (!(FloorProbability >= 0 && FloorProbability <= 1)) throw new ArgumentException($"ObjectRenderOptions.FloorProbability must be in [0, 1], got {FloorProbability}.");
        if (HeldOutColoursPerKind is < 0 or > 2) throw new ArgumentException($"ObjectRenderOptions.HeldOutColoursPerKind must be 0, 1 or 2, got {HeldOutColoursPerKind}.");
        if (Msaa < 0) throw new ArgumentException($"ObjectRenderOptions.Msaa must be 0 or more, got {Msaa}.");
    }
}
