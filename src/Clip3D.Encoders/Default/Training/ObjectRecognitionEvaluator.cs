using Clip3D.Mesh.Demo;
using Clip3D.Views.Encoders;
using Clip3D.Views.Training;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Scores an image–text space on pictures of catalogue objects (<see cref="ObjectKinds"/>) whose kind and colour are
/// known: which kind of the whole catalogue each picture is (prompt ensembles of the kind's name), which colour (among
/// every colour of the vocabulary, its kind given), and which kind when every kind is asked for by a synonym instead of
/// its name. Synonyms that share a word with the name ("coffee mug" for mug) or only respace it ("tea pot") would test
/// nothing, so only real synonyms count ("couch" for sofa, "spanner" for wrench); a kind without one is prompted by its
/// name and is a distractor only. Pure arithmetic over embeddings, so any encoder can be scored the same way.
/// </summary>
public static class ObjectRecognitionEvaluator
{
    /// <summary>The templates of a kind prompt (<see cref="ObjectCaptions"/> placeholders); their embeddings are averaged.</summary>
    public static IReadOnlyList<string> KindTemplates { get; } = ["a {kind}", "a photo of a {kind}", "a rendering of a {kind}", "a picture of a {kind}"];

    /// <summary>The templates of a colour prompt.</summary>
    public static IReadOnlyList<string> ColourTemplates { get; } = ["a {colour} {kind}", "a photo of a {colour} {kind}"];

    /// <summary>
    /// Evaluates <paramref name="imageVectors"/> (L2-normalised rows of dimension <paramref name="dimension"/>, one per
    /// picture) showing <paramref name="kindIds"/> in <paramref name="colourIds"/>; <paramref name="embedTexts"/> gives
    /// L2-normalised rows for texts in the same space.
    /// </summary>
    public static ObjectRecognitionEvaluation Evaluate(string condition, ReadOnlySpan<float> imageVectors, int dimension,
        IReadOnlyList<int> kindIds, IReadOnlyList<int> colourIds, Func<IReadOnlyList<string>, float[]> embedTexts)
    {
        ArgumentNullException.ThrowIfNull(kindIds);
        ArgumentNullException.ThrowIfNull(colourIds);
        ArgumentNullException.ThrowIfNull(embedTexts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        int n = kindIds.Count;
        if (colourIds.Count != n || imageVectors.Length != n * dimension)
            throw new ArgumentException($"Expected {n} kinds, colours and image vectors of {dimension}; got {colourIds.Count} colours and {imageVectors.Length} floats.");
        var kinds = ObjectKinds.All;
        var colours = ColourVocabulary.All;
        for (int i = 0; i < n; i++)
        {
            if ((uint)kindIds[i] >= (uint)kinds.Count) throw new ArgumentException($"Picture {i}: kind id {kindIds[i]} is not in the catalogue.");
            if ((uint)colourIds[i] >= (uint)colours.Count) throw new ArgumentException($"Picture {i}: colour id {colourIds[i]} is not in the vocabulary.");
        }

        // Kinds by name.
        var byName = Ensembles(kinds.Select(k => (IReadOnlyList<string>)[k.Name]).ToArray(), "", KindTemplates, dimension, embedTexts);
        var scores = Scores(imageVectors, byName, dimension, n, kinds.Count);
        int kindHits = 0;
        for (int i = 0; i < n; i++)
            if (ArgMax(scores, i, kinds.Count) == kindIds[i]) kindHits++;
        int textHits = 0, textQueries = 0;
        foreach (int kind in kindIds.Distinct())
        {
            textQueries++;
            int best = 0;
            for (int i = 1; i < n; i++)
                if (scores[i * kinds.Count + kind] > scores[best * kinds.Count + kind]) best = i;
            if (kindIds[best] == kind) textHits++;
        }

        // Colours, the kind given: one ensemble per (pictured kind, colour).
        int colourHits = 0;
        var colourVectors = new Dictionary<int, float[]>();
        foreach (int kind in kindIds.Distinct())
        {
            var phrases = colours.Select(c => (IReadOnlyList<string>)[c.Name]).ToArray();
            colourVectors[kind] = Ensembles(phrases, kinds[kind].Name, ColourTemplates, dimension, embedTexts, phraseIsColour: true);
        }
        for (int i = 0; i < n; i++)
        {
            var vectors = colourVectors[kindIds[i]];
            var image = imageVectors.Slice(i * dimension, dimension);
            int best = 0;
            float bestScore = float.NegativeInfinity;
            for (int c = 0; c < colours.Count; c++)
            {
                float s = EmbeddingBatch.Dot(image, vectors.AsSpan(c * dimension, dimension));
                if (s > bestScore) (best, bestScore) = (c, s);
            }
            if (best == colourIds[i]) colourHits++;
        }

        // Kinds by synonym.
        var synonyms = kinds.Select(RealSynonyms).ToArray();
        var bySynonym = Ensembles(kinds.Select((k, i) => synonyms[i].Count > 0 ? synonyms[i] : (IReadOnlyList<string>)[k.Name]).ToArray(),
            "", KindTemplates, dimension, embedTexts);
        var synonymScores = Scores(imageVectors, bySynonym, dimension, n, kinds.Count);
        int synonymImages = 0, synonymHits = 0;
        for (int i = 0; i < n; i++)
        {
            if (synonyms[kindIds[i]].Count == 0) continue;
            synonymImages++;
            if (ArgMax(synonymScores, i, kinds.Count) == kindIds[i]) synonymHits++;
        }

        return new ObjectRecognitionEvaluation(condition, n, kinds.Count,
            Fraction(kindHits, n), Fraction(textHits, textQueries), 1.0 / kinds.Count,
            Fraction(colourHits, n), 1.0 / colours.Count,
            synonymImages, Fraction(synonymHits, synonymImages));
    }

    /// <summary>
    /// The synonyms of <paramref name="kind"/> that are other words for it: no word in common with its name, and not
    /// the name respaced ("tea pot", "screw driver").
    /// </summary>
    public static IReadOnlyList<string> RealSynonyms(ObjectKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var nameWords = kind.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string squashed = kind.Name.Replace(" ", "", StringComparison.Ordinal);
        return kind.Synonyms
            .Where(s => !s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(w => nameWords.Contains(w, StringComparer.OrdinalIgnoreCase)))
            .Where(s => !string.Equals(s.Replace(" ", "", StringComparison.Ordinal), squashed, StringComparison.OrdinalIgnoreCase))
            .ToArray();
    }

    /// <summary>
    /// One normalised vector per entry of <paramref name="phrases"/>: the mean over its phrases × templates, each phrase
    /// filling {kind} (or {colour} when <paramref name="phraseIsColour"/>, <paramref name="other"/> filling {kind}).
    /// </summary>
    internal static float[] Ensembles(IReadOnlyList<string>[] phrases, string other, IReadOnlyList<string> templates, int dimension,
        Func<IReadOnlyList<string>, float[]> embedTexts, bool phraseIsColour = false)
    {
        var texts = new List<string>();
        var owner = new List<int>();
        for (int e = 0; e < phrases.Length; e++)
            foreach (var phrase in phrases[e])
                foreach (var template in templates)
                {
                    texts.Add(phraseIsColour ? ObjectCaptions.Fill(template, other, phrase) : ObjectCaptions.Fill(template, phrase, other));
                    owner.Add(e);
                }
        var embedded = embedTexts(texts);
        if (embedded.Length != texts.Count * dimension)
            throw new InvalidOperationException($"The text embedder returned {embedded.Length} floats for {texts.Count} texts of dimension {dimension}.");
        var result = new float[phrases.Length * dimension];
        for (int t = 0; t < texts.Count; t++)
            for (int k = 0; k < dimension; k++)
                result[owner[t] * dimension + k] += embedded[t * dimension + k];
        EmbeddingBatch.NormalizeRows(result, dimension);
        return result;
    }

    private static float[] Scores(ReadOnlySpan<float> images, float[] labels, int d, int n, int count)
    {
        var scores = new float[n * count];
        for (int i = 0; i < n; i++)
            for (int l = 0; l < count; l++)
                scores[i * count + l] = EmbeddingBatch.Dot(images.Slice(i * d, d), labels.AsSpan(l * d, d));
        return scores;
    }

    private static int ArgMax(float[] scores, int row, int count)
    {
        int best = 0;
        for (int l = 1; l < count; l++)
            if (scores[row * count + l] > scores[row * count + best]) best = l;
        return best;
    }

    private static double Fraction(int hits, int total) => total == 0 ? 0 : (double)hits / total;
}
