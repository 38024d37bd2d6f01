using Clip3D.Encoders.Default;
using Clip3D.Encoders.Default.Training;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Encoders.Tests.Default.Training;

/// <summary>
/// A reduced real run of the default encoder's training: 200 real emoji (the packages installed with npm into the
/// user's cache, about 150 MB once), 2 views each, 10 epochs; about half a minute on 2 cores. Skips when npm cannot
/// install the packages.
/// </summary>
public class DefaultEncoderTrainingNetworkTests(ITestOutputHelper output)
{
    [SkippableFact]
    [Trait("Category", "Network")]
    public void AReducedRunRetrievesHeldOutEmojiFarAboveChance()
    {
        EmojiDataset dataset;
        try
        {
            dataset = EmojiDataset.Install(new NpmPackageCache());
        }
        catch (InvalidOperationException e)
        {
            throw new SkipException($"npm could not install the emoji packages: {e.Message}");
        }
        using var folder = new TempDirectory();
        var result = DefaultEncoderTraining.Run(new DefaultTrainingOptions
        {
            OutputPath = Path.Combine(folder.Path, "heads.c3dh"),
            Sources = [new EmojiImageSource(dataset, maxEmoji: 200)],
            Augmentations = 2,
            Training = AlignmentTrainingOptions.Default with { Epochs = 10 },
            Seed = 0,
            Log = output.WriteLine,
        });
        var evaluation = Assert.Single(result.Evaluations);
        output.WriteLine(DefaultEncoderTraining.Format(evaluation));
        output.WriteLine($"{result.TrainingPairs} pairs, {result.TotalSeconds:F0} s, heads {result.HeadsBytes} bytes");

        // 47 held-out emoji (seed 0): top-5 by chance is 10.6%. Measured: 35.1% image→text, 40.4% text→image.
        Assert.InRange(evaluation.Labels, 25, 60);
        Assert.True(evaluation.ImageToTextTopK > 2.5 * evaluation.ImageToTextChanceTopK,
            $"image→text top-5 {evaluation.ImageToTextTopK:P1} is not clearly above chance {evaluation.ImageToTextChanceTopK:P1}");
        Assert.True(evaluation.TextToImageTopK > 2.5 * evaluation.ImageToTextChanceTopK,
            $"text→image top-5 {evaluation.TextToImageTopK:P1} is not clearly above chance");
        Assert.True(evaluation.ImageToTextTop1 > 1.0 / evaluation.Labels, $"image→text top-1 {evaluation.ImageToTextTop1:P1} is at chance");
    }
}
