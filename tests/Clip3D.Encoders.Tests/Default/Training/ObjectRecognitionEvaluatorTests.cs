using Clip3D.Encoders.Default.Training;
using Clip3D.Mesh.Demo;
using Xunit;

namespace Clip3D.Encoders.Tests.Default.Training;

/// <summary>
/// The recognition scores on a hand-made space where the right answers are known: one axis per kind and per colour;
/// an image is its kind's axis plus its colour's, a text the axes of the words it names.
/// </summary>
public class ObjectRecognitionEvaluatorTests
{
    private static readonly int Kinds = ObjectKinds.All.Count, Colours = ColourVocabulary.All.Count, D = Kinds + Colours;

    [Fact]
    public void AnEmbeddingThatKnowsKindsColoursAndSynonymsScoresFull()
    {
        var (images, kinds, colours) = Pictures(30);
        var e = ObjectRecognitionEvaluator.Evaluate("test", images, D, kinds, colours, texts => Embed(texts, knowsSynonyms: true));

        Assert.Equal(30, e.Images);
        Assert.Equal(Kinds, e.Kinds);
        Assert.Equal(1.0, e.KindImageToTextTop1);
        Assert.Equal(1.0, e.KindTextToImageTop1);
        Assert.Equal(1.0, e.ColourTop1);
        Assert.Equal(1.0, e.SynonymTop1);
        Assert.Equal(1.0 / Kinds, e.KindChance, 9);
        Assert.Equal(1.0 / Colours, e.ColourChance, 9);
        Assert.InRange(e.SynonymImages, 1, 30);
    }

    [Fact]
    public void SynonymsItNeverLearnedScoreNothingWhileNamesStillDo()
    {
        var (images, kinds, colours) = Pictures(40);
        var e = ObjectRecognitionEvaluator.Evaluate("test", images, D, kinds, colours, texts => Embed(texts, knowsSynonyms: false));

        Assert.Equal(1.0, e.KindImageToTextTop1);
        // Asked by synonyms the embedding does not know, every kind prompt is the same vector: the first kind always wins.
        Assert.True(e.SynonymTop1 < 0.2, $"synonym top-1 {e.SynonymTop1}");
    }

    [Fact]
    public void WrongColoursAreCounted()
    {
        var (images, kinds, colours) = Pictures(20);
        var shifted = colours.Select(c => (c + 1) % Colours).ToArray(); // labels say another colour than the pixels show
        var e = ObjectRecognitionEvaluator.Evaluate("test", images, D, kinds, shifted, texts => Embed(texts, knowsSynonyms: true));
        Assert.Equal(0.0, e.ColourTop1);
        Assert.Equal(1.0, e.KindImageToTextTop1);
    }

    [Fact]
    public void OnlyRealSynonymsCount()
    {
        Assert.Equal(["couch", "settee"], ObjectRecognitionEvaluator.RealSynonyms(Kind("sofa")));
        Assert.Equal(["beaker"], ObjectRecognitionEvaluator.RealSynonyms(Kind("mug"))); // "coffee mug" shares "mug"
        Assert.Empty(ObjectRecognitionEvaluator.RealSynonyms(Kind("teapot")));         // "tea pot" only respaces it
        Assert.Equal(["spanner"], ObjectRecognitionEvaluator.RealSynonyms(Kind("wrench")));
    }

    [Fact]
    public void MismatchedInputsAreRefused()
    {
        var (images, kinds, colours) = Pictures(3);
        var e = Assert.Throws<ArgumentException>(() =>
            ObjectRecognitionEvaluator.Evaluate("test", images.AsSpan(0, D * 2), D, kinds, colours, t => Embed(t, true)));
        Assert.Contains("Expected 3 kinds", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            ObjectRecognitionEvaluator.Evaluate("test", images, D, [kinds[0], Kinds, kinds[2]], colours, t => Embed(t, true)));
        Assert.Contains("Picture 1: kind id", e.Message);
    }

    private static ObjectKind Kind(string name) => ObjectKinds.All.Single(k => k.Name == name);

    private static (float[] Images, int[] Kinds, int[] Colours) Pictures(int count)
    {
        var images = new float[count * D];
        var kinds = new int[count];
        var colours = new int[count];
        for (int i = 0; i < count; i++)
        {
            kinds[i] = (i * 7) % Kinds;
            colours[i] = (i * 3) % Colours;
            images[i * D + kinds[i]] = 0.8f;
            images[i * D + Kinds + colours[i]] = 0.6f;
        }
        return (images, kinds, colours);
    }

    /// <summary>A text's vector: the axes of the kinds it names, plus its colour's axis.</summary>
    private static float[] Embed(IReadOnlyList<string> texts, bool knowsSynonyms)
    {
        var result = new float[texts.Count * D];
        for (int t = 0; t < texts.Count; t++)
        {
            var text = " " + texts[t] + " ";
            // Every kind whose name (or synonym) it contains, but not "tv" inside "tv stand".
            var matches = new List<(int Kind, string Word)>();
            foreach (var k in ObjectKinds.All)
                foreach (var word in knowsSynonyms ? [k.Name, .. k.Synonyms] : new[] { k.Name })
                    if (text.Contains(" " + word + " ", StringComparison.Ordinal))
                        matches.Add((k.Id, word));
            var kinds = matches.Where(m => !matches.Any(o => o.Word.Length > m.Word.Length && o.Word.Contains(m.Word, StringComparison.Ordinal)))
                .Select(m => m.Kind).Distinct().ToList();
            foreach (int kind in kinds) result[t * D + kind] = 0.8f;
            var colour = ColourVocabulary.All.FirstOrDefault(c => text.Contains(" " + c.Name + " ", StringComparison.Ordinal));
            if (colour is not null) result[t * D + Kinds + colour.Id] = 0.6f;
            if (kinds.Count == 0 && colour is null) result[t * D] = 1e-3f; // some direction, so normalising stays finite
        }
        Clip3D.Views.Encoders.EmbeddingBatch.NormalizeRows(result, D);
        return result;
    }
}
