namespace Clip3D.Encoders.Default.Training;

/// <summary>One emoji's picture in one image set: a 64×64 RGBA PNG.</summary>
/// <param name="ImageSet">The set it is drawn in: "google" (Noto Emoji, Apache-2.0) or "twitter" (Twemoji, CC-BY 4.0).</param>
/// <param name="Path">The PNG file.</param>
public sealed record EmojiPicture(string ImageSet, string Path);
