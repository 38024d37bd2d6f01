namespace Clip3D.Encoders.Default.Training;

/// <summary>One thing a <see cref="ICaptionedImageSource"/> shows, and the words for it.</summary>
/// <param name="Id">Its id within the source: its index in <see cref="ICaptionedImageSource.Labels"/>.</param>
/// <param name="Name">Its plain name ("cow face", "red mug").</param>
/// <param name="Captions">The captions a picture of it is paired with in training (at least one); evaluation averages them.
/// No other label of the source has any of them.</param>
/// <param name="IsHeldOut">Whether it is kept out of training, for evaluation.</param>
public sealed record CaptionedLabel(int Id, string Name, IReadOnlyList<string> Captions, bool IsHeldOut)
{
    /// <summary>
    /// Captions this label shares with others of the same <see cref="SharedGroup"/> ("a photo of a mug" for mugs of
    /// every colour); default none. Its pictures are paired with them too, and in training those pairs are positives of
    /// every pair of the group, so a red mug is not pushed away from "a mug" because a blue mug's pair says so.
    /// </summary>
    public IReadOnlyList<string> SharedCaptions { get; init; } = [];

    /// <summary>The group whose members share <see cref="SharedCaptions"/> (a kind id); labels of one source with the same group share them.</summary>
    public int SharedGroup { get; init; } = -1;
}
