namespace Clip3D.Views.Encoders;

/// <summary>Settings of a <see cref="ClipTokenizer"/>.</summary>
public sealed record ClipTokenizerOptions
{
    /// <summary>The defaults: CLIP's context of 77 tokens and a cache of 100,000 words.</summary>
    public static ClipTokenizerOptions Default { get; } = new();

    /// <summary>
    /// Tokens per text, start and end tokens included (default 77, CLIP's text context). <see cref="ClipTokenizer.Encode"/>
    /// truncates to it, keeping the end token last. At least 2.
    /// </summary>
    public int ContextLength { get; init; } = ClipTokenizer.DefaultContextLength;

    /// <summary>
    /// How many distinct words the BPE cache holds (default 100,000: at most about 15 MB). When it is full it is emptied and
    /// refilled, so memory stays bounded however many different words pass through. 0 turns the cache off.
    /// </summary>
    public int WordCacheCapacity { get; init; } = 100_000;
}
