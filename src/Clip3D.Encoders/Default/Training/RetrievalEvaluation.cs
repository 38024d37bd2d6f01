namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Held-out retrieval of one source: image → text ranks the held-out labels' captions (averaged per label) for each
/// held-out image; text → image ranks the held-out images for each label's captions, a hit being any image of that
/// label. Accuracies are fractions, 0 to 1.
/// </summary>
/// <param name="Source">The source's description.</param>
/// <param name="Labels">Held-out labels ranked.</param>
/// <param name="Images">Held-out images ranked.</param>
/// <param name="TopK">The k of the top-k columns.</param>
/// <param name="ImageToTextTop1">Images whose best label is theirs.</param>
/// <param name="ImageToTextTopK">Images whose label is among their k best.</param>
/// <param name="TextToImageTop1">Labels whose best image shows them.</param>
/// <param name="TextToImageTopK">Labels with an image of theirs among their k best.</param>
/// <param name="ImageToTextChanceTopK">What guessing would give image → text top-k: k / labels.</param>
public sealed record RetrievalEvaluation(
    string Source, int Labels, int Images, int TopK,
    double ImageToTextTop1, double ImageToTextTopK, double TextToImageTop1, double TextToImageTopK,
    double ImageToTextChanceTopK);
