namespace Clip3D.Encoders.Default.Training;

/// <summary>Which emoji <see cref="EmojiDataset"/> keeps, how it captions them and how it splits them.</summary>
public sealed record EmojiDatasetOptions
{
    /// <summary>The categories kept by default. Declared before <see cref="Default"/>, whose initializer reads it.</summary>
    public static IReadOnlyList<string> DefaultCategories { get; } =
        ["Food & Drink", "Animals & Nature", "Travel & Places", "Objects", "Activities"];

    public static EmojiDatasetOptions Default { get; } = new();

    /// <summary>
    /// The emoji-data categories kept; null keeps all. Default: the five that show things a scene can hold (food,
    /// animals and plants, vehicles and buildings, objects, sports gear and toys): 857 emoji in 16.0.0. Left out:
    /// "Smileys &amp; Emotion" and "People &amp; Body" (faces, gestures and roles: not objects), "Flags" (270
    /// rectangles named after countries) and "Symbols" (signs and glyphs), which would teach the alignment little
    /// about objects and take a third of the training pairs.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; } = DefaultCategories;

    /// <summary>
    /// Caption templates: "{name}" is replaced by a name, "{a name}" by the name after "a" or "an". Default: the bare
    /// name, "an emoji of {a name}", "a drawing of {a name}" and "a picture of {a name}".
    /// </summary>
    public IReadOnlyList<string> CaptionTemplates { get; init; } =
        ["{name}", "an emoji of {a name}", "a drawing of {a name}", "a picture of {a name}"];

    /// <summary>The fraction of emoji held out for evaluation, 0 to 1. Default 0.2.</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    /// <summary>Seeds the held-out choice: the same seed holds out the same emoji on every machine. Default 0.</summary>
    public ulong SplitSeed { get; init; }

    /// <summary>The picture size used, in pixels: emoji-datasource 16.0.0 ships only <c>img/&lt;set&gt;/64</c>. Default 64.</summary>
    public int ImageSize { get; init; } = 64;
}
