using System.Text.RegularExpressions;

namespace Clip3D.Views.Training;

/// <summary>
/// The caption templates of <see cref="ObjectRenderDataset"/>. Placeholders: <c>{kind}</c>, <c>{colour}</c>,
/// <c>{size}</c> (<c>small</c> or <c>large</c>, only for instances near either end of their kind's size range).
/// The article before the first word is fixed up (<c>an orange mug</c>).
/// </summary>
public static partial class ObjectCaptions
{
    /// <summary>Templates for a picture of an object alone on a plain background.</summary>
    public static IReadOnlyList<string> Plain { get; } =
    [
        "a {colour} {kind}",
        "a photo of a {colour} {kind}",
        "a {kind}",
        "a rendering of a {colour} {kind}",
        "a picture of a {kind}",
        "the {colour} {kind}",
    ];

    /// <summary>Templates that need a size word.</summary>
    public static IReadOnlyList<string> Sized { get; } = ["a {size} {colour} {kind}", "a photo of a {size} {kind}"];

    /// <summary>Templates for a picture of an object standing on a floor.</summary>
    public static IReadOnlyList<string> OnFloor { get; } = ["a {colour} {kind} on the floor", "a {kind} on the ground"];

    /// <summary>Fills <paramref name="template"/> and fixes "a" before a vowel to "an".</summary>
    /// <exception cref="ArgumentException">The template needs a size and none is given.</exception>
    public static string Fill(string template, string kind, string colour, string? size = null)
    {
        if (template.Contains("{size}") && size is null)
            throw new ArgumentException($"Caption template '{template}' needs a size word.", nameof(size));
        var text = template.Replace("{kind}", kind).Replace("{colour}", colour).Replace("{size}", size ?? "");
        return ArticleBeforeVowel().Replace(text, m => m.Groups[1].Value + "an ");
    }

    [GeneratedRegex(@"(^|\s)a (?=[aeiou])")]
    private static partial Regex ArticleBeforeVowel();
}
