namespace Clip3D.Encoders.Default.Training;

/// <summary>One thing a <see cref="ICaptionedImageSource"/> shows, and the words for it.</summary>
/// <param name="Id">Its id within the source: its index in <see cref="ICaptionedImageSource.Labels"/>.</param>
/// <param name="Name">Its plain name ("cow face", "red mug").</param>
/// <param name="Captions">The captions a picture of it is paired with in training (at least one); evaluation averages them.</param>
/// <param name="IsHeldOut">Whether it is kept out of training, for evaluation.</param>
public sealed record CaptionedLabel(int Id, string Name, IReadOnlyList<string> Captions, bool IsHeldOut);
