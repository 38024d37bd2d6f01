namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Zero-shot recognition of held-out object renders (see <see cref="ObjectRecognitionEvaluator"/>). Accuracies are
/// fractions, 0 to 1; each comes with what guessing would give.
/// </summary>
/// <param name="Condition">What is unseen about the pictures ("colour × kind pairs, viewpoints").</param>
/// <param name="Images">Pictures evaluated.</param>
/// <param name="Kinds">Kinds ranked: every kind of the catalogue, not only those pictured.</param>
/// <param name="KindImageToTextTop1">Pictures whose best kind prompt names their kind.</param>
/// <param name="KindTextToImageTop1">Pictured kinds whose prompt's best picture shows that kind.</param>
/// <param name="KindChance">1 / kinds.</param>
/// <param name="ColourTop1">Pictures whose best "a {colour} {kind}" prompt (their kind, every colour) names their colour.</param>
/// <param name="ColourChance">1 / colours.</param>
/// <param name="SynonymImages">Pictures of kinds with a synonym that shares no word with the kind's name (those queried).</param>
/// <param name="SynonymTop1">Of those, pictures whose best kind — each kind prompted by its synonyms, never by the
/// name training used — is theirs.</param>
public sealed record ObjectRecognitionEvaluation(
    string Condition, int Images, int Kinds,
    double KindImageToTextTop1, double KindTextToImageTop1, double KindChance,
    double ColourTop1, double ColourChance,
    int SynonymImages, double SynonymTop1);
