using Clip3D.Mesh;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// <see cref="EmojiDataset"/> as an <see cref="ICaptionedImageSource"/>: one label per emoji (captions: its names in
/// the dataset's templates), trained on augmented views (<see cref="EmojiAugmenter"/>) of every picture of the emoji
/// not held out, evaluated on each held-out picture drawn plainly (<see cref="EmojiPlacement.Centered"/>).
/// </summary>
public sealed class EmojiImageSource : ICaptionedImageSource
{
    private readonly IReadOnlyList<EmojiEntry> _entries;
    private readonly EmojiAugmenter _augmenter;

    /// <summary>
    /// Uses every emoji of <paramref name="dataset"/>, or at most <paramref name="maxEmoji"/> of them taken evenly
    /// through emoji.json's order (so every category keeps its share); each keeps its held-out side.
    /// </summary>
    public EmojiImageSource(EmojiDataset dataset, EmojiAugmenter? augmenter = null, int? maxEmoji = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (maxEmoji is < 1)
            throw new ArgumentOutOfRangeException(nameof(maxEmoji), maxEmoji, "maxEmoji must be at least 1.");
        _augmenter = augmenter ?? new EmojiAugmenter();
        var all = dataset.Entries;
        int count = Math.Min(maxEmoji ?? all.Count, all.Count);
        // Evenly spaced indices: entry ⌊i·n/count⌋ for i < count.
        _entries = Enumerable.Range(0, count).Select(i => all[(int)((long)i * all.Count / count)]).ToArray();
        Labels = _entries.Select((e, i) => new CaptionedLabel(i, e.Name, e.Captions, e.IsHeldOut)).ToArray();
        Description = $"emoji-datasource {EmojiDataset.PackageVersion} ({string.Join(" + ", dataset.ImageSets)}): " +
                      $"{_entries.Count(e => !e.IsHeldOut)} training emoji, {_entries.Count(e => e.IsHeldOut)} held out";
    }

    public string Description { get; }

    public IReadOnlyList<CaptionedLabel> Labels { get; }

    public IEnumerable<CaptionedImage> TrainingImages(int augmentations, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(augmentations);
        for (int label = 0; label < _entries.Count; label++)
        {
            var entry = _entries[label];
            if (entry.IsHeldOut) continue;
            for (int picture = 0; picture < entry.Pictures.Count; picture++)
            {
                var path = entry.Pictures[picture].Path;
                for (int view = 0; view < augmentations; view++)
                {
                    // One random stream per (emoji, picture, view): an image does not depend on which others are drawn.
                    ulong stream = HashCode(entry.Unified, picture, view);
                    yield return new CaptionedImage(label, () => _augmenter.Augment(path, new DeterministicRandom(seed, stream)));
                }
            }
        }
    }

    public IEnumerable<CaptionedImage> EvaluationImages()
    {
        for (int label = 0; label < _entries.Count; label++)
        {
            if (!_entries[label].IsHeldOut) continue;
            foreach (var picture in _entries[label].Pictures)
            {
                var path = picture.Path;
                yield return new CaptionedImage(label, () => _augmenter.Render(path, EmojiPlacement.Centered));
            }
        }
    }

    /// <summary>FNV-1a over the emoji's code points, picture and view: stable across runs and platforms (unlike string.GetHashCode).</summary>
    private static ulong HashCode(string unified, int picture, int view)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in $"{unified}/{picture}/{view}")
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
