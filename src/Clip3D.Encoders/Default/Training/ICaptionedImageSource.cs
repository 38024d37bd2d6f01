namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Captioned pictures for training and evaluating the default encoder's alignment: a set of labels (what is shown,
/// with the captions that describe it), some of them held out, and images of each label. The emoji pictures are one
/// source (<see cref="EmojiImageSource"/>); renders of procedural objects can be another. Label ids are the source's
/// own, 0 to <c>Labels.Count - 1</c>; the training driver shifts them so that sources never share an id.
/// </summary>
public interface ICaptionedImageSource
{
    /// <summary>What the source is, in a few words; saved in the heads file's training summary.</summary>
    string Description { get; }

    /// <summary>Every label, indexed by <see cref="CaptionedLabel.Id"/>.</summary>
    IReadOnlyList<CaptionedLabel> Labels { get; }

    /// <summary>
    /// Images of the labels that are not held out, <paramref name="augmentations"/> views each, drawn from
    /// <paramref name="seed"/>: the same seed gives the same images in the same order.
    /// </summary>
    IEnumerable<CaptionedImage> TrainingImages(int augmentations, ulong seed);

    /// <summary>One plain view per picture of each held-out label, for evaluation.</summary>
    IEnumerable<CaptionedImage> EvaluationImages();
}
