namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// One emoji of <see cref="EmojiDataset"/>: what it shows, in words, and its pictures in every image set loaded.
/// Skin-tone variations are not entries: they show the same thing.
/// </summary>
public sealed record EmojiEntry
{
    /// <summary>Its code points as emoji-data writes them, e.g. "1F42E" (cow face) or "1F6CB-FE0F" (couch and lamp).</summary>
    public required string Unified { get; init; }

    /// <summary>Its Unicode name, lower-cased: "cow face", "couch and lamp".</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Every name it goes by: <see cref="Name"/> first, then its short names with '_' as spaces ("cow", "couch and
    /// lamp"), each once.
    /// </summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>emoji-data's category, e.g. "Animals &amp; Nature".</summary>
    public required string Category { get; init; }

    /// <summary>emoji-data's subcategory, e.g. "animal-mammal".</summary>
    public required string Subcategory { get; init; }

    /// <summary>Every caption for it: each of <see cref="Names"/> in each caption template, each once.</summary>
    public required IReadOnlyList<string> Captions { get; init; }

    /// <summary>Its pictures, one per image set that draws it, in the order the packages were given.</summary>
    public required IReadOnlyList<EmojiPicture> Pictures { get; init; }

    /// <summary>Whether it is kept for evaluation: chosen per emoji, so all its pictures are on the same side.</summary>
    public required bool IsHeldOut { get; init; }
}
