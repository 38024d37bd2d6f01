using Clip3D.Views.Encoders;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// One picture of a <see cref="CaptionedLabel"/>, made on demand: sources describe thousands of images, and the
/// driver draws them a batch at a time (in parallel) so that they never all sit in memory.
/// </summary>
/// <param name="LabelId">The label shown, as the source numbers it.</param>
/// <param name="Render">Draws the picture; deterministic and thread-safe.</param>
public sealed record CaptionedImage(int LabelId, Func<RgbImage> Render);
